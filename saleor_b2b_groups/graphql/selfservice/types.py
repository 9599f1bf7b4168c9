import graphene
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.connection import CountableConnection
from saleor.graphql.core.doc_category import DOC_CATEGORY_CHECKOUT
from saleor.graphql.core.scalars import DateTime
from saleor.graphql.core.types import Error, NonNullList

from ...selfservice import models
from ...selfservice.rows import RowResult
from ..core import ADDED_IN_B2B_01
from ..groups.dataloaders import CustomerGroupByIdLoader
from ..groups.types import CustomerGroup
from .dataloaders import LinesByRequisitionListIdLoader
from .enums import RequisitionListVisibilityEnum, SelfServiceErrorCodeEnum


class SelfServiceError(Error):
    code = SelfServiceErrorCodeEnum(description="The error code.", required=True)

    class Meta:
        doc_category = DOC_CATEGORY_CHECKOUT


class SelfServiceRowResult(graphene.ObjectType):
    row = graphene.Int(required=True, description="The row's number, from 1.")
    sku = graphene.String(description="The SKU the row named.")
    variant_id = graphene.ID(
        description=(
            "The variant: the one the row named, or the one its SKU found when the "
            "row was accepted. Null for an unknown (or hidden) SKU."
        )
    )
    quantity = graphene.Int(description="The quantity, when it was a number.")
    code = SelfServiceErrorCodeEnum(description="Why the row was refused; null: added.")
    message = graphene.String()

    class Meta:
        doc_category = DOC_CATEGORY_CHECKOUT
        description = "What became of one row of a quick order or list." + (
            ADDED_IN_B2B_01
        )

    @staticmethod
    def resolve_row(root: RowResult, _info: ResolveInfo):
        return root.number

    @staticmethod
    def resolve_variant_id(root: RowResult, _info: ResolveInfo):
        if root.variant_id is None or (root.sku and root.code is not None):
            return None  # never confirm what a refused SKU points to
        return graphene.Node.to_global_id("ProductVariant", root.variant_id)

    @staticmethod
    def resolve_quantity(root: RowResult, _info: ResolveInfo):
        quantity = root.quantity
        if isinstance(quantity, int) and not isinstance(quantity, bool):
            return quantity if abs(quantity) < 2**31 else None
        return None

    @staticmethod
    def resolve_code(root: RowResult, _info: ResolveInfo):
        return root.code.value if root.code else None


class RequisitionListLine(graphene.ObjectType):
    id = graphene.ID(required=True)
    variant_id = graphene.ID(required=True, description="The variant's ID.")
    quantity = graphene.Int(required=True)
    note = graphene.String(required=True)
    created_at = DateTime(required=True)

    class Meta:
        doc_category = DOC_CATEGORY_CHECKOUT
        description = (
            "A variant and quantity on a requisition list. Query the variant "
            "through `productVariant(id:, channel:)`: it shows the buyer's prices "
            "and is null when the product is hidden from them." + ADDED_IN_B2B_01
        )

    @staticmethod
    def resolve_id(root: models.RequisitionListLine, _info: ResolveInfo):
        return graphene.Node.to_global_id("RequisitionListLine", root.pk)

    @staticmethod
    def resolve_variant_id(root: models.RequisitionListLine, _info: ResolveInfo):
        return graphene.Node.to_global_id("ProductVariant", root.variant_id)


class RequisitionList(graphene.ObjectType):
    """Not a Relay ``Node`` on purpose: ``node(id:)`` would bypass who may read
    a list."""

    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    visibility = RequisitionListVisibilityEnum(required=True)
    group = graphene.Field(CustomerGroup, description="The group it is shared with.")
    owner_email = graphene.String(required=True, description="Who keeps the list.")
    lines = NonNullList(RequisitionListLine, required=True)
    created_at = DateTime(required=True)
    updated_at = DateTime(required=True)

    class Meta:
        doc_category = DOC_CATEGORY_CHECKOUT
        description = (
            "A named list of products a buyer orders again and again; private or "
            "shared with one of the owner's groups." + ADDED_IN_B2B_01
        )

    @staticmethod
    def resolve_id(root: models.RequisitionList, _info: ResolveInfo):
        return graphene.Node.to_global_id("RequisitionList", root.pk)

    @staticmethod
    def resolve_group(root: models.RequisitionList, info: ResolveInfo):
        if root.group_id is None:
            return None
        return CustomerGroupByIdLoader(info.context).load(root.group_id)

    @staticmethod
    def resolve_owner_email(root: models.RequisitionList, _info: ResolveInfo):
        return root.owner.email

    @staticmethod
    def resolve_lines(root: models.RequisitionList, info: ResolveInfo):
        return LinesByRequisitionListIdLoader(info.context).load(root.pk)


class RequisitionListCountableConnection(CountableConnection):
    class Meta:
        doc_category = DOC_CATEGORY_CHECKOUT
        node = RequisitionList
