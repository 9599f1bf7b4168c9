import django_filters
from django.db.models import QuerySet
from saleor.graphql.core.doc_category import DOC_CATEGORY_USERS
from saleor.graphql.core.filters import (
    GlobalIDFilter,
    ListObjectTypeFilter,
    ObjectTypeFilter,
)
from saleor.graphql.core.filters.filter_input import FilterInputObjectType
from saleor.graphql.core.types import DateTimeRangeInput
from saleor.graphql.core.utils import from_global_id_or_error
from saleor.graphql.utils.filters import filter_range_field

from .enums import CreditLedgerEntryTypeEnum


def filter_types(qs: QuerySet, _, value: list[str]) -> QuerySet:
    return qs.filter(type__in=value) if value else qs


def filter_created_at(qs: QuerySet, _, value) -> QuerySet:
    return filter_range_field(qs, "created_at", value)


def filter_reference(qs: QuerySet, _, value: str) -> QuerySet:
    return qs.filter(external_reference=value) if value else qs


def filter_order(qs: QuerySet, _, value: str | None) -> QuerySet:
    if not value:
        return qs
    _, pk = from_global_id_or_error(value, "Order", True)
    return qs.filter(order_id=pk)


class CreditLedgerEntryFilter(django_filters.FilterSet):
    types = ListObjectTypeFilter(
        input_class=CreditLedgerEntryTypeEnum, method=filter_types
    )
    created_at = ObjectTypeFilter(
        input_class=DateTimeRangeInput, method=filter_created_at
    )
    external_reference = django_filters.CharFilter(method=filter_reference)
    order = GlobalIDFilter(method=filter_order)


class CreditLedgerEntryFilterInput(FilterInputObjectType):
    class Meta:
        doc_category = DOC_CATEGORY_USERS
        filterset_class = CreditLedgerEntryFilter
