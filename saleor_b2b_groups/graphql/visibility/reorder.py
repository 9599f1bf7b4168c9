"""Catalog visibility on ``checkoutCreateFromOrder`` (reorder).

Saleor's reorder does not refuse an order whose products went away: it creates the
checkout with what may still be bought and reports each left-out order line in
``unavailableVariants`` (unpublished, not in the channel, out of stock, ...). A
product the buyer's groups now hide is left out the same way, as
``PRODUCT_NOT_PUBLISHED``, and a channel the buyer may not buy in refuses the whole
mutation (``CHANNEL_INACTIVE``) before a checkout exists, as ``checkoutCreate`` does.

How: the resolver wrapper works out, for the requesting customer (Saleor gives the
new checkout to them), which of the order's variants are hidden, and Saleor's own
line filter (``CheckoutCreateFromOrder.exclude_lines_unavailable_to_purchase``,
wrapped once at start-up, see ``patches.py``) leaves them out with its own error
shape. ``tests/contract/test_visibility_contract.py`` checks that filter is still
there and still shaped as relied on.
"""

from collections.abc import Callable
from contextvars import ContextVar
from functools import wraps

from django.core.exceptions import ImproperlyConfigured, ValidationError
from saleor.checkout.error_codes import (
    CheckoutCreateFromOrderUnavailableVariantErrorCode as UnavailableCode,
)
from saleor.core.db.connection import allow_writer
from saleor.graphql.checkout.mutations import CheckoutCreateFromOrder
from saleor.graphql.core import ResolveInfo
from saleor.order.models import Order

from ...activation import is_plugin_active
from ...patches import record
from ...visibility.checkout import HIDDEN_PRODUCTS_MESSAGE, purchase_refusal
from ..core import mutation_plugin_manager
from ..schema_extension import ResolverWrapper
from .checkout import (
    VISIBILITY_CHECKED,
    CannotTell,
    pk_of,
    refusal_errors,
    request_user,
)

#: The variant ids the running reorder must leave out.
_HIDDEN_VARIANTS: ContextVar[frozenset[int]] = ContextVar(
    "b2b_reorder_hidden_variants", default=frozenset()
)
_WRAPPED_MARK = "__b2b_reorder_visibility__"
SALEOR_LINE_FILTER = "exclude_lines_unavailable_to_purchase"


def _check_reorder(resolve: Callable) -> Callable:
    @wraps(resolve)
    def resolve_reorder(root, info: ResolveInfo, **kwargs):
        hidden: frozenset[int] = frozenset()
        with allow_writer():  # a mutation: read the primary database
            manager = mutation_plugin_manager(info)
            active = is_plugin_active(manager)
            order = _order(kwargs.get("id")) if active else None
            if order is not None:
                variant_ids = [
                    pk
                    for pk in order.lines.values_list("variant_id", flat=True)
                    if pk is not None
                ]
                refusal = purchase_refusal(
                    request_user(info), order.channel, variant_ids
                )
                if refusal and refusal.channel_denied:
                    errors = refusal_errors(refusal)
                    return CheckoutCreateFromOrder.handle_errors(errors)
                if refusal:
                    hidden = frozenset(refusal.hidden_variant_ids)
        token = _HIDDEN_VARIANTS.set(hidden)
        try:
            return resolve(root, info, **kwargs)
        finally:
            _HIDDEN_VARIANTS.reset(token)

    setattr(resolve_reorder, VISIBILITY_CHECKED, True)
    return resolve_reorder


def _order(global_id: str | None) -> Order | None:
    """The order, or None: Saleor reports unknown and malformed IDs itself."""
    try:
        pk = pk_of(global_id, "Order")
        return Order.objects.select_related("channel").filter(pk=pk).first()
    except (CannotTell, ValueError, TypeError, ValidationError):
        return None


def _leave_out_hidden(original: Callable) -> Callable:
    @wraps(original)
    def exclude_lines_unavailable_to_purchase(
        cls, order, order_lines, global_quantity_limit
    ):
        variant_ids, lines, errors = original(
            cls, order, order_lines, global_quantity_limit
        )
        hidden = _HIDDEN_VARIANTS.get() & variant_ids
        if not hidden:
            return variant_ids, lines, errors
        errors.extend(
            cls._create_variant_errors(
                error_code=UnavailableCode.PRODUCT_NOT_PUBLISHED.value,
                msg=HIDDEN_PRODUCTS_MESSAGE,
                order_lines=[line for line in lines if line.variant_id in hidden],
            )
        )
        kept = [line for line in lines if line.variant_id not in hidden]
        return variant_ids - hidden, kept, errors

    return exclude_lines_unavailable_to_purchase


def install() -> None:
    """Wrap Saleor's reorder line filter (idempotent)."""
    method = getattr(CheckoutCreateFromOrder, SALEOR_LINE_FILTER, None)
    if method is None:
        raise ImproperlyConfigured(
            f"Saleor's CheckoutCreateFromOrder.{SALEOR_LINE_FILTER} is gone: this "
            "Saleor version is not supported by saleor-b2b-groups."
        )
    if not getattr(method, _WRAPPED_MARK, False):
        wrapped = _leave_out_hidden(method.__func__)
        setattr(wrapped, _WRAPPED_MARK, True)
        setattr(CheckoutCreateFromOrder, SALEOR_LINE_FILTER, classmethod(wrapped))
    target = f"{CheckoutCreateFromOrder.__module__}.CheckoutCreateFromOrder"
    record(f"{target}.{SALEOR_LINE_FILTER}", __name__)


def is_installed() -> bool:
    method = getattr(CheckoutCreateFromOrder, SALEOR_LINE_FILTER)
    return bool(getattr(method, _WRAPPED_MARK, False))


REORDER_VISIBILITY = ResolverWrapper(
    "Mutation", "checkout_create_from_order", _check_reorder
)
