import django_filters
from django.db.models import Exists, OuterRef, QuerySet
from saleor.graphql.core.doc_category import DOC_CATEGORY_USERS
from saleor.graphql.core.filters import (
    GlobalIDFilter,
    GlobalIDMultipleChoiceFilter,
    MetadataFilterBase,
)
from saleor.graphql.core.filters.filter_input import FilterInputObjectType
from saleor.graphql.core.utils import from_global_id_or_error

from ...groups.models import CustomerGroupMembership
from ..listing import search_in, with_ids


def filter_parent(qs: QuerySet, _, value: str | None) -> QuerySet:
    if not value:
        return qs
    _, pk = from_global_id_or_error(value, "CustomerGroup")
    return qs.filter(parent_id=pk)


def filter_root_only(qs: QuerySet, _, value: bool | None) -> QuerySet:
    if value is None:
        return qs
    return qs.filter(parent__isnull=value)


def filter_member(qs: QuerySet, _, value: str | None) -> QuerySet:
    if not value:
        return qs
    _, user_pk = from_global_id_or_error(value, "User")
    memberships = CustomerGroupMembership.objects.using(qs.db).filter(
        group_id=OuterRef("pk"), user_id=user_pk
    )
    return qs.filter(Exists(memberships))


class CustomerGroupFilter(MetadataFilterBase):
    search = django_filters.CharFilter(
        method=search_in("name", "slug", "external_reference")
    )
    ids = GlobalIDMultipleChoiceFilter(method=with_ids("CustomerGroup"))
    parent = GlobalIDFilter(method=filter_parent)
    root_only = django_filters.BooleanFilter(method=filter_root_only)
    member = GlobalIDFilter(method=filter_member)
    external_reference = django_filters.CharFilter(field_name="external_reference")
    is_active = django_filters.BooleanFilter(field_name="is_active")


class CustomerGroupFilterInput(FilterInputObjectType):
    class Meta:
        doc_category = DOC_CATEGORY_USERS
        filterset_class = CustomerGroupFilter
