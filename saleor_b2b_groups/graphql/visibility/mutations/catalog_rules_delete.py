import graphene
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.types import NonNullList

from ....visibility import services
from ...core import ADDED_IN_B2B_01
from ...groups.types import CustomerGroup as CustomerGroupType
from .base import (
    CatalogVisibilityMutation,
    GroupArguments,
    as_validation_error,
    decode,
    get_group,
)


class CustomerGroupCatalogRulesDelete(CatalogVisibilityMutation):
    customer_group = graphene.Field(CustomerGroupType, description="The group.")
    deleted_count = graphene.Int(description="Rules deleted.")

    class Arguments(GroupArguments):
        rules = NonNullList(
            graphene.ID, required=True, description="IDs of the group's rules."
        )

    class Meta:
        description = "Deletes rules of a group; all or nothing." + ADDED_IN_B2B_01

    @classmethod
    def perform_mutation(  # type: ignore[override]
        cls, _root, info: ResolveInfo, /, *, rules, id=None, external_reference=None
    ):
        pks = [decode(gid, "CatalogRule", "rules") for gid in rules]
        group = get_group(id, external_reference)
        try:
            deleted = services.delete_catalog_rules(group, pks)
        except services.CatalogInputError as e:
            raise as_validation_error(e, rules, pks) from e
        return cls(customer_group=group, deleted_count=deleted)
