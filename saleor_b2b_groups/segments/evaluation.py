"""A rule tree as one SQL condition on customers: set-based, never a Python loop.

``condition`` turns a cleaned tree (``rules.clean_rules``) into a ``Q`` on Saleor's
``User``: countries and postal codes are joins to the default addresses, metadata
is read from the JSONB columns, purchase history is correlated subqueries on
orders. ``matching_ids`` runs it as one query for a whole group; ``matches_of``
answers for one customer and every segment in one query (the incremental path).

What counts as an order: every order of the customer's account that was placed,
so not a draft, and not cancelled or expired; its value is its gross total
(``total_gross_amount``) in the order's currency.
"""

from collections.abc import Iterable
from datetime import datetime, timedelta
from decimal import Decimal

from django.db.models import (
    BooleanField,
    Count,
    DecimalField,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Coalesce
from django.db.models.lookups import GreaterThanOrEqual, In, LessThanOrEqual
from django.utils import timezone
from saleor.account.models import User
from saleor.order import OrderStatus
from saleor.order.models import Order, OrderLine
from saleor.product.models import Category

from .rules import BILLING, GROUPS

#: Orders that never became a purchase.
NOT_PLACED = (OrderStatus.DRAFT, OrderStatus.CANCELED, OrderStatus.EXPIRED)


def customers() -> QuerySet[User]:
    """Who a segment may match: active accounts that are not staff."""
    return User.objects.filter(is_active=True, is_staff=False)


def condition(tree: dict, now: datetime | None = None) -> Q:
    """The tree as a condition on ``User``; ``now`` fixes "the last N days"."""
    return _node(tree, now or timezone.now())


def matching_ids(tree: dict, now: datetime | None = None) -> set[int]:
    """Every customer the tree matches: one query."""
    return set(customers().filter(condition(tree, now)).values_list("pk", flat=True))


def matches_of(
    user_ids: Iterable[int], trees: dict[int, dict], now: datetime | None = None
) -> dict[int, set[int]]:
    """{key of a tree: the given customers it matches}: one query for all trees."""
    user_ids, now = list(user_ids), now or timezone.now()
    if not trees or not user_ids:
        return {key: set() for key in trees}
    flags = {
        f"segment_{key}": ExpressionWrapper(
            condition(tree, now), output_field=BooleanField()
        )
        for key, tree in trees.items()
    }
    found: dict[int, set[int]] = {key: set() for key in trees}
    rows = customers().filter(pk__in=user_ids).annotate(**flags).values("pk", *flags)
    for row in rows:
        for key in trees:
            if row[f"segment_{key}"]:
                found[key].add(row["pk"])
    return found


def _node(tree: dict, now: datetime) -> Q:
    ((kind, value),) = tree.items()
    if kind in GROUPS:
        children = [_node(child, now) for child in value]
        combined = children[0]
        for child in children[1:]:
            combined = (combined & child) if kind == "all" else (combined | child)
        return combined
    return CONDITIONS[kind](value, now)


def _country(value: dict, _now: datetime) -> Q:
    address = (
        "default_billing_address"
        if value["address"] == BILLING
        else "default_shipping_address"
    )
    q = Q(**{f"{address}__country__in": value["countries"]})
    if value["postal_code_prefixes"]:
        prefixes = Q()
        for prefix in value["postal_code_prefixes"]:
            prefixes |= Q(**{f"{address}__postal_code__istartswith": prefix})
        q &= prefixes
    return q


def _email_domain(value: dict, _now: datetime) -> Q:
    q = Q()
    for domain in value["domains"]:
        q |= Q(email__iendswith=f"@{domain}")
    return q


def _metadata(value: dict, _now: datetime) -> Q:
    field = "private_metadata" if value["private"] else "metadata"
    if not value["values"]:
        return Q(**{f"{field}__has_key": value["key"]})
    return Q(In(KeyTextTransform(value["key"], field), value["values"]))


def _placed_orders(days: int | None, now: datetime) -> QuerySet[Order]:
    orders = Order.objects.filter(user_id=OuterRef("pk")).exclude(status__in=NOT_PLACED)
    if days is not None:
        orders = orders.filter(created_at__gte=now - timedelta(days=days))
    return orders


def _orders(value: dict, now: datetime) -> Q:
    orders = _placed_orders(value["days"], now)
    if value["channel"]:
        orders = orders.filter(channel__slug=value["channel"])
    if value["currency"]:
        orders = orders.filter(currency=value["currency"])
    per_customer = orders.order_by().values("user_id")
    q = Q()
    if value["min_count"] is not None or value["max_count"] is not None:
        count = Coalesce(
            Subquery(per_customer.annotate(n=Count("pk")).values("n")), Value(0)
        )
        if value["min_count"] is not None:
            q &= Q(GreaterThanOrEqual(count, value["min_count"]))
        if value["max_count"] is not None:
            q &= Q(LessThanOrEqual(count, value["max_count"]))
    if value["min_total"] is not None or value["max_total"] is not None:
        money: DecimalField = DecimalField(max_digits=20, decimal_places=3)
        total = Coalesce(
            Subquery(
                per_customer.annotate(t=Sum("total_gross_amount")).values("t"),
                output_field=money,
            ),
            Value(Decimal(0)),
            output_field=money,
        )
        if value["min_total"] is not None:
            q &= Q(GreaterThanOrEqual(total, Decimal(value["min_total"])))
        if value["max_total"] is not None:
            q &= Q(LessThanOrEqual(total, Decimal(value["max_total"])))
    return q


def _last_order(value: dict, now: datetime) -> Q:
    """Days since the last placed order; a customer who never ordered has an
    infinite number of them (matches a minimum, never a maximum)."""
    q = Q()
    if value["min_days"] is not None:
        recent = _placed_orders(None, now).filter(
            created_at__gt=now - timedelta(days=value["min_days"])
        )
        q &= ~Q(Exists(recent))
    if value["max_days"] is not None:
        q &= Q(Exists(_placed_orders(value["max_days"], now)))
    return q


def category_ids_with_descendants(category_ids: list[int]) -> list[int]:
    """A category stands for its subcategories too: one query."""
    if not category_ids:
        return []
    return sorted(
        Category.tree.filter(pk__in=category_ids)
        .get_descendants(include_self=True)
        .values_list("pk", flat=True)
    )


def _bought(value: dict, now: datetime) -> Q:
    lines = OrderLine.objects.filter(
        order__user_id=OuterRef("pk"), variant__isnull=False
    ).exclude(order__status__in=NOT_PLACED)
    if value["days"] is not None:
        lines = lines.filter(order__created_at__gte=now - timedelta(days=value["days"]))
    what = Q()
    if value["products"]:
        what |= Q(variant__product_id__in=value["products"])
    if value["categories"]:
        categories = category_ids_with_descendants(value["categories"])
        what |= Q(variant__product__category_id__in=categories)
    if value["collections"]:
        what |= Q(variant__product__collections__in=value["collections"])
    return Q(Exists(lines.filter(what)))


CONDITIONS = {
    "country": _country,
    "email_domain": _email_domain,
    "metadata": _metadata,
    "orders": _orders,
    "last_order": _last_order,
    "bought": _bought,
}
