"""Everything this package adds to Saleor's GraphQL schema, in one list per kind.

``schema_extension`` reads these lists when Saleor builds its schema.
"""

from collections.abc import Callable

import graphene
from saleor.graphql.order.types import OrderLine
from saleor.graphql.product.types import Product, ProductVariant

from .approvals.fields import TYPE_EXTENSIONS as CHECKOUT_APPROVAL_FIELDS
from .approvals.schema import CheckoutApprovalMutations, CheckoutApprovalQueries
from .bulk.schema import BulkMutations
from .buyers.schema import BuyerMutations
from .buyers.user_fields import UserPurchasingGroup
from .credit.order_fields import OrderCreditPaymentTerms
from .credit.schema import CreditMutations, CreditQueries
from .credit.user_fields import UserCredit
from .groups.schema import CustomerGroupMutations, CustomerGroupQueries
from .groups.types import CustomerGroup, manage_customer_groups_permissions
from .groups.user_fields import UserCustomerGroups
from .input_guard import (
    GUARDED,
    ROWS_VALIDATED_BY_DOMAIN,
    guard_mutation,
    guard_query,
)
from .order_creation import ORDER_CREATE_FROM_CHECKOUT_CODES
from .pricing.checkout import CHECKOUT_REPRICING
from .pricing.explain import ProductVariantGroupPrice
from .pricing.group_fields import TYPE_EXTENSIONS as PRICE_LIST_GROUP_FIELDS
from .pricing.orders import DRAFT_ORDER_REPRICING
from .pricing.schema import PriceListMutations, PriceListQueries
from .pricing.storefront import PRODUCT_PRICING, VARIANT_PRICING
from .pricing.types import PRICE_LIST_METADATA
from .quantities.checkout import CHECKOUT_QUANTITIES
from .quantities.schema import TYPE_EXTENSIONS as QUANTITY_FIELDS
from .quantities.schema import QuantityRuleMutations
from .schema_extension import ResolverWrapper, TypeExtension
from .segments.schema import CustomerGroupSegmentMutations, CustomerGroupSegmentQueries
from .segments.types import TYPE_EXTENSIONS as SEGMENT_FIELDS
from .selfservice.list_fields import TYPE_EXTENSIONS as SELF_SERVICE_LIST_FIELDS
from .selfservice.order_fields import TYPE_EXTENSIONS as SELF_SERVICE_ORDER_FIELDS
from .selfservice.reorder import REORDER_RIGHTS
from .selfservice.schema import SelfServiceMutations, SelfServiceQueries
from .shop import ShopCustomerGroups
from .visibility.checkout import CHECKOUT_VISIBILITY
from .visibility.order_lines import ORDER_LINE_VISIBILITY
from .visibility.reorder import REORDER_VISIBILITY
from .visibility.schema import TYPE_EXTENSIONS as CATALOG_VISIBILITY_FIELDS
from .visibility.schema import CatalogVisibilityMutations, CatalogVisibilityQueries
from .webhooks.schema import ErpIntegrationMutations, ErpIntegrationQueries

#: Root query mixins, added to Saleor's ``Query``.
QUERIES: list[type[graphene.ObjectType]] = [
    CheckoutApprovalQueries,
    CustomerGroupQueries,
    ErpIntegrationQueries,
    PriceListQueries,
    CatalogVisibilityQueries,
    SelfServiceQueries,
    CreditQueries,
    CustomerGroupSegmentQueries,
]
#: Root mutation mixins, added to Saleor's ``Mutation``.
MUTATIONS: list[type[graphene.ObjectType]] = [
    CheckoutApprovalMutations,
    CustomerGroupMutations,
    ErpIntegrationMutations,
    PriceListMutations,
    CatalogVisibilityMutations,
    BulkMutations,
    BuyerMutations,
    QuantityRuleMutations,
    SelfServiceMutations,
    CreditMutations,
    CustomerGroupSegmentMutations,
]
#: Fields added to Saleor's own types.
TYPE_EXTENSIONS: list[type[TypeExtension]] = [
    ShopCustomerGroups,
    UserCustomerGroups,
    UserPurchasingGroup,
    ProductVariantGroupPrice,
    *PRICE_LIST_GROUP_FIELDS,
    *CATALOG_VISIBILITY_FIELDS,
    *CHECKOUT_APPROVAL_FIELDS,
    *QUANTITY_FIELDS,
    *SELF_SERVICE_ORDER_FIELDS,
    *SELF_SERVICE_LIST_FIELDS,
    UserCredit,
    OrderCreditPaymentTerms,
    *SEGMENT_FIELDS,
]
#: Saleor fields whose resolvers this package wraps, and the types they live on.
RESOLVER_WRAPPERS: list[ResolverWrapper] = [
    ORDER_CREATE_FROM_CHECKOUT_CODES,
    VARIANT_PRICING,
    PRODUCT_PRICING,
    *CHECKOUT_REPRICING,
    *DRAFT_ORDER_REPRICING,
    *CHECKOUT_QUANTITIES,  # after CHECKOUT_REPRICING: checks before it reprices
    *CHECKOUT_VISIBILITY,  # after the quantities: hidden products refused first
    REORDER_VISIBILITY,
    *ORDER_LINE_VISIBILITY,
    REORDER_RIGHTS,  # after REORDER_VISIBILITY: who may reorder, asked first
]


def _input_guards() -> list[ResolverWrapper]:
    """Every root field of this package checks its arguments first
    (``input_guard``): a mutation's resolver is wrapped; a query's own
    ``resolve_<name>`` is, so that Saleor's permission and connection wrappers
    still run first."""
    guards = []
    for mixin in QUERIES:
        for name in mixin._meta.fields:  # type: ignore[union-attr]
            resolve = mixin.__dict__.get(f"resolve_{name}")
            if resolve is not None and not getattr(resolve, GUARDED, False):
                function = getattr(resolve, "__func__", resolve)
                setattr(mixin, f"resolve_{name}", staticmethod(guard_query(function)))
    for mixin in MUTATIONS:
        for name, field in mixin._meta.fields.items():  # type: ignore[union-attr]
            mutation = getattr(field, "type", None)
            if isinstance(mutation, type):
                rows = frozenset(ROWS_VALIDATED_BY_DOMAIN.get(name, ()))
                guards.append(
                    ResolverWrapper(
                        "Mutation", name, guard_mutation(mutation, rows), saleors=False
                    )
                )
    return guards


RESOLVER_WRAPPERS += _input_guards()
WRAPPED_TYPES: list[type[graphene.ObjectType]] = [Product, ProductVariant, OrderLine]
#: Types with metadata, and the permissions Saleor's metadata mutations require.
METADATA_TYPES: list[tuple[type[graphene.ObjectType], Callable]] = [
    (CustomerGroup, manage_customer_groups_permissions),
    PRICE_LIST_METADATA,
]
#: Types reachable only through interfaces or unions.
TYPES: list[type[graphene.ObjectType]] = []

#: A field whose presence on ``Shop`` proves the schema was extended.
SCHEMA_MARKER_FIELD = "customerGroupsEnabled"
