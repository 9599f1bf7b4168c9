import graphene
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.scalars import PositiveDecimal

from ....credit import accounts
from ....credit.accounts import CreditError
from ....groups.models import CustomerGroup
from ...core import ADDED_IN_B2B_01
from ..types import CreditSubLimit
from .base import (
    ACCOUNT_PERMISSIONS,
    CreditMutation,
    from_domain,
    not_found,
    pk_of,
)


class CreditSubLimitSet(CreditMutation):
    credit_sub_limit = graphene.Field(CreditSubLimit, description="The sub-limit.")

    class Arguments:
        group = graphene.ID(
            required=True, description="A group below a credit account's owner."
        )
        limit = PositiveDecimal(
            required=True, description="At most the pool's limit, in its currency."
        )

    class Meta:
        description = (
            "Sets the sub-limit of a group inside the pool of the nearest account "
            "above it: the group and the groups below it draw at most this much."
            + ADDED_IN_B2B_01
        )
        permissions = ACCOUNT_PERMISSIONS

    @classmethod
    def perform_mutation(  # type: ignore[override]
        cls, _root, info: ResolveInfo, /, *, group, limit
    ):
        group_pk = pk_of(group, "CustomerGroup", "group")
        found = CustomerGroup.objects.filter(pk=group_pk).first()
        if found is None:
            raise not_found("group", "Group")
        try:
            sub = accounts.set_sub_limit(found, limit)
        except CreditError as e:
            raise from_domain(e) from e
        return cls(credit_sub_limit=sub)
