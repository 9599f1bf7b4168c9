"""Event payloads (the ``data`` of the envelope), one builder per event family.

IDs are Saleor's Relay global IDs, so the ERP can call the API back; each object
also carries its ``externalReference``, the ERP's own key.
"""

from collections.abc import Iterable
from typing import Any

import graphene
from django.db.models import Model

from ..groups.fetch import fetch_customer_groups_info
from ..groups.models import CustomerGroup
from ..pricing import PRICE_OVERRIDE_REASON_PREFIX


def global_id(instance: Model | None) -> str | None:
    if instance is None or instance.pk is None:
        return None
    return graphene.Node.to_global_id(instance.__class__.__name__, instance.pk)


def group_reference(group: CustomerGroup) -> dict[str, Any]:
    return {
        "id": global_id(group),
        "externalReference": group.external_reference,
        "slug": group.slug,
    }


def customer_group(group: CustomerGroup) -> dict[str, Any]:
    """A group as the ERP sees it: identity, place in the tree, own terms."""
    parent = group.parent if group.parent_id else None
    return {
        "group": {
            **group_reference(group),
            "name": group.name,
            "description": group.description,
            "isActive": group.is_active,
            "parent": group_reference(parent) if parent else None,
            "ancestorIds": [
                graphene.Node.to_global_id("CustomerGroup", pk)
                for pk in group.ancestor_ids
            ],
            "paymentTermsDays": group.payment_terms_days,
            "priceConflictPolicy": group.price_conflict_policy,
            "metadata": group.metadata,
        }
    }


def user_reference(user) -> dict[str, Any]:
    return {
        "id": graphene.Node.to_global_id("User", user.pk),
        "email": user.email,
        "externalReference": user.external_reference,
    }


def membership_changes(
    group: CustomerGroup, changes: Iterable[dict[str, Any]]
) -> dict[str, Any]:
    """``changes``: ``{"user", "action": added|removed|role_changed, "role",
    "previousRole"}`` with ``user`` a Saleor user."""
    return {
        "group": group_reference(group),
        "changes": [
            {
                "user": user_reference(change["user"]),
                "action": change["action"],
                "role": change.get("role"),
                "previousRole": change.get("previous_role"),
            }
            for change in changes
        ],
    }


def _money(amount, currency: str) -> dict[str, Any]:
    return {"amount": str(amount), "currency": currency}


def order_placed(order) -> dict[str, Any] | None:
    """The order with its buyer's groups and each line's price list, or None
    when the buyer belongs to no group."""
    if order.user_id is None:
        return None
    info = fetch_customer_groups_info(order.user_id)
    if not info.memberships:
        return None
    lines = []
    for line in order.lines.all():
        reason = line.price_override_reason or ""
        price_list = (
            reason.removeprefix(PRICE_OVERRIDE_REASON_PREFIX)
            if reason.startswith(PRICE_OVERRIDE_REASON_PREFIX)
            else None
        )
        lines.append(
            {
                "id": graphene.Node.to_global_id("OrderLine", line.pk),
                "variantId": graphene.Node.to_global_id(
                    "ProductVariant", line.variant_id
                )
                if line.variant_id
                else None,
                "sku": line.product_sku,
                "quantity": line.quantity,
                "unitPriceNet": _money(line.unit_price_net_amount, line.currency),
                "undiscountedUnitPriceNet": _money(
                    line.undiscounted_unit_price_net_amount, line.currency
                ),
                "priceListSlug": price_list,
            }
        )
    return {
        "order": {
            "id": global_id(order),
            "number": str(order.number),
            "channel": order.channel.slug,
            "created": order.created_at.isoformat(),
            "totalNet": _money(order.total_net_amount, order.currency),
            "totalGross": _money(order.total_gross_amount, order.currency),
            "user": user_reference(order.user),
            "lines": lines,
        },
        "memberships": [
            {"group": group_reference(m.group), "role": m.role}
            for m in info.memberships
        ],
    }
