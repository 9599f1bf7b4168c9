import django_filters
from django.db.models import Exists, OuterRef, QuerySet
from saleor.graphql.core.doc_category import DOC_CATEGORY_DISCOUNTS
from saleor.graphql.core.filters import (
    GlobalIDFilter,
    GlobalIDMultipleChoiceFilter,
    MetadataFilterBase,
)
from saleor.graphql.core.filters.filter_input import FilterInputObjectType
from saleor.graphql.core.utils import from_global_id_or_error

from ...pricing.models import CustomerGroupPriceList
from ..listing import search_in, with_ids


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
    search = django_filters.CharFilter(
        method=search_in("name", "slug", "external_reference")
    )
    ids = GlobalIDMultipleChoiceFilter(method=with_ids("PriceList"))
    # Not `channel`: Saleor's filtering puts a channel slug under that name into
    # every filter input.
    channels = GlobalIDMultipleChoiceFilter(method=with_ids("Channel", "channel_id"))
    group = GlobalIDFilter(method=filter_group)
    is_active = django_filters.BooleanFilter(field_name="is_active")
    external_reference = django_filters.CharFilter(field_name="external_reference")


class PriceListFilterInput(FilterInputObjectType):
    class Meta:
        doc_category = DOC_CATEGORY_DISCOUNTS
        filterset_class = PriceListFilter
