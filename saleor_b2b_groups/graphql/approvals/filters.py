import django_filters
import graphene
from django.db.models import CharField, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Cast
from django.utils import timezone
from saleor.graphql.core.doc_category import DOC_CATEGORY_CHECKOUT
from saleor.graphql.core.filters import (
    GlobalIDFilter,
    ListObjectTypeFilter,
    ObjectTypeFilter,
)
from saleor.graphql.core.filters.filter_input import FilterInputObjectType
from saleor.graphql.core.types import DateTimeRangeInput
from saleor.graphql.core.utils import from_global_id_or_error
from saleor.graphql.utils.filters import filter_range_field
from saleor.order.models import Order

from ...groups.models import CustomerGroup
from ..listing import search_in
from .enums import CheckoutApprovalStatusEnum


def filter_status(qs: QuerySet, _, value: list[str]) -> QuerySet:
    if not value:
        return qs
    return qs.filter(status__in=value)


def filter_expired(qs: QuerySet, _, value: bool | None) -> QuerySet:
    if value is None:
        return qs
    now = timezone.now()
    return qs.filter(expires_at__lte=now) if value else qs.filter(expires_at__gt=now)


def filter_group(qs: QuerySet, _, value: str | None) -> QuerySet:
    """Requests of the group and of every group below it."""
    if not value:
        return qs
    _, pk = from_global_id_or_error(value, "CustomerGroup", True)
    subtree = CustomerGroup.objects.using(qs.db).filter(
        Q(pk=pk) | Q(ancestor_ids__contains=[int(pk)])
    )
    return qs.filter(group_id__in=subtree.values("pk"))


def filter_requested_by(qs: QuerySet, _, value: str | None) -> QuerySet:
    if not value:
        return qs
    _, pk = from_global_id_or_error(value, "User", True)
    return qs.filter(requested_by_id=pk)


def filter_channels(qs: QuerySet, _, value: list[str]) -> QuerySet:
    if not value:
        return qs
    return qs.filter(channel__slug__in=value)


def filter_ordered(qs: QuerySet, _, value: bool | None) -> QuerySet:
    if value is None:
        return qs
    orders = Order.objects.using(qs.db).filter(
        checkout_token=Cast(OuterRef("checkout_token"), output_field=CharField())
    )
    return qs.filter(Exists(orders)) if value else qs.exclude(Exists(orders))


def filter_requested_at(qs: QuerySet, _, value) -> QuerySet:
    return filter_range_field(qs, "requested_at", value)


class CheckoutApprovalFilter(django_filters.FilterSet):
    status = ListObjectTypeFilter(
        input_class=CheckoutApprovalStatusEnum, method=filter_status
    )
    expired = django_filters.BooleanFilter(method=filter_expired)
    group = GlobalIDFilter(method=filter_group)
    requested_by = GlobalIDFilter(method=filter_requested_by)
    # Not `channel`: Saleor's filtering puts a channel slug under that name into
    # every filter input.
    channels = ListObjectTypeFilter(input_class=graphene.String, method=filter_channels)
    ordered = django_filters.BooleanFilter(method=filter_ordered)
    requested_at = ObjectTypeFilter(
        input_class=DateTimeRangeInput, method=filter_requested_at
    )
    search = django_filters.CharFilter(
        method=search_in("requested_by_email", "note", "group__name")
    )


class CheckoutApprovalFilterInput(FilterInputObjectType):
    class Meta:
        doc_category = DOC_CATEGORY_CHECKOUT
        filterset_class = CheckoutApprovalFilter
