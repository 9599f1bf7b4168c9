"""The one quantity validation: every write path calls :func:`check_quantities`.

The checkout mutations (``graphql/quantities/checkout.py``), completion
(``completion``) and any feature that lets a buyer put quantities somewhere
(requisition lists, quick order, quotes) call it with the buyer context they
already have -- never working the buyer out again::

    from saleor_b2b_groups.quantities.checks import check_quantities

    problems = check_quantities(buyer, channel, [(variant_id, quantity), ...])
    if problems:
        ...  # refuse; each problem has a code, a message and suggestions

Lines of the same variant are added up (two lines of 5 are 10 units), as Saleor's
per-customer limit and the price tiers count them. A buyer in no group, or whose
groups set no rule, gets no problem: Saleor's own limits apply to them.
:func:`check_order_subtotal` checks the order limits.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import OuterRef
from prices import Money
from saleor.product.models import CollectionProduct, ProductVariant

from ..buyers.context import BuyerContext
from .error_codes import QuantityErrorCode
from .rules import EffectiveRule, VariantPlace, buyer_rules, order_limits


@dataclass(frozen=True)
class QuantityProblem:
    """One refused quantity or order total."""

    code: QuantityErrorCode
    message: str
    #: The variant (None for an order limit) and the units asked for.
    variant_id: int | None = None
    quantity: int | None = None
    #: The nearest quantities the rule allows, ascending.
    suggestions: list[int] = field(default_factory=list)
    rule: EffectiveRule | None = None


def variant_places(
    variant_ids: Iterable[int], database: str = "default"
) -> dict[int, tuple[VariantPlace, str]]:
    """Each variant's product, category and collections, and its display name:
    one query whatever the number of variants."""
    ids = sorted(set(variant_ids))
    if not ids:
        return {}
    collections = ArraySubquery(
        CollectionProduct.objects.using(database)
        .filter(product_id=OuterRef("product_id"))
        .values("collection_id")
    )
    rows = (
        ProductVariant.objects.using(database)
        .filter(pk__in=ids)
        .annotate(b2b_collections=collections)
        .values_list(
            "pk",
            "product_id",
            "product__category_id",
            "b2b_collections",
            "product__name",
            "name",
        )
    )
    return {
        pk: (
            VariantPlace(pk, product_id, category_id, tuple(collection_ids or ())),
            f"{product_name} ({name})" if name else product_name,
        )
        for pk, product_id, category_id, collection_ids, product_name, name in rows
    }


def _message(code: QuantityErrorCode, name: str, quantity: int, rule) -> str:
    if code == QuantityErrorCode.QUANTITY_BELOW_MINIMUM:
        text = f"{name}: at least {rule.minimum} units per order; {quantity} asked."
    elif code == QuantityErrorCode.QUANTITY_NOT_MULTIPLE:
        text = f"{name}: sold in multiples of {rule.increment}; {quantity} asked."
    else:
        text = f"{name}: at most {rule.maximum} units per order; {quantity} asked."
    nearest = rule.nearest_valid(quantity)
    if nearest:
        text += " Nearest valid: " + ", ".join(str(q) for q in nearest) + "."
    else:
        text += " No quantity satisfies the rules that apply."
    return text


def check_quantities(
    buyer: BuyerContext | None,
    channel: Any,
    lines: Iterable[tuple[int, int]],
    database: str = "default",
) -> list[QuantityProblem]:
    """Problems with ``lines`` (variant id, units) for ``buyer``; [] when fine.

    ``channel`` is the channel bought in (rules apply in every channel today; it
    is part of the contract for channel-specific rules). At most one query (the
    variants' places), none when the buyer's groups set no quantity rule.
    """
    if buyer is None or not buyer.is_member:
        return []
    rules = buyer_rules(buyer, database)
    if not rules.has_rules:
        return []
    totals: dict[int, int] = defaultdict(int)
    for variant_id, quantity in lines:
        totals[int(variant_id)] += int(quantity)
    places = variant_places([pk for pk, q in totals.items() if q > 0], database)
    problems = []
    for variant_id, quantity in totals.items():
        if variant_id not in places:
            continue  # removed, or unknown: Saleor reports it
        place, name = places[variant_id]
        rule = rules.rule_for(place)
        if rule is None:
            continue
        for code in rule.problems(quantity):
            problem_code = QuantityErrorCode(code)
            problems.append(
                QuantityProblem(
                    code=problem_code,
                    message=_message(problem_code, name, quantity, rule),
                    variant_id=variant_id,
                    quantity=quantity,
                    suggestions=rule.nearest_valid(quantity),
                    rule=rule,
                )
            )
    return problems


def check_order_subtotal(
    buyer: BuyerContext | None, subtotal: Money
) -> QuantityProblem | None:
    """A problem when ``subtotal`` is outside the buyer's order limits (amounts
    in the subtotal's currency, see ``terms``)."""
    if buyer is None or not buyer.is_member:
        return None
    limits = order_limits(buyer)
    amount = Decimal(subtotal.amount)
    currency = subtotal.currency
    if limits.minimum is not None and amount < limits.minimum:
        return QuantityProblem(
            code=QuantityErrorCode.ORDER_BELOW_MINIMUM,
            message=(
                f"The order minimum is {currency} {limits.minimum}; the subtotal "
                f"is {currency} {amount}."
            ),
        )
    if limits.maximum is not None and amount > limits.maximum:
        return QuantityProblem(
            code=QuantityErrorCode.ORDER_ABOVE_MAXIMUM,
            message=(
                f"The order maximum is {currency} {limits.maximum}; the subtotal "
                f"is {currency} {amount}."
            ),
        )
    return None
