import django_filters
from django.db.models import Exists, OuterRef, Q, QuerySet
from saleor.graphql.core.doc_category import DOC_CATEGORY_USERS
from saleor.graphql.core.filters import (
    GlobalIDFilter,
    GlobalIDMultipleChoiceFilter,
    MetadataFilterBase,
)
from saleor.graphql.core.filters.filter_input import FilterInputObjectType
from saleor.graphql.core.utils import from_global_id_or_error

from ...groups.models import CustomerGroupMembership


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
    pks = [from_global_id_or_error(gid, "CustomerGroup")[1] for gid in value]
    return qs.filter(pk__in=pks)


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
    search = django_filters.CharFilter(method=filter_search)
    ids = GlobalIDMultipleChoiceFilter(method=filter_ids)
    parent = GlobalIDFilter(method=filter_parent)
    root_only = django_filters.BooleanFilter(method=filter_root_only)
    member = GlobalIDFilter(method=filter_member)
    external_reference = django_filters.CharFilter(field_name="external_reference")
    is_active = django_filters.BooleanFilter(field_name="is_active")


class CustomerGroupFilterInput(FilterInputObjectType):
    class Meta:
        doc_category = DOC_CATEGORY_USERS
        filterset_class = CustomerGroupFilter
