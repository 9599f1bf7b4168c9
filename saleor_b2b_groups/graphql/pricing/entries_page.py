"""``PriceList.entries``: one page of a list's fixed prices, for many lists at once.

A price list may hold a hundred thousand prices, so its entries are paginated in
SQL, not loaded and sliced in Python; and a page of price lists asks for their
entries together, so the page of every list comes from one query (a window
function numbers each list's rows) and their counts from another, whatever the
number of lists. Cursors are the entry's id (entries are ordered by id).
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import graphene
from django.conf import settings
from django.db.models import Count, F, QuerySet, Window
from django.db.models.functions import RowNumber
from graphql.error import GraphQLError
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.connection import from_global_cursor, to_global_cursor
from saleor.graphql.core.dataloaders import DataLoader
from saleor.graphql.core.doc_category import DOC_CATEGORY_DISCOUNTS
from saleor.graphql.core.types import BaseInputObjectType, NonNullList
from saleor.graphql.core.utils import from_global_id_or_error

from ...pricing.models import PriceList, PriceListEntry


class PriceListEntryFilterInput(BaseInputObjectType):
    variants = NonNullList(graphene.ID, description="Only prices of these variants.")
    variant_skus = NonNullList(
        graphene.String, description="Only prices of the variants with these SKUs."
    )
    external_references = NonNullList(
        graphene.String, description="Only the entries with these external references."
    )

    class Meta:
        doc_category = DOC_CATEGORY_DISCOUNTS


@dataclass(frozen=True)
class EntriesPageArgs:
    """A connection's arguments, decoded; hashable, so a dataloader key."""

    limit: int
    backwards: bool
    after: int | None = None
    before: int | None = None
    variant_ids: frozenset[int] | None = None
    variant_skus: frozenset[str] | None = None
    external_references: frozenset[str] | None = None

    @classmethod
    def read(cls, info: ResolveInfo, args: dict) -> "EntriesPageArgs":
        first, last = args.get("first"), args.get("last")
        limit = first if first is not None else last
        if limit is None:
            raise GraphQLError(
                f"You must provide a `first` or `last` value to properly paginate "
                f"the `{info.field_name}` connection."
            )
        if not 0 <= limit <= settings.GRAPHQL_PAGINATION_LIMIT:
            raise GraphQLError(
                f"`first` and `last` take 0 to {settings.GRAPHQL_PAGINATION_LIMIT} "
                f"on the `{info.field_name}` connection."
            )
        filter_ = args.get("filter") or {}
        variants = filter_.get("variants")
        skus = filter_.get("variant_skus")
        references = filter_.get("external_references")
        return cls(
            limit=limit,
            backwards=first is None,
            after=_cursor_id(args.get("after")),
            before=_cursor_id(args.get("before")),
            variant_ids=(
                frozenset(_variant_id(v) for v in variants)
                if variants is not None
                else None
            ),
            variant_skus=frozenset(skus) if skus is not None else None,
            external_references=(
                frozenset(references) if references is not None else None
            ),
        )

    def filter(self, entries: QuerySet[PriceListEntry]) -> QuerySet[PriceListEntry]:
        if self.variant_ids is not None:
            entries = entries.filter(variant_id__in=self.variant_ids)
        if self.variant_skus is not None:
            entries = entries.filter(variant__sku__in=self.variant_skus)
        if self.external_references is not None:
            entries = entries.filter(external_reference__in=self.external_references)
        return entries


def _cursor_id(cursor: str | None) -> int | None:
    if not cursor:
        return None
    try:
        return int(from_global_cursor(cursor)[0])
    except (ValueError, TypeError, IndexError) as e:
        raise GraphQLError(f"Invalid cursor: {cursor}.") from e


def _variant_id(global_id: str) -> int:
    _, pk = from_global_id_or_error(global_id, "ProductVariant", raise_error=True)
    try:
        return int(pk)
    except ValueError as e:
        raise GraphQLError(f"Invalid ID: {global_id}.") from e


@dataclass
class EntriesPage:
    entries: list[PriceListEntry]
    has_more: bool
    total_count: int


class EntriesPageByPriceListIdLoader(
    DataLoader[tuple[int, EntriesPageArgs], EntriesPage]
):
    """Two queries per distinct arguments (in practice: per request)."""

    context_key = "b2b_entries_page_by_price_list_id"

    def batch_load(self, keys: Iterable[tuple[int, EntriesPageArgs]]):
        keys = list(keys)
        lists_by_args: dict[EntriesPageArgs, set[int]] = defaultdict(set)
        for list_id, args in keys:
            lists_by_args[args].add(list_id)
        pages: dict[tuple[int, EntriesPageArgs], EntriesPage] = {}
        for args, list_ids in lists_by_args.items():
            pages.update(self._pages(args, list_ids))
        return [pages[key] for key in keys]

    def _pages(self, args: EntriesPageArgs, list_ids: set[int]):
        entries = args.filter(
            PriceListEntry.objects.using(self.database_connection_name).filter(
                price_list_id__in=list_ids
            )
        )
        totals = dict(
            entries.order_by()
            .values("price_list_id")
            .annotate(count=Count("pk"))
            .values_list("price_list_id", "count")
        )
        if args.after is not None:
            entries = entries.filter(pk__gt=args.after)
        if args.before is not None:
            entries = entries.filter(pk__lt=args.before)
        order = F("pk").desc() if args.backwards else F("pk").asc()
        rows: dict[int, list[PriceListEntry]] = defaultdict(list)
        if args.limit:
            numbered = (
                entries.annotate(
                    row=Window(
                        RowNumber(), partition_by=[F("price_list_id")], order_by=order
                    )
                )
                .filter(row__lte=args.limit + 1)
                .order_by("price_list_id", "row")
            )
            for entry in numbered:
                rows[entry.price_list_id].append(entry)
        for list_id in list_ids:
            page = rows[list_id]
            has_more = len(page) > args.limit
            page = page[: args.limit]
            if args.backwards:
                page.reverse()
            yield (list_id, args), EntriesPage(page, has_more, totals.get(list_id, 0))


def resolve_entries(root: PriceList, info: ResolveInfo, connection_type, **kwargs):
    """The ``entries`` connection of ``root``, batched with the other lists'."""
    args = EntriesPageArgs.read(info, kwargs)

    def build(page: EntriesPage):
        edges = [
            connection_type.Edge(node=entry, cursor=to_global_cursor([entry.pk]))
            for entry in page.entries
        ]
        if args.backwards:
            has_previous, has_next = page.has_more, args.before is not None
        else:
            has_previous, has_next = args.after is not None, page.has_more
        page_info = graphene.relay.PageInfo(
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
            has_previous_page=has_previous,
            has_next_page=has_next,
        )
        connection = connection_type(edges=edges, page_info=page_info)
        connection.total_count = page.total_count
        return connection

    return (
        EntriesPageByPriceListIdLoader(info.context).load((root.pk, args)).then(build)
    )
