import graphene
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.doc_category import DOC_CATEGORY_PRODUCTS
from saleor.graphql.core.types import BaseInputObjectType, NonNullList

from ....visibility import services
from ...core import ADDED_IN_B2B_01
from ...groups.types import CustomerGroup as CustomerGroupType
from ..enums import CatalogModeEnum
from .base import (
    CatalogVisibilityMutation,
    GroupArguments,
    as_validation_error,
    decode,
    get_group,
)


class CustomerGroupCatalogInput(BaseInputObjectType):
    catalog_mode = CatalogModeEnum(
        description="The group's own catalog mode; null inherits the parent's."
    )
    allowed_channels = NonNullList(
        graphene.ID,
        description=(
            "The channels the group's members may see and buy in; null inherits "
            "the parent's (at the root: every channel)."
        ),
    )

    class Meta:
        doc_category = DOC_CATEGORY_PRODUCTS


class CustomerGroupCatalogUpdate(CatalogVisibilityMutation):
    customer_group = graphene.Field(CustomerGroupType, description="The group.")

    class Arguments(GroupArguments):
        input = CustomerGroupCatalogInput(required=True, description="What to set.")

    class Meta:
        description = (
            "Sets a group's catalog mode and allowed channels (inherited by the "
            "groups below it)." + ADDED_IN_B2B_01
        )

    @classmethod
    def perform_mutation(  # type: ignore[override]
        cls, _root, info: ResolveInfo, /, *, input, id=None, external_reference=None
    ):
        group = get_group(id, external_reference)
        changes = {}
        if "catalog_mode" in input:
            changes["catalog_mode"] = input["catalog_mode"]
        global_ids: list[str] = []
        pks: list[int] = []
        if "allowed_channels" in input:
            global_ids = input["allowed_channels"] or []
            pks = [decode(gid, "Channel", "allowed_channels") for gid in global_ids]
            changes["allowed_channels"] = (
                None if input["allowed_channels"] is None else pks
            )
        try:
            group = services.update_group_catalog(group, **changes)
        except services.CatalogInputError as e:
            raise as_validation_error(e, global_ids, pks) from e
        return cls(customer_group=group)
