"""Quantity rules on the checkout mutations: checked before Saleor's resolver.

``checkoutCreate``, ``checkoutLinesAdd`` and ``checkoutLinesUpdate`` are wrapped:
the quantities each touched variant would reach (its units across the checkout's
lines, as Saleor's limits and the price tiers count them) are checked for the
checkout's buyer (``quantities.checks.check_quantities``). A refusal returns the
mutation's own payload before anything is written, on ``quantity`` with the
variants (``variants``), Saleor's ``CheckoutErrorCode``:

* ``QUANTITY_GREATER_THAN_LIMIT`` for a quantity above the rule's maximum;
* ``INVALID`` for one below its minimum or not a multiple of its increment;

the message starts with this package's code (``QUANTITY_BELOW_MINIMUM``,
``QUANTITY_NOT_MULTIPLE``, ``QUANTITY_ABOVE_MAXIMUM``), states the numbers and the
nearest valid quantities; ``Checkout.quantityProblems`` lists them typed.

For a group member Saleor's shop-wide per-line cap is lifted while its resolver
runs (``quantities.cap``); ``checkoutShippingAddressUpdate`` re-checks stock with
the same cap, so it is wrapped too. Variants the mutation does not touch are not
refused here (a buyer can always remove lines); completion checks every line.
"""

from collections import defaultdict
from collections.abc import Callable
from functools import wraps
from typing import Any

import graphene
from django.core.exceptions import ValidationError
from saleor.checkout.error_codes import CheckoutErrorCode
from saleor.checkout.models import CheckoutLine
from saleor.core.db.connection import allow_writer
from saleor.graphql.checkout.mutations import (
    CheckoutCreate,
    CheckoutCreateFromOrder,
    CheckoutLinesAdd,
    CheckoutLinesUpdate,
    CheckoutShippingAddressUpdate,
)
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.mutations import BaseMutation

from ...activation import is_plugin_active
from ...buyers.context import BuyerContext, of_checkout, of_requestor
from ...quantities.cap import lifted_for
from ...quantities.checks import QuantityProblem, check_quantities, variant_places
from ...quantities.error_codes import QuantityErrorCode
from ...quantities.rules import buyer_rules
from ..core import mutation_plugin_manager
from ..schema_extension import ResolverWrapper
from ..visibility.checkout import CannotTell, checkout_of, pk_of, request_user

#: Marks a mutation resolver that checks quantities first.
QUANTITIES_CHECKED = "__b2b_quantities_checked__"

#: Saleor's code for each of this package's quantity codes.
CHECKOUT_CODES = {
    QuantityErrorCode.QUANTITY_ABOVE_MAXIMUM: (
        CheckoutErrorCode.QUANTITY_GREATER_THAN_LIMIT
    ),
    QuantityErrorCode.QUANTITY_BELOW_MINIMUM: CheckoutErrorCode.INVALID,
    QuantityErrorCode.QUANTITY_NOT_MULTIPLE: CheckoutErrorCode.INVALID,
}


class Wanted:
    """What a mutation is about: the buyer, the channel, each touched variant's
    resulting units, and every variant of the checkout after it."""

    def __init__(self, buyer: BuyerContext | None, channel: Any):
        self.buyer = buyer
        self.channel = channel
        self.touched: dict[int, int] = {}
        self.all_variants: set[int] = set()


def _variant_pk(line: dict) -> int:
    return int(pk_of(line["variant_id"], "ProductVariant"))


def _existing(checkout) -> list[tuple[str, int, int]]:
    """The checkout's lines as they are: (line pk as text, variant id, units)."""
    rows = CheckoutLine.objects.filter(checkout_id=checkout.pk).values_list(
        "pk", "variant_id", "quantity"
    )
    return [(str(pk), variant_id, quantity) for pk, variant_id, quantity in rows]


def _has_rules(buyer: BuyerContext | None) -> bool:
    return buyer is not None and buyer.is_member and buyer_rules(buyer).has_rules


def wanted_on_create(info: ResolveInfo, kwargs) -> Wanted:
    data = kwargs.get("input") or {}
    buyer = of_requestor(request_user(info), known_activity=True)
    wanted = Wanted(buyer, None)
    totals: dict[int, int] = defaultdict(int)
    for line in data.get("lines") or []:
        if line.get("variant_id"):
            totals[_variant_pk(line)] += int(line.get("quantity") or 0)
    wanted.touched = dict(totals)
    wanted.all_variants = set(totals)
    return wanted


def _checkout_wanted(mutation, info, kwargs) -> tuple[Wanted, Any]:
    checkout = checkout_of(mutation, info, kwargs)
    buyer = of_checkout(checkout, requestor=request_user(info))
    return Wanted(buyer, checkout.channel), checkout


def wanted_on_lines_add(info: ResolveInfo, kwargs) -> Wanted:
    wanted, checkout = _checkout_wanted(CheckoutLinesAdd, info, kwargs)
    if not _has_rules(wanted.buyer):
        return wanted
    totals: dict[int, int] = defaultdict(int)
    for _pk, variant_id, quantity in _existing(checkout):
        totals[variant_id] += quantity
    added = [
        (_variant_pk(line), int(line.get("quantity") or 0)) for line in kwargs["lines"]
    ]
    for variant_id, quantity in added:
        totals[variant_id] += quantity
    wanted.touched = {pk: totals[pk] for pk, _q in added}
    wanted.all_variants = {pk for pk, q in totals.items() if q > 0}
    return wanted


def wanted_on_lines_update(info: ResolveInfo, kwargs) -> Wanted:
    wanted, checkout = _checkout_wanted(CheckoutLinesUpdate, info, kwargs)
    if not _has_rules(wanted.buyer):
        return wanted
    lines = {
        str(pk): [variant_id, quantity]
        for pk, variant_id, quantity in _existing(checkout)
    }
    touched: set[int] = set()
    for line in kwargs["lines"]:
        quantity = line.get("quantity")
        if line.get("line_id"):
            pk = pk_of(line["line_id"], "CheckoutLine")
            if pk not in lines:
                raise CannotTell  # Saleor reports the unknown line
            touched.add(lines[pk][0])
            if quantity is not None:
                lines[pk][1] = int(quantity)
        elif line.get("variant_id"):
            variant_id = _variant_pk(line)
            touched.add(variant_id)
            same = [pk for pk, (v, _q) in lines.items() if v == variant_id]
            if quantity is None:
                continue
            if same:
                # Saleor sets the variant's line to the quantity
                for pk in same[1:]:
                    lines[pk][1] = 0
                lines[same[0]][1] = int(quantity)
            else:
                lines[f"new-{variant_id}"] = [variant_id, int(quantity)]
    totals: dict[int, int] = defaultdict(int)
    for variant_id, quantity in lines.values():
        totals[variant_id] += quantity
    wanted.touched = {pk: totals[pk] for pk in touched}
    wanted.all_variants = {pk for pk, q in totals.items() if q > 0}
    return wanted


def wanted_on_shipping_address_update(info: ResolveInfo, kwargs) -> Wanted:
    wanted, checkout = _checkout_wanted(CheckoutShippingAddressUpdate, info, kwargs)
    if _has_rules(wanted.buyer):
        wanted.all_variants = {v for _pk, v, q in _existing(checkout) if q > 0}
    return wanted


def wanted_on_reorder(info: ResolveInfo, kwargs) -> Wanted:
    """A reorder is the order's customer's: lift their cap, keep their rules'
    maximums; the rules themselves are checked at completion."""
    from saleor.order.models import OrderLine

    wanted = Wanted(of_requestor(request_user(info), known_activity=True), None)
    if _has_rules(wanted.buyer):
        order_pk = pk_of(kwargs.get("id"), "Order")
        wanted.all_variants = set(
            OrderLine.objects.filter(
                order_id=order_pk, variant_id__isnull=False
            ).values_list("variant_id", flat=True)
        )
    return wanted


def refusal_errors(problems: list[QuantityProblem]) -> ValidationError:
    errors = [
        ValidationError(
            f"{problem.code.name}: {problem.message}",
            code=CHECKOUT_CODES[problem.code].value,
            params={
                "variants": [
                    graphene.Node.to_global_id("ProductVariant", problem.variant_id)
                ]
            },
        )
        for problem in problems
    ]
    return ValidationError({"quantity": errors})


def rule_maximums(wanted: Wanted) -> dict[int, int]:
    """The rule maximum of each of the checkout's variants that has one."""
    if not _has_rules(wanted.buyer) or not wanted.all_variants:
        return {}
    rules = buyer_rules(wanted.buyer)  # type: ignore[arg-type]
    maximums = {}
    for pk, (place, _name) in variant_places(wanted.all_variants).items():
        rule = rules.rule_for(place)
        if rule is not None and rule.maximum is not None:
            maximums[pk] = rule.maximum
    return maximums


def check_quantities_first(
    mutation: type[BaseMutation],
    wanted_of: Callable[[ResolveInfo, dict], Wanted],
    *,
    refuse: bool = True,
) -> Callable[[Callable], Callable]:
    def wrap(resolve: Callable) -> Callable:
        @wraps(resolve)
        def resolve_if_allowed(root, info: ResolveInfo, **kwargs):
            with allow_writer():  # a mutation: read the primary database
                manager = mutation_plugin_manager(info)
                wanted = None
                if is_plugin_active(manager):
                    try:
                        wanted = wanted_of(info, kwargs)
                    except CannotTell:
                        wanted = None
                if wanted is None or wanted.buyer is None or not wanted.buyer.is_member:
                    return resolve(root, info, **kwargs)
                if refuse:
                    problems = check_quantities(
                        wanted.buyer,
                        wanted.channel,
                        [(pk, q) for pk, q in wanted.touched.items() if q > 0],
                    )
                    if problems:
                        return mutation.handle_errors(refusal_errors(problems))
                maximums = rule_maximums(wanted)
            with lifted_for(maximums):
                return resolve(root, info, **kwargs)

        setattr(resolve_if_allowed, QUANTITIES_CHECKED, True)
        return resolve_if_allowed

    return wrap


CHECKOUT_QUANTITIES = [
    ResolverWrapper(
        "Mutation",
        "checkout_create",
        check_quantities_first(CheckoutCreate, wanted_on_create),
    ),
    ResolverWrapper(
        "Mutation",
        "checkout_lines_add",
        check_quantities_first(CheckoutLinesAdd, wanted_on_lines_add),
    ),
    ResolverWrapper(
        "Mutation",
        "checkout_lines_update",
        check_quantities_first(CheckoutLinesUpdate, wanted_on_lines_update),
    ),
    ResolverWrapper(
        "Mutation",
        "checkout_create_from_order",
        check_quantities_first(
            CheckoutCreateFromOrder, wanted_on_reorder, refuse=False
        ),
    ),
    ResolverWrapper(
        "Mutation",
        "checkout_shipping_address_update",
        check_quantities_first(
            CheckoutShippingAddressUpdate,
            wanted_on_shipping_address_update,
            refuse=False,
        ),
    ),
]
