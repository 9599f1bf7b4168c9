import graphene
from saleor.graphql.core import ResolveInfo
from saleor.graphql.shop.types import Shop

from .core import ADDED_IN_B2B_01, plugin_active_promise
from .schema_extension import TypeExtension


class ShopCustomerGroups(TypeExtension):
    extends = Shop

    customer_groups_enabled = graphene.Boolean(
        required=True,
        description=(
            "Whether B2B customer groups are active. When false, the API behaves as "
            "vanilla Saleor: group prices, catalog rules and approvals do not apply."
            + ADDED_IN_B2B_01
        ),
    )

    @staticmethod
    def resolve_customer_groups_enabled(_root, info: ResolveInfo):
        return plugin_active_promise(info.context)
