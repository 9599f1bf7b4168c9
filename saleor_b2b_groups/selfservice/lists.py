"""Requisition lists: who reads and edits them, and the writes.

A list is its owner's; ``PRIVATE`` is read by the owner only. Shared with a group
(one the owner is a member of), it is read by that group's members and by managers
of the group or of a group above it, and edited by the owner and those managers.
Anyone else gets ``NOT_FOUND``: a list of another buyer or company is never
revealed. Lines are unique per variant; adding a variant already on the list adds
to its quantity. Only variants the buyer may see can be added (by SKU, a hidden
product is ``UNKNOWN_SKU``, as in quick order).
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet
from saleor.product.models import ProductVariant

from ..buyers.context import BuyerContext
from ..groups import CustomerGroupRole
from ..groups.models import CustomerGroup
from ..visibility.filters import NOTHING, audience_of, members_products
from . import MAX_LIST_LINES, RequisitionListVisibility
from .error_codes import SelfServiceErrorCode as Code
from .models import RequisitionList, RequisitionListLine
from .rows import MESSAGES, Row, RowResult, _quantity, _refuse, _variants


class ListError(Exception):
    def __init__(self, code: Code, message: str, field: str = "id"):
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field


def _member_group_ids(buyer: BuyerContext) -> set[int]:
    return {m.group.pk for m in buyer.all_groups.memberships}


def _managed_subtree(buyer: BuyerContext, database: str) -> QuerySet | None:
    roots = [
        m.group.pk
        for m in buyer.all_groups.memberships
        if m.role == CustomerGroupRole.MANAGER
    ]
    if not roots:
        return None
    condition = Q(pk__in=roots)
    for root in roots:
        condition |= Q(ancestor_ids__contains=[root])
    return CustomerGroup.objects.using(database).filter(condition).values("pk")


def readable_lists(buyer: BuyerContext, database: str = "default") -> QuerySet:
    shared = Q(visibility=RequisitionListVisibility.GROUP)
    condition = Q(owner_id=buyer.customer_id) | (
        shared & Q(group_id__in=_member_group_ids(buyer))
    )
    managed = _managed_subtree(buyer, database)
    if managed is not None:
        condition |= shared & Q(group_id__in=managed)
    return RequisitionList.objects.using(database).filter(condition)


def editable_lists(buyer: BuyerContext, database: str = "default") -> QuerySet:
    condition = Q(owner_id=buyer.customer_id)
    managed = _managed_subtree(buyer, database)
    if managed is not None:
        condition |= Q(visibility=RequisitionListVisibility.GROUP) & Q(
            group_id__in=managed
        )
    return RequisitionList.objects.using(database).filter(condition)


def list_to_edit(buyer: BuyerContext, pk: int) -> RequisitionList:
    """The list, locked; ``NOT_FOUND`` when unreadable, ``FORBIDDEN`` when
    readable but not editable."""
    found = editable_lists(buyer).select_for_update(of=("self",)).filter(pk=pk).first()
    if found is not None:
        return found
    if readable_lists(buyer).filter(pk=pk).exists():
        raise ListError(Code.FORBIDDEN, "Only the list's owner and managers edit it.")
    raise ListError(Code.NOT_FOUND, "No such requisition list.")


def list_to_read(buyer: BuyerContext, pk: int) -> RequisitionList:
    found = readable_lists(buyer).filter(pk=pk).first()
    if found is None:
        raise ListError(Code.NOT_FOUND, "No such requisition list.")
    return found


def _clean_name(name: str | None) -> str:
    name = (name or "").strip()
    if not name:
        raise ListError(Code.REQUIRED, "A list needs a name.", "name")
    return name


def _sharing(buyer: BuyerContext, group_id: int | None) -> tuple[str, int | None]:
    if group_id is None:
        return RequisitionListVisibility.PRIVATE, None
    if group_id not in _member_group_ids(buyer):
        raise ListError(Code.NOT_FOUND, "Not one of your groups.", "group")
    return RequisitionListVisibility.GROUP, group_id


def create_list(
    buyer: BuyerContext, name: str | None, group_id: int | None
) -> RequisitionList:
    visibility, group = _sharing(buyer, group_id)
    assert buyer.customer_id is not None  # a member is a customer
    return RequisitionList.objects.create(
        name=_clean_name(name),
        owner_id=buyer.customer_id,
        visibility=visibility,
        group_id=group,
    )


@dataclass(frozen=True)
class ListChanges:
    name: str | None = None
    #: Set ``share`` to change the sharing: ``group_id`` None makes it private.
    share: bool = False
    group_id: int | None = None


def update_list(buyer: BuyerContext, pk: int, changes: ListChanges) -> RequisitionList:
    with transaction.atomic():
        found = list_to_edit(buyer, pk)
        if changes.name is not None:
            found.name = _clean_name(changes.name)
        if changes.share:
            if found.owner_id != buyer.customer_id:
                raise ListError(
                    Code.FORBIDDEN, "Only the list's owner shares it.", "group"
                )
            found.visibility, found.group_id = _sharing(buyer, changes.group_id)
        found.save()
        return found


def delete_list(buyer: BuyerContext, pk: int) -> None:
    with transaction.atomic():
        list_to_edit(buyer, pk).delete()


def _hidden(customer, variant_ids: set[int], database: str) -> set[int]:
    """Variants hidden from ``customer`` in every channel."""
    audience = audience_of(customer, database, known_activity=True)
    if isinstance(audience, str) or not variant_ids:
        return set()
    condition = members_products(
        audience.memberships, "product_id", "product__category_id"
    )
    if condition is None:
        return set()
    variants = ProductVariant.objects.using(database).filter(pk__in=variant_ids)
    if condition is NOTHING:
        return set(variants.values_list("pk", flat=True))
    return {
        pk
        for pk, visible in variants.annotate(
            b2b_visible=ExpressionWrapper(Q(condition), BooleanField())
        ).values_list("pk", "b2b_visible")
        if not visible
    }


def add_lines(
    buyer: BuyerContext, customer, pk: int, rows: Sequence[Row]
) -> tuple[RequisitionList, list[RowResult]]:
    """Add rows (by variant or SKU); a refused row is left out with its code."""
    with transaction.atomic():
        found = list_to_edit(buyer, pk)
        results = [RowResult(r.number, r.sku, r.variant_id, r.quantity) for r in rows]
        variants = _variants(rows, "default")
        hidden = _hidden(customer, {v.pk for v in variants.values()}, "default")
        wanted: dict[int, tuple[int, str]] = {}
        for row, result in zip(rows, results, strict=True):
            key = ("sku", row.sku) if row.sku else ("pk", row.variant_id)
            variant = variants.get(key)
            quantity = _quantity(row.quantity)
            if variant is None or variant.pk in hidden:
                _refuse(
                    result,
                    Code.UNKNOWN_SKU if row.sku else Code.NOT_FOUND,
                    MESSAGES[Code.UNKNOWN_SKU] if row.sku else "No such product.",
                )
            elif quantity is None:
                _refuse(result, Code.INVALID_QUANTITY)
            else:
                result.variant_id = variant.pk
                before, note = wanted.get(variant.pk, (0, ""))
                wanted[variant.pk] = (before + quantity, row.note or note)
        existing = {
            line.variant_id: line
            for line in RequisitionListLine.objects.filter(
                requisition_list=found, variant_id__in=list(wanted)
            )
        }
        line_count = RequisitionListLine.objects.filter(requisition_list=found).count()
        new = [pk for pk in wanted if pk not in existing]
        if line_count + len(new) > MAX_LIST_LINES:
            raise ListError(
                Code.TOO_MANY, f"A list holds at most {MAX_LIST_LINES} lines.", "lines"
            )
        for variant_id, line in existing.items():
            quantity, note = wanted[variant_id]
            line.quantity += quantity
            line.note = note or line.note
        RequisitionListLine.objects.bulk_update(
            list(existing.values()), ["quantity", "note"]
        )
        RequisitionListLine.objects.bulk_create(
            RequisitionListLine(
                requisition_list=found,
                variant_id=variant_id,
                quantity=wanted[variant_id][0],
                note=wanted[variant_id][1],
            )
            for variant_id in new
        )
        found.save(update_fields=["updated_at"])
        return found, results


@dataclass(frozen=True)
class LineChange:
    line_id: int
    quantity: int | None = None
    note: str | None = None


def update_lines(
    buyer: BuyerContext, pk: int, changes: Sequence[LineChange]
) -> RequisitionList:
    """All or nothing: an unknown line or a bad quantity refuses the call."""
    with transaction.atomic():
        found = list_to_edit(buyer, pk)
        lines = RequisitionListLine.objects.in_bulk([c.line_id for c in changes])
        for change in changes:
            line = lines.get(change.line_id)
            if line is None or line.requisition_list_id != found.pk:
                raise ListError(Code.NOT_FOUND, "No such line on the list.", "lines")
            if change.quantity is not None:
                if _quantity(change.quantity) is None:
                    raise ListError(
                        Code.INVALID_QUANTITY, MESSAGES[Code.INVALID_QUANTITY], "lines"
                    )
                line.quantity = change.quantity
            if change.note is not None:
                line.note = change.note
        RequisitionListLine.objects.bulk_update(lines.values(), ["quantity", "note"])
        found.save(update_fields=["updated_at"])
        return found


def delete_lines(
    buyer: BuyerContext, pk: int, line_ids: Sequence[int]
) -> RequisitionList:
    with transaction.atomic():
        found = list_to_edit(buyer, pk)
        lines = RequisitionListLine.objects.filter(
            requisition_list=found, pk__in=list(line_ids)
        )
        if lines.count() != len(set(line_ids)):
            raise ListError(Code.NOT_FOUND, "No such line on the list.", "lineIds")
        lines.delete()
        found.save(update_fields=["updated_at"])
        return found


def rows_of(found: RequisitionList, line_ids: Sequence[int] | None) -> list[Row]:
    """The list's lines (or the chosen ones) as rows for the checkout."""
    lines = RequisitionListLine.objects.filter(requisition_list=found).order_by("pk")
    if line_ids is not None:
        lines = lines.filter(pk__in=list(line_ids))
    return [
        Row(number=index, quantity=line.quantity, variant_id=line.variant_id)
        for index, line in enumerate(lines, start=1)
    ]
