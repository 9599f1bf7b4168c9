"""What every self-service mutation shares: the buyer, IDs, errors."""

from django.core.exceptions import ValidationError
from saleor.core.db.connection import allow_writer
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.utils import from_global_id_or_error

from ....buyers.context import BuyerContext
from ....selfservice.error_codes import SelfServiceErrorCode as Code
from ....selfservice.lists import ListError
from ...buyer import request_buyer


def error(field: str, message: str, code: Code) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code.value)})


def list_error(e: ListError) -> ValidationError:
    return error(e.field, e.message, e.code)


def pk_of(global_id: str | None, type_name: str, field: str) -> int:
    """The integer pk of a Relay ID of ``type_name``; a typed error otherwise."""
    invalid = error(field, f"Expected the ID of a {type_name}.", Code.GRAPHQL_ERROR)
    if not global_id:
        raise invalid
    try:
        _, pk = from_global_id_or_error(global_id, type_name, raise_error=True)
        value = int(pk or 0)
    except Exception as e:
        raise invalid from e
    if not 0 < value < 2**31:
        raise invalid
    return value


def buyer_of(info: ResolveInfo) -> BuyerContext:
    """The requesting customer as a group member; ``INACTIVE`` otherwise."""
    with allow_writer():
        buyer = request_buyer(info.context)
    if buyer is None:
        raise error(
            "id",
            "Self-service is for members of a customer group.",
            Code.INACTIVE,
        )
    return buyer
