"""What follows a change of price lists: one hook, called by every writer.

Kept in one place so that every path that changes prices -- the admin API, its bulk
upserts, the ERP's bulk upsert and import, the demo -- announces it the same way:
each writer describes what it changed (``PriceListChange``) and calls
``price_lists_changed`` inside its transaction. Today that raises the ERP's
``price_list_changed`` event (in the same transaction: the transactional outbox);
re-pricing open checkouts hooks in here too.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from saleor.channel.models import Channel

from ..groups.models import CustomerGroup
from ..webhooks import ErpEventType, payloads
from ..webhooks.events import Aggregate, emit_many
from .models import CustomerGroupPriceList, PriceList, PriceListEntry, PriceListRule

CREATED = "CREATED"
UPDATED = "UPDATED"
DELETED = "DELETED"

#: Entries and rules per event: a larger change comes in several consecutive events,
#: so that no request body grows without bound.
MAX_ITEMS_PER_EVENT = 1000

#: The list's own fields, as the event names them.
FIELD_NAMES = {
    "name": "name",
    "slug": "slug",
    "is_active": "isActive",
    "valid_from": "validFrom",
    "valid_to": "validTo",
    "cap_at_channel_price": "capAtChannelPrice",
    "external_reference": "externalReference",
}


@dataclass
class PriceListChange:
    """What one writer changed in one price list.

    ``price_list``: the list as it is now; for a deleted list, the instance as it
    was, its ``pk`` restored.
    """

    price_list: PriceList
    action: str = UPDATED
    #: Model field names of the list's own fields that changed.
    fields: Sequence[str] = ()
    entries_upserted: Sequence[PriceListEntry] = ()
    #: As they were (instances read before the delete).
    entries_deleted: Sequence[PriceListEntry] = ()
    rules_upserted: Sequence[PriceListRule] = ()
    rules_deleted: Sequence[PriceListRule] = ()
    assignments_added: Sequence[CustomerGroupPriceList] = ()
    assignments_changed: Sequence[CustomerGroupPriceList] = ()
    assignments_removed: Sequence[CustomerGroupPriceList] = ()

    @property
    def is_empty(self) -> bool:
        return self.action == UPDATED and not any(
            (
                self.fields,
                self.entries_upserted,
                self.entries_deleted,
                self.rules_upserted,
                self.rules_deleted,
                self.assignments_added,
                self.assignments_changed,
                self.assignments_removed,
            )
        )


def price_lists_changed(changes: Iterable[PriceListChange]) -> None:
    """Price lists whose prices, rules, validity or group assignments changed.

    Called inside the writer's transaction, after its writes: what it does commits or
    rolls back with the change. Deleted lists are included (their rows are gone).
    Empty changes are ignored, so a writer may pass what an idempotent repeat
    produced (nothing); a call that changed nothing raises no event.
    """
    changes = [change for change in changes if not change.is_empty]
    if not changes:
        return
    emit_many(_events(changes))


def _events(changes: list[PriceListChange]):
    variants = payloads.variant_references(
        entry.variant_id for change in changes for entry in change.entries_upserted
    )
    group_ids = {
        a.group_id
        for change in changes
        for a in (
            *change.assignments_added,
            *change.assignments_changed,
            *change.assignments_removed,
        )
    }
    groups = CustomerGroup.objects.in_bulk(group_ids) if group_ids else {}
    channels = _channel_slugs(changes)
    for change in changes:
        aggregate = Aggregate("price_list", payloads.global_id(change.price_list) or "")
        for data in _parts(change, channels, variants, groups):
            yield ErpEventType.PRICE_LIST_CHANGED, aggregate, data


def _channel_slugs(changes: list[PriceListChange]) -> dict[int, str]:
    ids = {change.price_list.channel_id for change in changes}
    return dict(Channel.objects.filter(pk__in=ids).values_list("pk", "slug"))


def _parts(
    change: PriceListChange,
    channels: dict[int, str],
    variants: dict[int, dict[str, Any]],
    groups: dict[int, CustomerGroup],
) -> list[dict[str, Any]]:
    """The event's data, split so that each part has at most MAX_ITEMS_PER_EVENT
    entries and rules; the list's fields and assignments go in the first part."""
    price_list = change.price_list
    currency = price_list.currency
    items: list[tuple[str, str, dict[str, Any]]] = [
        *(
            ("entries", "upserted", payloads.price_list_entry(e, currency, variants))
            for e in change.entries_upserted
        ),
        *(
            ("entries", "deleted", payloads.deleted_price_list_entry(e))
            for e in change.entries_deleted
        ),
        *(
            ("rules", "upserted", payloads.price_list_rule(r))
            for r in change.rules_upserted
        ),
        *(
            ("rules", "deleted", payloads.deleted_price_list_rule(r))
            for r in change.rules_deleted
        ),
    ]
    chunks = [
        items[start : start + MAX_ITEMS_PER_EVENT]
        for start in range(0, len(items), MAX_ITEMS_PER_EVENT)
    ] or [[]]
    names = FIELD_NAMES if change.action == CREATED else change.fields
    fields = sorted({FIELD_NAMES[name] for name in names if name in FIELD_NAMES})
    parts = []
    for index, chunk in enumerate(chunks, start=1):
        data: dict[str, Any] = {
            "action": change.action,
            "priceList": payloads.price_list(
                price_list, channels.get(price_list.channel_id, "")
            ),
            "changedFields": fields if index == 1 else [],
            "entries": {"upserted": [], "deleted": []},
            "rules": {"upserted": [], "deleted": []},
            "assignments": {
                "added": [],
                "changed": [],
                "removed": [],
            },
            "part": {"index": index, "count": len(chunks)},
        }
        if index == 1:
            for key, assignments in (
                ("added", change.assignments_added),
                ("changed", change.assignments_changed),
                ("removed", change.assignments_removed),
            ):
                data["assignments"][key] = [
                    payloads.price_list_assignment(a, groups) for a in assignments
                ]
        for family, kind, item in chunk:
            data[family][kind].append(item)
        parts.append(data)
    return parts
