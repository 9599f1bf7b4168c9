import graphene
from django.core.exceptions import ValidationError
from saleor.graphql.core.utils import from_global_id_or_error

from ....quantities.error_codes import QuantityRuleErrorCode
from ..types import ADMIN_PERMISSIONS, QuantityRuleError

PERMISSIONS = tuple(ADMIN_PERMISSIONS)

__all__ = ["PERMISSIONS", "QuantityRuleError", "decode"]


def decode(global_id: str, type_name: str, field: str) -> int:
    """The pk in a Relay ID of ``type_name``, or a ``GRAPHQL_ERROR`` on ``field``."""
    try:
        _, pk = from_global_id_or_error(global_id, type_name, raise_error=True)
        return int(pk)
    except Exception as e:
        raise ValidationError(
            {
                field: ValidationError(
                    f"Invalid ID: {global_id}. Expected: {type_name}.",
                    code=QuantityRuleErrorCode.GRAPHQL_ERROR.value,
                )
            }
        ) from e


def not_found(field: str, what: str) -> ValidationError:
    return ValidationError(
        {
            field: ValidationError(
                f"{what} not found.", code=QuantityRuleErrorCode.NOT_FOUND.value
            )
        }
    )


def global_id(type_name: str, pk: int) -> str:
    return graphene.Node.to_global_id(type_name, pk)
