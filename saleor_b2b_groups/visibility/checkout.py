"""What a customer may buy: the write-path side of catalog visibility.

The checkout mutations (``graphql/visibility/checkout.py``) ask
:func:`purchase_refusal` before Saleor's resolver runs, and completion asks it once
more (``check_visibility_before_order``, first of ``order_creation.CHECKS``): rules
or channel access may have changed since the lines were added.

The customer is the checkout's (or, for ``checkoutCustomerAttach``, the one being
attached); ``None`` is an anonymous checkout. Buying is never widened by staff
permissions: a staff member shopping for themselves buys as a customer, as in
Saleor, whose checkout refuses unpublished products to everybody.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q
from saleor.channel.models import Channel
from saleor.checkout.error_codes import (
    CheckoutErrorCode,
    OrderCreateFromCheckoutErrorCode,
)
from saleor.checkout.fetch import CheckoutInfo, CheckoutLineInfo
from saleor.checkout.models import Checkout
from saleor.product.models import ProductVariant

from ..order_creation import refuse
from . import ChannelAccess
from .filters import NOTHING, audience_of, members_products
from .models import ChannelAccessPolicy

CHANNEL_DENIED_MESSAGE = "This channel is not open to this customer."
HIDDEN_PRODUCTS_MESSAGE = "Some products are not available to this customer."


@dataclass(frozen=True)
class Refusal:
    """Why a customer may not buy: a denied channel, or hidden variants."""

    channel_denied: bool = False
    hidden_variant_ids: list[int] = field(default_factory=list)


#: Set on a channel read with :func:`with_access_policy`.
B2B_ONLY_ANNOTATION = "b2b_groups_b2b_only"


def with_access_policy(queryset, channel_column: str = "pk"):
    """Rows (channels, or checkouts by ``channel_id``) that know whether their
    channel is B2B-only, so that :func:`channel_is_b2b_only` needs no query."""
    b2b_only = ChannelAccessPolicy.objects.filter(
        channel_id=OuterRef(channel_column), access=ChannelAccess.B2B_ONLY
    )
    return queryset.annotate(**{B2B_ONLY_ANNOTATION: Exists(b2b_only)})


def pass_access_policy_to_channel(checkout: Checkout) -> None:
    """Hand a checkout's annotation (:func:`with_access_policy`) to its channel."""
    known = getattr(checkout, B2B_ONLY_ANNOTATION, None)
    if known is not None:
        setattr(checkout.channel, B2B_ONLY_ANNOTATION, known)


def channel_is_b2b_only(channel: Channel, database: str = "default") -> bool:
    known = getattr(channel, B2B_ONLY_ANNOTATION, None)
    if known is not None:
        return known
    return (
        ChannelAccessPolicy.objects.using(database)
        .filter(channel_id=channel.pk, access=ChannelAccess.B2B_ONLY)
        .exists()
    )


def purchase_refusal(
    customer: Any,
    channel: Channel,
    variant_ids: Iterable[int],
    database: str = "default",
) -> Refusal | None:
    """None when ``customer`` may buy every variant in ``channel``.

    The caller has checked that the plugin is active. At most two queries: the
    customer's catalog (once per customer object) and the variants' verdicts.
    """
    audience = audience_of(customer, database, known_activity=True)
    if isinstance(audience, str):
        if channel_is_b2b_only(channel, database):
            return Refusal(channel_denied=True)
        return None  # no group: Saleor's catalog, which Saleor checks itself
    admitted = audience.admitted(channel.pk)
    if not admitted:
        return Refusal(channel_denied=True)
    ids = sorted({int(pk) for pk in variant_ids})
    condition = members_products(admitted, "product_id", "product__category_id")
    if not ids or condition is None:
        return None
    variants = ProductVariant.objects.using(database).filter(pk__in=ids)
    if condition is NOTHING:
        hidden = list(variants.values_list("pk", flat=True))
    else:
        hidden = [
            pk
            for pk, visible in variants.annotate(
                b2b_visible=ExpressionWrapper(Q(condition), BooleanField())
            ).values_list("pk", "b2b_visible")
            if not visible
        ]
    return Refusal(hidden_variant_ids=sorted(hidden)) if hidden else None


def check_visibility_before_order(
    checkout_info: CheckoutInfo, lines: list[CheckoutLineInfo]
) -> None:
    """Refuse to create an order with a product or in a channel the customer may
    not buy (``PRODUCT_NOT_PUBLISHED`` / ``CHANNEL_INACTIVE``;
    ``orderCreateFromCheckout``: ``UNAVAILABLE_VARIANT_IN_CHANNEL`` /
    ``CHANNEL_INACTIVE``)."""
    refusal = purchase_refusal(
        checkout_info.user,
        checkout_info.channel,
        [line.variant.pk for line in lines if line.variant is not None],
    )
    if refusal is None:
        return
    if refusal.channel_denied:
        refuse(
            CHANNEL_DENIED_MESSAGE,
            checkout_code=CheckoutErrorCode.CHANNEL_INACTIVE,
            order_code=OrderCreateFromCheckoutErrorCode.CHANNEL_INACTIVE,
            field="channel",
        )
    refuse(
        HIDDEN_PRODUCTS_MESSAGE,
        checkout_code=CheckoutErrorCode.PRODUCT_NOT_PUBLISHED,
        order_code=OrderCreateFromCheckoutErrorCode.UNAVAILABLE_VARIANT_IN_CHANNEL,
        field="lines",
    )
