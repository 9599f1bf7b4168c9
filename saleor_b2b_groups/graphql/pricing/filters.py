import django_filters
from django.db.models import Exists, OuterRef, Q, QuerySet
from saleor.graphql.core.doc_category import DOC_CATEGORY_DISCOUNTS
from saleor.graphql.core.filters import (
    GlobalIDFilter,
    GlobalIDMultipleChoiceFilter,
    MetadataFilterBase,
)
from saleor.graphql.core.filters.filter_input import FilterInputObjectType
from saleor.graphql.core.utils import from_global_id_or_error

from ...pricing.models import CustomerGroupPriceList


def filter_search(qs: QuerySet, _, value: str) -> QuerySet:
    if not value:
        return qs
    return qs.filter(
        Q(name__icontains=value)
        | Q(slug__icontains=value)
        | Q(external_reference__icontains=value)
    )


def filter_ids(qs: QuerySet, _, value: list[str]) -> QuerySet:
    if not value:
        return qs
    pks = [from_global_id_or_error(gid, "PriceList", True)[1] for gid in value]
    return qs.filter(pk__in=pks)


def filter_channels(qs: QuerySet, _, value: list[str]) -> QuerySet:
    if not value:
        return qs
    pks = [from_global_id_or_error(gid, "Channel", True)[1] for gid in value]
    return qs.filter(channel_id__in=pks)


def filter_group(qs: QuerySet, _, value: str | None) -> QuerySet:
    """Lists assigned to the group itself (not those it inherits)."""
    if not value:
        return qs
    _, pk = from_global_id_or_error(value, "CustomerGroup", True)
    assignments = CustomerGroupPriceList.objects.using(qs.db).filter(
        price_list_id=OuterRef("pk"), group_id=int(pk)
    )
    return qs.filter(Exists(assignments))


class PriceListFilter(MetadataFilterBase):
    search = django_filters.CharFilter(method=filter_search)
    ids = GlobalIDMultipleChoiceFilter(method=filter_ids)
    # Not `channel`: Saleor's filtering puts a channel slug under that name into
    # every filter input.
    channels = GlobalIDMultipleChoiceFilter(method=filter_channels)
    group = GlobalIDFilter(method=filter_group)
    is_active = django_filters.BooleanFilter(field_name="is_active")
    external_reference = django_filters.CharFilter(field_name="external_reference")


class PriceListFilterInput(FilterInputObjectType):
    class Meta:
        doc_category = DOC_CATEGORY_DISCOUNTS
        filterset_class = PriceListFilter
