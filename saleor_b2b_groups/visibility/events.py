"""``catalog_rules_changed`` for the ERP: what a group or a channel now allows.

Each event carries the whole new state of what changed (a group's own catalog mode,
allowed channels and rules; or a channel's access policy), so the ERP can apply it
idempotently and out-of-order deliveries are detected by the aggregate's sequence.
Schema: ``webhooks/schemas/catalog_rules_changed.json``.
"""

from typing import Any

import graphene
from saleor.channel.models import Channel

from ..groups.models import CustomerGroup
from ..webhooks import ErpEventType
from ..webhooks.events import Aggregate, emit
from ..webhooks.payloads import enum_value, global_id, group_reference
from .models import CatalogRule, ChannelAccessPolicy


def _rule(rule: CatalogRule) -> dict[str, Any]:
    target_type = rule.scope.title()
    return {
        "id": global_id(rule),
        "effect": enum_value(rule.effect),
        "scope": enum_value(rule.scope),
        "target": graphene.Node.to_global_id(target_type, rule.target_id),
    }


def group_catalog_payload(group: CustomerGroup) -> dict[str, Any]:
    channels = (
        list(
            Channel.objects.filter(pk__in=group.allowed_channels)
            .order_by("slug")
            .values_list("slug", flat=True)
        )
        if group.allowed_channels is not None
        else None
    )
    return {
        "group": group_reference(group),
        "catalogMode": enum_value(group.catalog_mode),
        "allowedChannels": channels,
        "rules": [_rule(rule) for rule in CatalogRule.objects.filter(group=group)],
    }


def channel_access_payload(policy: ChannelAccessPolicy) -> dict[str, Any]:
    channel = policy.channel
    return {
        "channel": {
            "id": graphene.Node.to_global_id("Channel", channel.pk),
            "slug": channel.slug,
        },
        "access": enum_value(policy.access),
    }


def emit_group_catalog_changed(group: CustomerGroup) -> None:
    """Call inside the change's transaction."""
    emit(ErpEventType.CATALOG_RULES_CHANGED, group, group_catalog_payload(group))


def emit_channel_access_changed(policy: ChannelAccessPolicy) -> None:
    aggregate = Aggregate(
        "channel", graphene.Node.to_global_id("Channel", policy.channel_id)
    )
    emit(ErpEventType.CATALOG_RULES_CHANGED, aggregate, channel_access_payload(policy))
