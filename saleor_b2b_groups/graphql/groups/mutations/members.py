"""Membership mutations: add, remove, change role. All or nothing."""

import graphene
from django.core.exceptions import ValidationError
from saleor.account.models import User
from saleor.graphql.core.doc_category import DOC_CATEGORY_USERS
from saleor.graphql.core.types import BaseInputObjectType
from saleor.graphql.core.utils import from_global_id_or_error

from ....groups import services
from ....groups.error_codes import CustomerGroupErrorCode
from ....groups.models import CustomerGroup
from ..enums import CustomerGroupRoleEnum
from ..types import CustomerGroup as CustomerGroupType
from .base import (
    CustomerGroupMutation,
    error,
    get_group_or_error,
)


class CustomerGroupMemberInput(BaseInputObjectType):
    user = graphene.ID(required=True, description="ID of the customer.")
    role = CustomerGroupRoleEnum(description="Role in the group; BUYER by default.")

    class Meta:
        doc_category = DOC_CATEGORY_USERS


def resolve_user_ids(global_ids: list[str], field: str) -> dict[str, int]:
    """Map each global ID to a user pk; unknown or malformed IDs are one error."""
    pks: dict[str, int] = {}
    invalid: list[str] = []
    for global_id in global_ids:
        try:
            _, pk = from_global_id_or_error(global_id, "User", raise_error=True)
            pks[global_id] = int(pk)
        except Exception:
            invalid.append(global_id)
    existing = set(
        User.objects.filter(pk__in=pks.values()).values_list("pk", flat=True)
    )
    invalid += [gid for gid, pk in pks.items() if pk not in existing]
    if invalid:
        raise ValidationError(
            {
                field: error(
                    "Unknown users.", CustomerGroupErrorCode.NOT_FOUND, users=invalid
                )
            }
        )
    return pks


def reject_duplicates(global_ids: list[str], field: str) -> None:
    seen: set[str] = set()
    duplicates = [gid for gid in global_ids if gid in seen or seen.add(gid)]  # type: ignore[func-returns-value]
    if duplicates:
        raise ValidationError(
            {
                field: error(
                    "Users are listed more than once.",
                    CustomerGroupErrorCode.INVALID,
                    users=duplicates,
                )
            }
        )


def membership_error(e: services.MembershipError, field: str, pks: dict[str, int]):
    """The service's refusal, naming the customers by the IDs the caller gave."""
    ids_of = {pk: global_id for global_id, pk in pks.items()}
    users = [ids_of[user_id] for user_id in e.user_ids if user_id in ids_of]
    return ValidationError({field: error(str(e), e.code, users=users)})


class MemberMutation(CustomerGroupMutation):
    customer_group = graphene.Field(CustomerGroupType, description="The group.")

    class Meta:
        abstract = True

    @classmethod
    def group_of(cls, group_id: str) -> CustomerGroup:
        return get_group_or_error(id=group_id, field="group")
