"""Every write to price lists, their rows and assignments, with its events.

The admin API writes through here, ``priceListBulkUpsert`` and ``b2b_import``
through ``pricing.bulk.price_lists``; each write runs in one transaction with
``changes.price_lists_changed``, which emits the ERP's ``price_list_changed``
events in the same transaction (prices are read fresh on every request: there is
no price cache to invalidate). The GraphQL layer finds the objects, parses
IDs and maps errors.
"""

from collections.abc import Callable, Iterable
from typing import Any

from django.db import transaction

from ..groups.models import CustomerGroup
from . import bulk, changes
from .models import CustomerGroupPriceList, PriceList


def create_price_list(price_list: PriceList) -> PriceList:
    with transaction.atomic():
        price_list.save()
        changes.price_lists_changed(
            [changes.PriceListChange(price_list, changes.CREATED)]
        )
    return price_list


def update_price_list(price_list: PriceList, changed_fields: Iterable[str]) -> None:
    """Save the fields the caller changed; nothing changed writes nothing."""
    if not changed_fields:
        return
    with transaction.atomic():
        price_list.save()
        changes.price_lists_changed(
            [changes.PriceListChange(price_list, fields=sorted(changed_fields))]
        )


def delete_price_list(price_list: PriceList) -> None:
    """Delete the list with its rows and assignments; placed orders keep prices."""
    pk = price_list.pk
    with transaction.atomic():
        price_list.delete()
        price_list.pk = pk  # the event names the deleted list
        changes.price_lists_changed(
            [changes.PriceListChange(price_list, changes.DELETED)]
        )


def upsert_rows(
    price_list: PriceList,
    rows: list,
    upsert: Callable[..., Any],
    change: str,
    *,
    all_or_nothing: bool,
):
    """Entries or rules (``bulk.upsert_entries`` or ``upsert_rules``) of a list."""
    with transaction.atomic():
        outcome = upsert(price_list, rows, all_or_nothing=all_or_nothing)
        changes.price_lists_changed(
            [changes.PriceListChange(price_list, **{change: outcome.written})]
        )
    return outcome


def delete_rows(
    price_list: PriceList,
    delete: Callable[..., bulk.DeleteOutcome],
    change: str,
    **keys,
) -> bulk.DeleteOutcome:
    """Entries or rules by their keys, all or none: any error deletes nothing."""
    with transaction.atomic():
        outcome = delete(price_list, **keys)
        if outcome.errors:
            transaction.set_rollback(True)
            return outcome
        deleted: dict[str, Any] = {change: outcome.deleted}
        changes.price_lists_changed([changes.PriceListChange(price_list, **deleted)])
    return outcome


def assign(
    group: CustomerGroup, price_list: PriceList, priority: int
) -> CustomerGroupPriceList:
    """Give the list to the group (and every group below it), or re-prioritise."""
    with transaction.atomic():
        assignment, created = CustomerGroupPriceList.objects.get_or_create(
            group=group, price_list=price_list, defaults={"priority": priority}
        )
        change = changes.PriceListChange(price_list)
        if created:
            change.assignments_added = [assignment]
        elif assignment.priority != priority:
            assignment.priority = priority
            assignment.save(update_fields=["priority"])
            change.assignments_changed = [assignment]
        changes.price_lists_changed([change])
    return assignment


def unassign(group: CustomerGroup, price_list: PriceList) -> None:
    """Take the list back from the group; not assigned is not an error."""
    with transaction.atomic():
        removed = list(
            CustomerGroupPriceList.objects.filter(group=group, price_list=price_list)
        )
        CustomerGroupPriceList.objects.filter(pk__in=[a.pk for a in removed]).delete()
        changes.price_lists_changed(
            [changes.PriceListChange(price_list, assignments_removed=removed)]
        )
