"""Can this customer see and buy this product, and why not: for support staff.

Reads the same ``BuyerCatalog`` as the SQL filters and the checkout checks, so the
answer is what the storefront does; Saleor's own conditions (published in the
channel, available for purchase) are reported beside the groups' rules.
"""

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from django.utils import timezone
from saleor.channel.models import Channel
from saleor.product.models import (
    Product,
    ProductChannelListing,
    ProductVariant,
    ProductVariantChannelListing,
)

from ..buyers.context import forget
from ..groups.models import CustomerGroup
from .checkout import channel_is_b2b_only
from .filters import Audience, audience_of
from .models import CatalogRule


class VisibilityReasonCode(Enum):
    PLUGIN_INACTIVE = "plugin_inactive"
    NOT_PUBLISHED = "not_published"
    NOT_AVAILABLE_FOR_PURCHASE = "not_available_for_purchase"
    NO_GROUP = "no_group"
    CHANNEL_B2B_ONLY = "channel_b2b_only"
    CHANNEL_NOT_ALLOWED = "channel_not_allowed"
    INCLUDED_BY_RULE = "included_by_rule"
    EXCLUDED_BY_RULE = "excluded_by_rule"
    CATALOG_OPEN = "catalog_open"
    CATALOG_RESTRICTED = "catalog_restricted"


#: Reasons that, on their own, say the product is not for this customer.
DENYING = {
    VisibilityReasonCode.NOT_PUBLISHED,
    VisibilityReasonCode.NOT_AVAILABLE_FOR_PURCHASE,
    VisibilityReasonCode.CHANNEL_B2B_ONLY,
    VisibilityReasonCode.CHANNEL_NOT_ALLOWED,
    VisibilityReasonCode.EXCLUDED_BY_RULE,
    VisibilityReasonCode.CATALOG_RESTRICTED,
}


@dataclass(frozen=True)
class Reason:
    code: VisibilityReasonCode
    message: str
    #: The buyer's group whose membership this reason is about.
    membership_group: CustomerGroup | None = None
    #: The group whose rule or term decided (the member group or an ancestor).
    group: CustomerGroup | None = None
    rule: CatalogRule | None = None


@dataclass
class Explanation:
    can_see: bool
    can_buy: bool
    reasons: list[Reason] = field(default_factory=list)


def _saleor_verdict(
    product: Product, variant: ProductVariant | None, channel: Channel
) -> list[Reason]:
    reasons = []
    if not (
        Product.objects.published_with_variants(channel).filter(pk=product.pk).exists()
    ):
        reasons.append(
            Reason(
                VisibilityReasonCode.NOT_PUBLISHED,
                "Saleor: the product is not published with a priced variant in "
                "the channel.",
            )
        )
    now = timezone.now()
    listed_for_sale = ProductChannelListing.objects.filter(
        product=product, channel=channel, available_for_purchase_at__lte=now
    ).exists()
    variants = ProductVariantChannelListing.objects.filter(
        channel=channel, price_amount__isnull=False, variant__product=product
    )
    if variant is not None:
        variants = variants.filter(variant=variant)
    if not listed_for_sale or not variants.exists():
        reasons.append(
            Reason(
                VisibilityReasonCode.NOT_AVAILABLE_FOR_PURCHASE,
                "Saleor: not available for purchase in the channel.",
            )
        )
    return reasons


def _group_verdict(
    customer: Any, product: Product, channel: Channel
) -> tuple[bool, list[Reason]]:
    forget(customer)  # the support view is about now, not a cached request
    audience = audience_of(customer, "default")
    if audience == Audience.INACTIVE:
        return True, [
            Reason(
                VisibilityReasonCode.PLUGIN_INACTIVE,
                "Customer groups are switched off: Saleor's catalog applies.",
            )
        ]
    if isinstance(audience, str):
        if channel_is_b2b_only(channel):
            return False, [
                Reason(
                    VisibilityReasonCode.CHANNEL_B2B_ONLY,
                    "The channel is B2B-only and the customer is in no group.",
                )
            ]
        return True, [
            Reason(
                VisibilityReasonCode.NO_GROUP,
                "The customer is in no active group: Saleor's catalog applies.",
            )
        ]
    collections = list(product.collections.values_list("pk", flat=True))
    allowed = False
    reasons = []
    for membership in audience.memberships:
        member_group = membership.group
        if not membership.admits(channel.pk):
            reasons.append(
                Reason(
                    VisibilityReasonCode.CHANNEL_NOT_ALLOWED,
                    f"'{member_group.name}' may not buy in '{channel.slug}'.",
                    member_group,
                    membership.allowed_channels_source,
                )
            )
            continue
        match = membership.decide(product.pk, collections, product.category_id)
        if match is not None:
            code = (
                VisibilityReasonCode.INCLUDED_BY_RULE
                if match.includes
                else VisibilityReasonCode.EXCLUDED_BY_RULE
            )
            verb = "includes" if match.includes else "excludes"
            reasons.append(
                Reason(
                    code,
                    f"A rule of '{match.group.name}' {verb} the product's "
                    f"{match.rule.scope}.",
                    member_group,
                    match.group,
                    match.rule,
                )
            )
        else:
            code = (
                VisibilityReasonCode.CATALOG_OPEN
                if membership.is_open
                else VisibilityReasonCode.CATALOG_RESTRICTED
            )
            reasons.append(
                Reason(
                    code,
                    f"No rule speaks; the catalog of '{member_group.name}' is "
                    f"{membership.mode}.",
                    member_group,
                    membership.mode_source,
                )
            )
        allowed = allowed or membership.shows(
            product.pk, collections, product.category_id
        )
    return allowed, reasons


def explain_visibility(
    customer: Any,
    product: Product,
    channel: Channel,
    variant: ProductVariant | None = None,
) -> Explanation:
    """``customer``: a ``User``, or None for an anonymous visitor."""
    saleor_reasons = _saleor_verdict(product, variant, channel)
    groups_allow, group_reasons = _group_verdict(customer, product, channel)
    published = not any(
        r.code == VisibilityReasonCode.NOT_PUBLISHED for r in saleor_reasons
    )
    can_see = published and groups_allow
    can_buy = can_see and not saleor_reasons
    return Explanation(can_see, can_buy, saleor_reasons + group_reasons)
