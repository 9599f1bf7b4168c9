"""What the segment mutations share: errors, the group lookup, the rules' errors."""

from django.core.exceptions import ValidationError
from graphene.utils.str_converters import to_camel_case
from saleor.graphql.core.doc_category import DOC_CATEGORY_USERS

from ....groups.models import CustomerGroup
from ....segments.error_codes import CustomerGroupSegmentErrorCode
from ....segments.rules import RuleError
from ...groups.types import ADMIN_PERMISSIONS
from ...lookups import error, get_or_error
from ...mutation_base import FeatureMutation
from ..types import CustomerGroupSegmentError


class CustomerGroupSegmentMutation(FeatureMutation):
    """What every segment mutation shares (see ``FeatureMutation``)."""

    DEFAULTS = {
        "doc_category": DOC_CATEGORY_USERS,
        "permissions": tuple(ADMIN_PERMISSIONS),
        "error_type_class": CustomerGroupSegmentError,
    }

    class Meta:
        abstract = True


def get_group(group_id: str) -> CustomerGroup:
    return get_or_error(
        CustomerGroup, CustomerGroupSegmentErrorCode, id=group_id, id_arg="group"
    )


def path_in_api(path: str) -> str:
    """``all[1].email_domain.domains`` as the API spells it."""
    return ".".join(to_camel_case(part) for part in path.split("."))


def rule_error(e: RuleError, field: str = "rules") -> ValidationError:
    where = path_in_api(e.path)
    message = f"{where}: {e.message}" if where else e.message
    return ValidationError({field: error(message, e.code)})
