"""Every reliance on Saleor's internals, declared in one place.

Saleor 3.23 has extension points for some things (plugin hooks, the entry point,
``CheckoutLine.price_override``) and none for others (its GraphQL schema, product
visibility querysets, ...). Where there is none, this package makes a narrow change
to Saleor's code: it wraps a function, a method or a field's resolver, adds fields
to one of Saleor's GraphQL types, or adds keys to one of Saleor's dicts. Each such
change is a :class:`Patch` in :data:`REGISTRY`: its stable name, the Saleor target
it changes (a dotted path; ``graphql:Type.field`` for a field of the served schema),
its kind, why it is needed, and the contract test in ``tests/contract/`` that fails
loudly when a Saleor upgrade moves what it relies on.

Everything is installed once, from ``AppConfig.ready``: :func:`install_all` calls
the ``install`` functions of the registry, in its order (:data:`PATCHES`). The
schema builder's wrapper then applies the GraphQL patches when Saleor builds its
schema (``graphql/schema.py`` lists them: TYPE_EXTENSIONS, RESOLVER_WRAPPERS,
METADATA_TYPES).

Every installer calls :func:`record` with the target it changed and the module that
changed it; ``tests/contract/test_registry.py`` compares what was recorded with the
registry, so an unlisted patch (or a listed one that is no longer installed) fails,
and so does an entry whose contract test does not exist.

How to add a patch
------------------
1. Write the change in your feature's module, installed either by an ``install()``
   function (idempotent) or through the lists in ``graphql/schema.py``. The shared
   helpers (``ResolverWrapper``, ``TypeExtension``, ``register_metadata_types``)
   record themselves; a hand-written installer calls ``patches.record(target, owner)``
   after it patched.
2. Append one :class:`Patch` to :data:`REGISTRY` (with ``install=`` if it has its
   own installer), naming the target and owner exactly as recorded.
3. Write its contract test in ``tests/contract/``: check behaviour and signatures
   (``inspect.signature``, calling the function, a field with the expected
   arguments), never Saleor's source text.
"""

from dataclasses import dataclass
from enum import StrEnum
from importlib import import_module


class Kind(StrEnum):
    IMPORT_HOOK = "import hook"  # wraps a function when its module is imported
    TYPE_FIELDS = "type fields"  # writes into a Saleor type's ``_meta.fields``
    RESOLVER = "resolver wrapper"  # wraps the resolver of a field of Saleor's
    METHOD = "method wrapper"  # replaces a method on one of Saleor's classes
    FUNCTION = "function wrapper"  # replaces a function in one of Saleor's modules
    MAP = "map entries"  # adds keys to one of Saleor's module-level dicts


@dataclass(frozen=True)
class Patch:
    #: Stable name, used in docs and reports.
    name: str
    #: What in Saleor is changed (dotted path, or ``graphql:Type.field``).
    target: str
    kind: Kind
    #: The module of this package that makes the change.
    owner: str
    why: str
    #: ``tests/contract/<file>.py::<test>``.
    contract_test: str
    #: Dotted path of the ``install()`` that applies it, if it has its own.
    install: str | None = None


_PKG = "saleor_b2b_groups"
_GQL = f"{_PKG}.graphql"
_REGISTRY_TEST = "tests/contract/test_registry.py"
_PRICING_TEST = "tests/contract/test_pricing_contract.py"
_VISIBILITY_TEST = "tests/contract/test_visibility_contract.py"
_APPROVALS_TEST = "tests/contract/test_approvals_contract.py"
_METADATA_TEST = "tests/contract/test_metadata_contract.py"
_QUANTITIES_TEST = "tests/contract/test_quantities_contract.py"


def _fields(type_path: str, owner: str, why: str) -> Patch:
    return Patch(
        name=f"fields:{type_path.rsplit('.', 1)[1]}:{owner}",
        target=f"{type_path}._meta.fields",
        kind=Kind.TYPE_FIELDS,
        owner=f"{_GQL}.{owner}",
        why=why,
        contract_test=(
            f"{_REGISTRY_TEST}::test_extended_saleor_types_serve_their_added_fields"
        ),
    )


def _resolver(type_name: str, field: str, owner: str, why: str, test: str) -> Patch:
    return Patch(
        name=f"resolver:{type_name}.{field}:{owner}",
        target=f"graphql:{type_name}.{field}",
        kind=Kind.RESOLVER,
        owner=f"{_GQL}.{owner}",
        why=why,
        contract_test=test,
    )


_REPRICED = (
    "Saleor prices checkout lines itself; the checkout is repriced at group prices "
    "after Saleor's mutation (CheckoutLine.price_override)."
)
_REPRICED_TEST = f"{_PRICING_TEST}::test_repriced_mutations_exist_and_are_wrapped"
_ORDER_REPRICED = (
    "Draft orders are priced by Saleor; their lines are repriced at the customer's "
    "group prices after Saleor's mutation."
)
_HIDDEN = (
    "Refuse variants the buyer's groups hide before Saleor adds them (Saleor checks "
    "only that they are published)."
)
_HIDDEN_TEST = (
    f"{_VISIBILITY_TEST}::"
    "test_checkout_mutations_are_checked_before_saleor_in_the_served_schema"
)

_REPRICED_CHECKOUT_FIELDS = (
    "checkout_create checkout_create_from_order checkout_lines_add "
    "checkout_lines_update checkout_lines_delete checkout_line_delete "
    "checkout_customer_attach checkout_customer_detach"
)

_REPRICED_ORDER_FIELDS = (
    "draft_order_create draft_order_update order_lines_create order_line_update"
)
_CHECKED_CHECKOUT_FIELDS = (
    "checkout_create checkout_lines_add checkout_lines_update checkout_customer_attach"
)
_QUANTITIES = (
    "Refuse quantities outside the buyer's quantity rules before Saleor writes "
    "them, and lift Saleor's shop-wide per-line cap for group members while it runs."
)
_QUANTITIES_CHECKED_FIELDS = (
    "checkout_create checkout_lines_add checkout_lines_update "
    "checkout_shipping_address_update checkout_create_from_order"
)


def _metadata(name: str, target: str, kind: Kind, why: str, test: str) -> Patch:
    return Patch(
        name=name,
        target=f"saleor.graphql.meta.{target}",
        kind=kind,
        owner=f"{_GQL}.metadata",
        why=why,
        contract_test=f"{_METADATA_TEST}::{test}",
    )


_METADATA_MAPS_TEST = (
    "test_metadata_permission_maps_are_module_dicts_read_by_the_mutations"
)
_METADATA_LOOKUP_TEST = (
    "test_model_to_type_lookup_is_the_function_we_extend_in_both_modules"
)

#: Every patch of Saleor, in installation order.
REGISTRY: list[Patch] = [
    Patch(
        name="schema-builder",
        target="saleor.graphql.core.federation.schema.build_federated_schema",
        kind=Kind.IMPORT_HOOK,
        owner=f"{_GQL}.schema_extension",
        why=(
            "Saleor builds its one GraphQL schema at import time with no extension "
            "point; wrapping its builder adds this package's queries, mutations, "
            "types and fields to the schema every consumer reads."
        ),
        contract_test=f"{_REGISTRY_TEST}::test_saleor_builds_its_schema_with_our_builder",
        install=f"{_GQL}.schema_extension.install",
    ),
    _fields(
        "saleor.graphql.shop.types.Shop",
        "shop",
        "Shop.customerGroupsEnabled: storefronts ask whether B2B groups are on.",
    ),
    _fields(
        "saleor.graphql.account.types.User",
        "groups.user_fields",
        "User.customerGroups: a customer's memberships.",
    ),
    _fields(
        "saleor.graphql.account.types.User",
        "buyers.user_fields",
        "User.purchasingGroup: the group a member buys for.",
    ),
    _fields(
        "saleor.graphql.product.types.products.ProductVariant",
        "pricing.explain",
        "ProductVariant.groupPrice: which price list priced a variant, and why.",
    ),
    _fields(
        "saleor.graphql.channel.types.Channel",
        "visibility.schema",
        "Channel.customerGroupAccess: which groups may buy in a channel.",
    ),
    _fields(
        "saleor.graphql.checkout.types.Checkout",
        "approvals.checkout_fields",
        "Checkout.approval: whether a checkout needs or has an approval.",
    ),
    _fields(
        "saleor.graphql.order.types.Order",
        "approvals.order_fields",
        "Order.checkoutApproval: the approval an order was placed under.",
    ),
    _fields(
        "saleor.graphql.account.types.User",
        "approvals.user_fields",
        "User.checkoutApprovals and checkoutApprovalQueue: requests and decisions.",
    ),
    _fields(
        "saleor.graphql.product.types.products.ProductVariant",
        "quantities.storefront",
        "ProductVariant.quantityRule: the buyer's quantity rule for a variant.",
    ),
    _fields(
        "saleor.graphql.checkout.types.Checkout",
        "quantities.storefront",
        "Checkout.quantityStatus: quantity problems and order limits.",
    ),
    _fields(
        "saleor.graphql.account.types.User",
        "selfservice.order_fields",
        "User.groupOrders: the company's orders a member may see, by role.",
    ),
    _fields(
        "saleor.graphql.account.types.User",
        "selfservice.list_fields",
        "User.requisitionLists: the lists a member may read.",
    ),
    _fields(
        "saleor.graphql.order.types.Order",
        "selfservice.order_fields",
        "Order.purchasingGroup: the group an order was bought for.",
    ),
    _fields(
        "saleor.graphql.order.types.OrderLine",
        "selfservice.order_fields",
        "OrderLine.groupPriceList: the price list a line was priced from.",
    ),
    _fields(
        "saleor.graphql.account.types.User",
        "credit.user_fields",
        "User.credit: what the buyer may draw on account; the pool for its managers.",
    ),
    _fields(
        "saleor.graphql.order.types.Order",
        "credit.order_fields",
        "Order.paymentTerms: due date and outstanding amount of an order on account.",
    ),
    _resolver(
        "Mutation",
        "order_create_from_checkout",
        "order_creation",
        "Add this package's refusal codes (prices, visibility, approval) to the "
        "mutation's error enum answer.",
        f"{_PRICING_TEST}::test_order_creation_error_codes_we_answer_with_exist",
    ),
    _resolver(
        "ProductVariant",
        "pricing",
        "pricing.storefront",
        "Storefront prices of a variant at the buyer's group price.",
        f"{_PRICING_TEST}::test_pricing_fields_are_wrapped_in_the_served_schema",
    ),
    _resolver(
        "Product",
        "pricing",
        "pricing.storefront",
        "Storefront price range of a product at the buyer's group prices.",
        f"{_PRICING_TEST}::test_pricing_fields_are_wrapped_in_the_served_schema",
    ),
    *[
        _resolver("Mutation", field, "pricing.checkout", _REPRICED, _REPRICED_TEST)
        for field in _REPRICED_CHECKOUT_FIELDS.split()
    ],
    *[
        _resolver("Mutation", field, "pricing.orders", _ORDER_REPRICED, _REPRICED_TEST)
        for field in _REPRICED_ORDER_FIELDS.split()
    ],
    *[
        _resolver("Mutation", field, "visibility.checkout", _HIDDEN, _HIDDEN_TEST)
        for field in _CHECKED_CHECKOUT_FIELDS.split()
    ],
    *[
        _resolver(
            "OrderLine",
            field,
            "visibility.order_lines",
            "An order line shows the live product only while the buyer may see it "
            "(Saleor checks only the channel listing); name and SKU stay as ordered.",
            f"{_VISIBILITY_TEST}::test_order_line_product_fields_are_wrapped",
        )
        for field in ("variant", "thumbnail")
    ],
    *[
        _resolver(
            "Mutation",
            field,
            "quantities.checkout",
            _QUANTITIES,
            f"{_QUANTITIES_TEST}::test_checkout_mutations_check_quantities_first",
        )
        for field in _QUANTITIES_CHECKED_FIELDS.split()
    ],
    _resolver(
        "Mutation",
        "checkout_create_from_order",
        "visibility.reorder",
        "Reordering leaves out the lines the buyer may no longer see.",
        f"{_VISIBILITY_TEST}::"
        "test_reorder_is_checked_and_filters_lines_through_saleors_own_filter",
    ),
    _resolver(
        "Mutation",
        "checkout_create_from_order",
        "selfservice.reorder",
        "A company's order is reordered only by those who may see it.",
        "tests/contract/test_selfservice_contract.py::"
        "test_reorder_refuses_with_saleors_own_error_code",
    ),
    _metadata(
        "metadata-permissions",
        "permissions.PUBLIC_META_PERMISSION_MAP",
        Kind.MAP,
        "Saleor's metadata mutations find a type's permissions in this dict.",
        _METADATA_MAPS_TEST,
    ),
    _metadata(
        "private-metadata-permissions",
        "permissions.PRIVATE_META_PERMISSION_MAP",
        Kind.MAP,
        "The same, for private metadata.",
        _METADATA_MAPS_TEST,
    ),
    _metadata(
        "metadata-updated-at",
        "mutations.utils.TYPE_UPDATED_FIELD",
        Kind.MAP,
        "Names the column a metadata change touches (warns for unknown types).",
        "test_metadata_changes_touch_the_updated_at_of_our_types",
    ),
    _metadata(
        "metadata-type-lookup",
        "resolvers.resolve_object_with_metadata_type",
        Kind.FUNCTION,
        "Maps this package's models to their GraphQL types for the mutations.",
        _METADATA_LOOKUP_TEST,
    ),
    _metadata(
        "metadata-type-lookup-import",
        "types.resolve_object_with_metadata_type",
        Kind.FUNCTION,
        "The same function, imported by name into meta/types.py.",
        _METADATA_LOOKUP_TEST,
    ),
    *[
        Patch(
            name=f"visible-to-user:{cls}",
            target=f"saleor.product.managers.{cls}.visible_to_user",
            kind=Kind.METHOD,
            owner=f"{_PKG}.visibility.querysets",
            why=(
                "Every storefront read of products, variants and collections goes "
                "through visible_to_user; the wrapper applies the groups' catalog "
                "rules."
            ),
            contract_test=f"{_VISIBILITY_TEST}::"
            "test_visible_to_user_methods_keep_their_signatures_and_are_wrapped",
            install=f"{_PKG}.visibility.querysets.install",
        )
        for cls in ("ProductsQueryset", "ProductVariantQueryset", "CollectionsQueryset")
    ],
    Patch(
        name="reorder-line-filter",
        target=(
            "saleor.graphql.checkout.mutations.checkout_create_from_order."
            "CheckoutCreateFromOrder.exclude_lines_unavailable_to_purchase"
        ),
        kind=Kind.METHOD,
        owner=f"{_GQL}.visibility.reorder",
        why="Reordering leaves hidden lines out with Saleor's own line error.",
        contract_test=f"{_VISIBILITY_TEST}::"
        "test_reorder_is_checked_and_filters_lines_through_saleors_own_filter",
        install=f"{_GQL}.visibility.reorder.install",
    ),
    Patch(
        name="completion-second-look",
        target="saleor.checkout.complete_checkout._create_order_from_checkout",
        kind=Kind.FUNCTION,
        owner=f"{_PKG}.approvals.completion",
        why=(
            "Checks the approval again under Saleor's checkout lock, so a change "
            "committed in between cannot reach the order unapproved."
        ),
        contract_test=f"{_APPROVALS_TEST}::test_the_second_look_is_installed",
        install=f"{_PKG}.approvals.completion.install",
    ),
    Patch(
        name="lines-priced-in-place",
        target=(
            "saleor.graphql.checkout.mutations.checkout_lines_add."
            "CheckoutLinesAdd.process_lines_input"
        ),
        kind=Kind.METHOD,
        owner=f"{_GQL}.pricing.checkout",
        why=(
            "checkoutLinesAdd/Update price their lines inside Saleor's mutation, "
            "before it calculates the checkout, instead of fetching it twice."
        ),
        contract_test=f"{_PRICING_TEST}::"
        "test_line_mutations_price_their_lines_in_place",
        install=f"{_GQL}.pricing.checkout.install",
    ),
    Patch(
        name="quantity-cap",
        target="saleor.warehouse.availability._check_quantity_limits",
        kind=Kind.FUNCTION,
        owner=f"{_PKG}.quantities.cap",
        why=(
            "Saleor caps every customer at the shop's limitQuantityPerCheckout per "
            "variant; a group member's maximum comes from their group's quantity "
            "rules instead."
        ),
        contract_test=f"{_QUANTITIES_TEST}::test_the_quantity_cap_is_wrapped",
        install=f"{_PKG}.quantities.cap.install",
    ),
    Patch(
        name="quantity-cap-reorder",
        target=(
            "saleor.graphql.checkout.mutations.checkout_create_from_order."
            "CheckoutCreateFromOrder.handle_variants_exceeding_quantity_limit"
        ),
        kind=Kind.METHOD,
        owner=f"{_PKG}.quantities.cap",
        why=(
            "checkoutCreateFromOrder checks the shop's per-line cap itself; a group "
            "member reorders past it."
        ),
        contract_test=f"{_QUANTITIES_TEST}::test_the_reorder_cap_is_wrapped",
        install=f"{_PKG}.quantities.cap.install",
    ),
]

#: Dotted paths of ``install()`` functions, in the order they run.
PATCHES: list[str] = list(dict.fromkeys(p.install for p in REGISTRY if p.install))

#: (target, owner) of every patch installed in this process (see :func:`record`).
INSTALLED: set[tuple[str, str]] = set()


def record(target: str, owner: str) -> None:
    """Note that ``owner`` changed Saleor's ``target``; checked against REGISTRY."""
    INSTALLED.add((target, owner))


def install_all() -> None:
    for path in PATCHES:
        module, name = path.rsplit(".", 1)
        getattr(import_module(module), name)()
