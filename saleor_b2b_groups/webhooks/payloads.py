"""Event payloads (the ``data`` of the envelope), one builder per event family.

Each matches its JSON Schema in ``schemas/``. IDs are Saleor's Relay global IDs, so
the ERP can call the API back; each object also carries its ``externalReference``,
the ERP's own key. Enum values are spelled as in the GraphQL API (``BUYER``,
``LOWEST``), money is ``{"amount": "12.50", "currency": "EUR"}`` with the amount a
decimal string (never a float).
"""

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

import graphene
from django.db.models import Model
from saleor.core.prices import quantize_price
from saleor.product.models import ProductVariant

from ..approvals.policy import policy_as_api
from ..buyers.context import of_customer
from ..groups.models import CustomerGroup
from ..pricing import PRICE_OVERRIDE_REASON_PREFIX, DiscountScope
from ..pricing.models import (
    CustomerGroupPriceList,
    PriceList,
    PriceListEntry,
    PriceListRule,
)


def global_id(instance: Model | None) -> str | None:
    if instance is None or instance.pk is None:
        return None
    return graphene.Node.to_global_id(instance.__class__.__name__, instance.pk)


def enum_value(value: str | None) -> str | None:
    """A stored choice as the GraphQL enum spells it."""
    return value.upper() if value else None


def money(amount: Decimal | str | None, currency: str) -> dict[str, Any] | None:
    """At the currency's precision ("8.00" USD, "8" JPY), as Saleor rounds."""
    if amount is None:
        return None
    return {
        "amount": str(quantize_price(Decimal(amount), currency)),
        "currency": currency,
    }


def group_reference(group: CustomerGroup) -> dict[str, Any]:
    return {
        "id": global_id(group),
        "externalReference": group.external_reference,
        "slug": group.slug,
    }


def customer_group(
    group: CustomerGroup, parent: CustomerGroup | None = None
) -> dict[str, Any]:
    """A group as the ERP sees it: identity, place in the tree, own terms.

    ``parent``: the group's parent when the caller has it at hand (saves a query).
    """
    if group.parent_id and (parent is None or parent.pk != group.parent_id):
        parent = group.parent
    return {
        "group": {
            **group_reference(group),
            "name": group.name,
            "description": group.description,
            "isActive": group.is_active,
            "parent": group_reference(parent) if group.parent_id and parent else None,
            "ancestorIds": [
                graphene.Node.to_global_id("CustomerGroup", pk)
                for pk in group.ancestor_ids
            ],
            "paymentTermsDays": group.payment_terms_days,
            "priceConflictPolicy": enum_value(group.price_conflict_policy),
            "approvalPolicy": policy_as_api(group.approval_policy),
            "approvalValidityHours": group.approval_validity_hours,
            "minOrderSubtotal": _decimal(group.min_order_subtotal),
            "maxOrderSubtotal": _decimal(group.max_order_subtotal),
            "metadata": group.metadata,
        }
    }


def _decimal(value: Decimal | None) -> str | None:
    return None if value is None else format(Decimal(value).normalize(), "f")


def user_reference(user) -> dict[str, Any]:
    return {
        "id": graphene.Node.to_global_id("User", user.pk),
        "email": user.email,
        "externalReference": user.external_reference,
    }


class MembershipAction:
    ADDED = "ADDED"
    REMOVED = "REMOVED"
    ROLE_CHANGED = "ROLE_CHANGED"


def membership_changes(
    group: CustomerGroup, changes: Iterable[dict[str, Any]]
) -> dict[str, Any]:
    """``changes``: ``{"user", "action" (a MembershipAction), "role",
    "previous_role", "source"}`` with ``user`` a Saleor user, roles and source as
    stored (no source: manual)."""
    return {
        "group": group_reference(group),
        "changes": [
            {
                "user": user_reference(change["user"]),
                "action": change["action"],
                "role": enum_value(change.get("role")),
                "previousRole": enum_value(change.get("previous_role")),
                "source": enum_value(change.get("source") or "manual"),
            }
            for change in changes
        ],
    }


def price_list(instance: PriceList, channel_slug: str) -> dict[str, Any]:
    return {
        "id": global_id(instance),
        "externalReference": instance.external_reference,
        "slug": instance.slug,
        "name": instance.name,
        "channel": channel_slug,
        "currency": instance.currency,
        "isActive": instance.is_active,
        "validFrom": instance.valid_from.isoformat() if instance.valid_from else None,
        "validTo": instance.valid_to.isoformat() if instance.valid_to else None,
        "capAtChannelPrice": instance.cap_at_channel_price,
    }


def variant_references(variant_ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """``{id: {"id", "sku", "externalReference"}}`` of variants: one query."""
    ids = set(variant_ids)
    if not ids:
        return {}
    rows = ProductVariant.objects.filter(pk__in=ids).values_list(
        "pk", "sku", "external_reference"
    )
    return {
        pk: {
            "id": graphene.Node.to_global_id("ProductVariant", pk),
            "sku": sku,
            "externalReference": reference,
        }
        for pk, sku, reference in rows
    }


def price_list_entry(
    entry: PriceListEntry, currency: str, variants: dict[int, dict[str, Any]]
) -> dict[str, Any]:
    variant = variants.get(entry.variant_id) or {
        "id": graphene.Node.to_global_id("ProductVariant", entry.variant_id),
        "sku": None,
        "externalReference": None,
    }
    return {
        "id": global_id(entry),
        "externalReference": entry.external_reference,
        "variant": variant,
        "minQuantity": entry.min_quantity,
        "price": money(entry.price_amount, currency),
    }


def deleted_price_list_entry(entry: PriceListEntry) -> dict[str, Any]:
    return {
        "id": global_id(entry),
        "externalReference": entry.external_reference,
        "variantId": graphene.Node.to_global_id("ProductVariant", entry.variant_id),
        "minQuantity": entry.min_quantity,
    }


#: The GraphQL type of each rule scope's target.
RULE_TARGET_TYPES = {
    DiscountScope.VARIANT: ("ProductVariant", "variant_id"),
    DiscountScope.PRODUCT: ("Product", "product_id"),
    DiscountScope.CATEGORY: ("Category", "category_id"),
    DiscountScope.COLLECTION: ("Collection", "collection_id"),
}


def rule_target_id(rule: PriceListRule) -> str | None:
    if rule.scope not in RULE_TARGET_TYPES:
        return None
    type_name, attribute = RULE_TARGET_TYPES[rule.scope]
    return graphene.Node.to_global_id(type_name, getattr(rule, attribute))


def price_list_rule(rule: PriceListRule) -> dict[str, Any]:
    return {
        "id": global_id(rule),
        "externalReference": rule.external_reference,
        "scope": enum_value(rule.scope),
        "targetId": rule_target_id(rule),
        "percentage": str(rule.percentage),
    }


def deleted_price_list_rule(rule: PriceListRule) -> dict[str, Any]:
    return {
        "id": global_id(rule),
        "externalReference": rule.external_reference,
        "scope": enum_value(rule.scope),
        "targetId": rule_target_id(rule),
    }


def price_list_assignment(
    assignment: CustomerGroupPriceList, groups: dict[int, CustomerGroup]
) -> dict[str, Any]:
    return {
        "group": group_reference(groups[assignment.group_id]),
        "priority": assignment.priority,
    }


def _price_list_line(
    reason: str | None, lists: dict[str, PriceList]
) -> dict[str, Any] | None:
    if not reason or not reason.startswith(PRICE_OVERRIDE_REASON_PREFIX):
        return None
    slug = reason.removeprefix(PRICE_OVERRIDE_REASON_PREFIX)
    found = lists.get(slug)
    return {
        "id": global_id(found),
        "externalReference": found.external_reference if found else None,
        "slug": slug,
    }


def order_placed(order) -> dict[str, Any] | None:
    """The order with its buyer's groups and each line's price list, or None
    when the buyer belongs to no group."""
    if order.user_id is None:
        return None
    info = of_customer(order.user_id).all_groups
    if not info.memberships:
        return None
    order_lines: Sequence = list(order.lines.all())
    slugs = {
        (line.price_override_reason or "").removeprefix(PRICE_OVERRIDE_REASON_PREFIX)
        for line in order_lines
        if (line.price_override_reason or "").startswith(PRICE_OVERRIDE_REASON_PREFIX)
    }
    lists = {p.slug: p for p in PriceList.objects.filter(slug__in=slugs)}
    lines = [
        {
            "id": graphene.Node.to_global_id("OrderLine", line.pk),
            "variantId": graphene.Node.to_global_id("ProductVariant", line.variant_id)
            if line.variant_id
            else None,
            "sku": line.product_sku,
            "productName": line.product_name,
            "quantity": line.quantity,
            "unitPriceNet": money(line.unit_price_net_amount, line.currency),
            "undiscountedUnitPriceNet": money(
                line.undiscounted_unit_price_net_amount, line.currency
            ),
            "priceList": _price_list_line(line.price_override_reason, lists),
        }
        for line in order_lines
    ]
    return {
        "order": {
            "id": global_id(order),
            "number": str(order.number),
            "channel": order.channel.slug,
            "createdAt": order.created_at.isoformat(),
            "status": enum_value(order.status),
            "totalNet": money(order.total_net_amount, order.currency),
            "totalGross": money(order.total_gross_amount, order.currency),
            "user": user_reference(order.user),
            "lines": lines,
        },
        "memberships": [
            {"group": group_reference(m.group), "role": enum_value(m.role)}
            for m in info.memberships
        ],
        "payment": order_payment(order),
    }


def order_payment(order) -> dict[str, Any] | None:
    """How the order is paid when the package knows: on account, with its due
    date; None otherwise (the ERP reads Saleor's transactions)."""
    from ..credit import DrawStatus
    from ..credit.models import CreditDraw

    draw = CreditDraw.objects.filter(
        order_id=order.pk, status=DrawStatus.CHARGED
    ).first()
    if draw is None:
        return None
    return {
        "method": "ON_ACCOUNT",
        "creditAccount": graphene.Node.to_global_id("CreditAccount", draw.account_id),
        "amount": money(draw.amount, draw.currency),
        "paymentTermsDays": draw.payment_terms_days,
        "dueDate": draw.due_date.isoformat() if draw.due_date else None,
    }
