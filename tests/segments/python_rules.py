"""The same rules evaluated in Python, customer by customer: the reference that
the SQL evaluation (``segments.evaluation``) must agree with.

Written from the documented meaning of each condition, not from the SQL: it reads
each customer's data with plain ORM reads and loops.
"""

from datetime import datetime, timedelta
from decimal import Decimal

from saleor.account.models import User
from saleor.order import OrderStatus

from saleor_b2b_groups.segments.evaluation import category_ids_with_descendants

NOT_PLACED = {OrderStatus.DRAFT, OrderStatus.CANCELED, OrderStatus.EXPIRED}


def customer_facts(user: User) -> dict:
    def address(a):
        return (a.country.code, a.postal_code) if a else None

    orders = []
    for order in user.orders.all():
        if order.status in NOT_PLACED:
            continue
        products, categories, collections = set(), set(), set()
        for line in order.lines.all():
            if line.variant is None:
                continue
            product = line.variant.product
            products.add(product.pk)
            categories.add(product.category_id)
            collections.update(c.pk for c in product.collections.all())
        orders.append(
            {
                "created_at": order.created_at,
                "channel": order.channel.slug,
                "currency": order.currency,
                "total": order.total_gross_amount,
                "products": products,
                "categories": categories,
                "collections": collections,
            }
        )
    return {
        "pk": user.pk,
        "eligible": user.is_active and not user.is_staff,
        "email": user.email,
        "billing": address(user.default_billing_address),
        "shipping": address(user.default_shipping_address),
        "metadata": user.metadata,
        "private_metadata": user.private_metadata,
        "orders": orders,
    }


def matches(tree: dict, facts: dict, now: datetime) -> bool:
    return facts["eligible"] and _node(tree, facts, now)


def _node(tree: dict, facts: dict, now: datetime) -> bool:
    ((kind, value),) = tree.items()
    if kind == "all":
        return all(_node(child, facts, now) for child in value)
    if kind == "any":
        return any(_node(child, facts, now) for child in value)
    return globals()[f"_{kind}"](value, facts, now)


def _country(value, facts, _now):
    address = facts[value["address"]]
    if address is None or address[0] not in value["countries"]:
        return False
    prefixes = value["postal_code_prefixes"]
    return not prefixes or any(
        address[1].upper().startswith(p.upper()) for p in prefixes
    )


def _email_domain(value, facts, _now):
    return any(
        facts["email"].upper().endswith(f"@{d}".upper()) for d in value["domains"]
    )


def _metadata(value, facts, _now):
    data = facts["private_metadata" if value["private"] else "metadata"]
    if value["key"] not in data:
        return False
    return not value["values"] or data[value["key"]] in value["values"]


def _within(order, days, now):
    return days is None or order["created_at"] >= now - timedelta(days=days)


def _orders(value, facts, now):
    orders = [
        o
        for o in facts["orders"]
        if _within(o, value["days"], now)
        and (not value["channel"] or o["channel"] == value["channel"])
        and (not value["currency"] or o["currency"] == value["currency"])
    ]
    count, total = len(orders), sum((o["total"] for o in orders), Decimal(0))
    return (
        (value["min_count"] is None or count >= value["min_count"])
        and (value["max_count"] is None or count <= value["max_count"])
        and (value["min_total"] is None or total >= Decimal(value["min_total"]))
        and (value["max_total"] is None or total <= Decimal(value["max_total"]))
    )


def _last_order(value, facts, now):
    last = max((o["created_at"] for o in facts["orders"]), default=None)
    if value["max_days"] is not None and (
        last is None or last < now - timedelta(days=value["max_days"])
    ):
        return False
    return not (
        value["min_days"] is not None
        and last is not None
        and last > now - timedelta(days=value["min_days"])
    )


def _bought(value, facts, now):
    categories = set(category_ids_with_descendants(value["categories"]))
    return any(
        _within(o, value["days"], now)
        and (
            o["products"] & set(value["products"])
            or o["categories"] & categories
            or o["collections"] & set(value["collections"])
        )
        for o in facts["orders"]
    )
