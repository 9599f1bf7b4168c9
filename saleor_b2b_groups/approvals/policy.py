"""Approval policies: when a checkout needs approval, and who approves it.

A policy is a list of rules, stored as the group's ``approval_policy`` term (a JSON
document, ``groups.terms``): null inherits the parent's policy *as a whole*; a
policy with no rules is a policy too ("no approval here"), which is how a group
opts out of what it would inherit. Rules are never merged across groups: the
nearest group that sets a policy decides, exactly like every other term.

A rule matches a checkout when its total (gross or net, in the rule's currency
only) is *above* an amount, or when a line's product is in one of the rule's
categories or below them. Each matching rule asks for one level of approval: the
approvers of the purchasing group (``levels_up`` 0) or the managers of the group
``levels_up`` levels above it (the root when the tree is not that deep). Rules
asking for the same approvers make one level; levels are decided nearest first,
from the purchasing group up.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from typing import Any

import graphene
from babel.numbers import list_currencies
from django.conf import settings
from saleor.core.prices import quantize_price

from ..groups import CustomerGroupRole
from ..groups.models import CustomerGroup
from ..ids import InvalidId, pk_of
from . import AmountType, Approver, RuleKind

#: More rules than this in one policy is a mistake, not a policy.
MAX_RULES = 50
#: The deepest "managers n levels up" a rule may name.
MAX_LEVELS_UP = 20


@dataclass(frozen=True)
class ApprovalRule:
    kind: str
    approver: str
    levels_up: int
    name: str = ""
    currency: str | None = None
    amount: Decimal | None = None
    amount_type: str = AmountType.GROSS
    category_ids: tuple[int, ...] = ()
    category_names: tuple[str, ...] = ()

    @property
    def role(self) -> str:
        if self.approver == Approver.GROUP_APPROVERS:
            return CustomerGroupRole.APPROVER
        return CustomerGroupRole.MANAGER

    def describe(self) -> str:
        """The rule as a sentence, for buyers and approvers."""
        if self.name:
            return self.name
        if self.kind == RuleKind.TOTAL_ABOVE:
            return f"Total ({self.amount_type}) above {self.currency} {self.amount}"
        names = ", ".join(self.category_names) or "given categories"
        return f"Contains products of {names}"

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "kind": self.kind,
            "name": self.name,
            "approver": self.approver,
            "levels_up": self.levels_up,
        }
        if self.kind == RuleKind.TOTAL_ABOVE:
            data.update(
                currency=self.currency,
                amount=str(self.amount),
                amount_type=self.amount_type,
            )
        else:
            data.update(
                category_ids=list(self.category_ids),
                category_names=list(self.category_names),
            )
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "ApprovalRule":
        return cls(
            kind=data["kind"],
            approver=data["approver"],
            levels_up=int(data.get("levels_up", 0)),
            name=data.get("name") or "",
            currency=data.get("currency"),
            amount=Decimal(data["amount"]) if data.get("amount") is not None else None,
            amount_type=data.get("amount_type") or AmountType.GROSS,
            category_ids=tuple(data.get("category_ids") or ()),
            category_names=tuple(data.get("category_names") or ()),
        )


@dataclass(frozen=True)
class ApprovalPolicy:
    rules: tuple[ApprovalRule, ...] = ()

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> "ApprovalPolicy":
        if not data:
            return cls()
        return cls(tuple(ApprovalRule.from_json(rule) for rule in data["rules"]))

    @property
    def category_ids(self) -> set[int]:
        return {pk for rule in self.rules for pk in rule.category_ids}


def policy_as_api(data: dict[str, Any] | None) -> list[dict[str, Any]] | None:
    """A stored policy as the GraphQL API and the ERP contract spell it: camel
    case, enum names, category global IDs; None: inherited."""
    if data is None:
        return None
    rules = []
    for rule in ApprovalPolicy.from_json(data).rules:
        spelled: dict[str, Any] = {
            "kind": rule.kind.upper(),
            "name": rule.name,
            "approver": rule.approver.upper(),
            "levelsUp": rule.levels_up,
            "currency": rule.currency,
            "amount": str(rule.amount) if rule.amount is not None else None,
            "amountType": rule.amount_type.upper() if rule.currency else None,
            "categories": [
                graphene.Node.to_global_id("Category", pk) for pk in rule.category_ids
            ],
        }
        rules.append(spelled)
    return rules


@dataclass(frozen=True)
class CheckoutFacts:
    """What rules look at: the totals, and the categories of the lines' products
    with every category above them."""

    currency: str
    total_net: Decimal
    total_gross: Decimal
    category_ids: frozenset[int] = field(default_factory=frozenset)


@dataclass(frozen=True)
class RequiredLevel:
    """A level the policy asks for: the members of ``group`` with ``role``."""

    group: CustomerGroup
    role: str
    #: The distance from the purchasing group actually used (0: the group itself).
    levels_up: int
    reasons: tuple[str, ...]

    @property
    def key(self) -> tuple[int, str]:
        return (self.group.pk, self.role)


def rule_matches(rule: ApprovalRule, facts: CheckoutFacts) -> bool:
    if rule.kind == RuleKind.TOTAL_ABOVE:
        if rule.currency != facts.currency or rule.amount is None:
            return False
        total = (
            facts.total_net if rule.amount_type == AmountType.NET else facts.total_gross
        )
        return total > rule.amount
    return bool(facts.category_ids.intersection(rule.category_ids))


def required_levels(
    policy: ApprovalPolicy, lineage: Sequence[CustomerGroup], facts: CheckoutFacts
) -> list[RequiredLevel]:
    """The levels ``policy`` asks for, in the order they are decided.

    ``lineage`` is the purchasing group, then its parent, up to the root.
    """
    by_key: dict[tuple[int, str], tuple[int, CustomerGroup, list[str]]] = {}
    for rule in policy.rules:
        if not rule_matches(rule, facts):
            continue
        distance = min(rule.levels_up, len(lineage) - 1)
        group = lineage[distance]
        key = (group.pk, rule.role)
        _, _, reasons = by_key.setdefault(key, (distance, group, []))
        if rule.describe() not in reasons:
            reasons.append(rule.describe())
    ordered = sorted(
        by_key.items(),
        key=lambda item: (item[1][0], item[0][1] != CustomerGroupRole.APPROVER),
    )
    return [
        RequiredLevel(group, role, distance, tuple(reasons))
        for (_, role), (distance, group, reasons) in ordered
    ]


# Cleaning an admin's policy (the term's ``clean``) ------------------------------


def clean_approval_policy(value: dict[str, Any]) -> dict[str, Any]:
    """Check a policy given through the API and return it as stored.

    ``value``: ``{"rules": [{"name", "total_above": {"amount", "currency",
    "amount_type"}, "categories": [Category IDs], "approver", "levels_up"}]}``.
    Raises ``ValueError`` with a message for the admin.
    """
    rules_input = value.get("rules")
    if rules_input is None:
        raise ValueError("An approval policy needs a list of rules (it may be empty).")
    if len(rules_input) > MAX_RULES:
        raise ValueError(f"An approval policy has at most {MAX_RULES} rules.")
    rules = [
        _clean_rule(index, rule_input) for index, rule_input in enumerate(rules_input)
    ]
    return {"rules": [rule.to_json() for rule in _name_categories(rules)]}


def _clean_rule(index: int, data: dict[str, Any]) -> ApprovalRule:
    where = f"Rule {index + 1}"
    total_above = data.get("total_above")
    categories = data.get("categories")
    if bool(total_above) == bool(categories):
        raise ValueError(f"{where}: give either totalAbove or categories.")
    approver = data.get("approver")
    if approver not in (Approver.GROUP_APPROVERS, Approver.ANCESTOR_MANAGERS):
        raise ValueError(f"{where}: name the approver.")
    levels_up = data.get("levels_up")
    if approver == Approver.GROUP_APPROVERS:
        if levels_up not in (None, 0):
            raise ValueError(
                f"{where}: the group's approvers are the purchasing group's own; "
                "levelsUp applies to managers of groups higher up."
            )
        levels_up = 0
    else:
        levels_up = 1 if levels_up is None else levels_up
        if not 1 <= levels_up <= MAX_LEVELS_UP:
            raise ValueError(
                f"{where}: levelsUp is between 1 (the parent group) and "
                f"{MAX_LEVELS_UP}."
            )
    name = (data.get("name") or "").strip()
    if total_above:
        currency, amount, amount_type = _clean_threshold(where, total_above)
        return ApprovalRule(
            kind=RuleKind.TOTAL_ABOVE,
            approver=approver,
            levels_up=levels_up,
            name=name,
            currency=currency,
            amount=amount,
            amount_type=amount_type,
        )
    return ApprovalRule(
        kind=RuleKind.CATEGORIES,
        approver=approver,
        levels_up=levels_up,
        name=name,
        category_ids=tuple(_category_pks(where, categories or ())),
    )


def _clean_threshold(where: str, data: dict[str, Any]) -> tuple[str, Decimal, str]:
    currency = (data.get("currency") or "").strip().upper()
    if len(currency) != settings.DEFAULT_CURRENCY_CODE_LENGTH or not currency.isalpha():
        raise ValueError(f"{where}: the currency is a three-letter code, like USD.")
    if currency not in list_currencies():
        # A threshold in a currency no checkout can be in would silently never ask.
        raise ValueError(f"{where}: {currency} is not an ISO 4217 currency code.")
    try:
        amount = Decimal(str(data.get("amount")))
    except (InvalidOperation, ValueError) as e:
        raise ValueError(f"{where}: the amount is not a number.") from e
    if not amount.is_finite() or amount < 0:
        raise ValueError(f"{where}: the amount cannot be negative.")
    if quantize_price(amount, currency) != amount:
        raise ValueError(f"{where}: {currency} amounts have fewer decimal places.")
    amount_type = data.get("amount_type") or AmountType.GROSS
    if amount_type not in (AmountType.GROSS, AmountType.NET):
        raise ValueError(f"{where}: the amount type is gross or net.")
    return currency, quantize_price(amount, currency), amount_type


def _category_pks(where: str, global_ids: Iterable[str]) -> list[int]:
    pks = []
    for global_id in global_ids:
        try:
            pks.append(pk_of(global_id, "Category"))
        except InvalidId as e:
            raise ValueError(f"{where}: '{global_id}' is not a category ID.") from e
    return list(dict.fromkeys(pks))


def _name_categories(rules: list[ApprovalRule]) -> list[ApprovalRule]:
    """Check that every category exists; keep their names for the reasons."""
    from saleor.product.models import Category

    pks = {pk for rule in rules for pk in rule.category_ids}
    names = dict(Category.objects.filter(pk__in=pks).values_list("pk", "name"))
    missing = sorted(pks - set(names))
    if missing:
        ids = ", ".join(graphene.Node.to_global_id("Category", pk) for pk in missing)
        raise ValueError(f"Unknown categories: {ids}.")
    return [
        replace(rule, category_names=tuple(names[pk] for pk in rule.category_ids))
        for rule in rules
    ]


def clean_validity_hours(value: int) -> int:
    if not 1 <= value <= 24 * 366:
        raise ValueError("An approval is valid between 1 hour and a year (8784 hours).")
    return value
