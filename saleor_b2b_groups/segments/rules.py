"""A segment's rule tree: its shape, its limits and its validation.

A node is one of::

    {"all": [node, ...]}          every child matches (AND)
    {"any": [node, ...]}          at least one child matches (OR)
    {"country": {...}}            a condition (see ``CONDITIONS``)

The admin API, the preview and the stored rules all go through ``clean_rules``:
what it returns is what is stored, evaluated in SQL (``evaluation``) and, in the
tests, in Python (``tests/segments/python_rules.py``).
"""

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django_countries import countries

from .. import ids
from .error_codes import CustomerGroupSegmentErrorCode as Code

#: all / any nodes on the way from the root to a condition, the root included.
MAX_DEPTH = 4
#: Conditions in one tree.
MAX_CONDITIONS = 30
#: Children of one all / any node, and values of one list in a condition.
MAX_ITEMS = 100
#: The longest metadata key, value, domain or postal-code prefix.
MAX_TEXT = 250
#: The longest look-back of a purchase-history condition.
MAX_DAYS = 3660

GROUPS = ("all", "any")
CONDITIONS = ("country", "email_domain", "metadata", "orders", "last_order", "bought")
BILLING, SHIPPING = "billing", "shipping"

_DOMAIN = re.compile(
    r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$"
)
_CURRENCY = re.compile(r"^[A-Z]{3}$")
_POSTAL_PREFIX = re.compile(r"^[A-Za-z0-9 -]+$")


@dataclass
class RuleError(ValueError):
    """A refused tree: the message, the error code, where (``all[1].country``)."""

    message: str
    code: Code
    path: str = ""

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


def clean_rules(tree: Any) -> dict:
    """The tree, checked and normalized (upper-case countries, lower-case domains,
    primary keys for IDs, decimals as text); ``RuleError`` on the first fault."""
    counter = [0]
    cleaned = _clean_node(tree, "", 1, counter)
    _check_references(cleaned)
    return cleaned


def _check_references(tree: dict) -> None:
    """Channels, products, categories and collections named must exist (one
    query per kind named)."""
    from saleor.channel.models import Channel
    from saleor.product.models import Category, Collection, Product

    wanted: dict[str, set] = {
        "channel": set(),
        "products": set(),
        "categories": set(),
        "collections": set(),
    }
    for kind, value in conditions_of(tree):
        if kind == "orders" and value["channel"]:
            wanted["channel"].add(value["channel"])
        if kind == "bought":
            for field in ("products", "categories", "collections"):
                wanted[field].update(value[field])
    models: dict[str, tuple[Any, str]] = {
        "channel": (Channel, "slug"),
        "products": (Product, "pk"),
        "categories": (Category, "pk"),
        "collections": (Collection, "pk"),
    }
    for field, keys in wanted.items():
        if not keys:
            continue
        model, key = models[field]
        found = set(
            model._default_manager.filter(**{f"{key}__in": keys}).values_list(
                key, flat=True
            )
        )
        if missing := sorted(keys - found, key=str):
            raise RuleError(
                f"Unknown {field}: {', '.join(map(str, missing))}.",
                Code.NOT_FOUND,
                field,
            )


def _present(node: dict) -> dict:
    """Keys given a value: the API passes an omitted and a null field alike."""
    return {k: v for k, v in node.items() if v is not None}


def _clean_node(node: Any, path: str, depth: int, counter: list[int]) -> dict:
    if not isinstance(node, dict):
        raise RuleError("A rule is an object.", Code.INVALID_RULE, path)
    node = _present(node)
    if len(node) != 1 or next(iter(node)) not in GROUPS + CONDITIONS:
        raise RuleError(
            "A rule has exactly one of: " + ", ".join(GROUPS + CONDITIONS) + ".",
            Code.INVALID_RULE,
            path,
        )
    ((kind, value),) = node.items()
    here = f"{path}.{kind}" if path else kind
    if kind in GROUPS:
        if depth > MAX_DEPTH:
            raise RuleError(
                f"Rules nest at most {MAX_DEPTH} levels of all / any.",
                Code.TOO_DEEP,
                here,
            )
        if not isinstance(value, list) or not value:
            raise RuleError("Give at least one rule.", Code.INVALID_RULE, here)
        if len(value) > MAX_ITEMS:
            raise RuleError(
                f"At most {MAX_ITEMS} rules in one group.",
                Code.TOO_MANY_CONDITIONS,
                here,
            )
        return {
            kind: [
                _clean_node(child, f"{here}[{i}]", depth + 1, counter)
                for i, child in enumerate(value)
            ]
        }
    counter[0] += 1
    if counter[0] > MAX_CONDITIONS:
        raise RuleError(
            f"At most {MAX_CONDITIONS} conditions in a rule set.",
            Code.TOO_MANY_CONDITIONS,
            here,
        )
    if not isinstance(value, dict):
        raise RuleError("A condition is an object.", Code.INVALID_RULE, here)
    return {kind: CLEANERS[kind](_present(value), here)}


# Helpers


def _texts(
    value: dict, field: str, path: str, *, required: bool, limit: int = MAX_TEXT
) -> list[str]:
    items = value.get(field) or []
    if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
        raise RuleError("A list of strings.", Code.INVALID, f"{path}.{field}")
    if required and not items:
        raise RuleError("Give at least one value.", Code.REQUIRED, f"{path}.{field}")
    if len(items) > MAX_ITEMS:
        raise RuleError(
            f"At most {MAX_ITEMS} values.", Code.TOO_MANY_CONDITIONS, f"{path}.{field}"
        )
    cleaned = []
    for item in items:
        item = item.strip()
        if not item or len(item) > limit or "\x00" in item:
            raise RuleError(
                f"Each value has 1 to {limit} characters.",
                Code.INVALID,
                f"{path}.{field}",
            )
        cleaned.append(item)
    return sorted(set(cleaned))


def _int(
    value: dict, field: str, path: str, *, low: int = 0, high: int = 10**9
) -> int | None:
    number = value.get(field)
    if number is None:
        return None
    if isinstance(number, bool) or not isinstance(number, int):
        raise RuleError("An integer.", Code.INVALID, f"{path}.{field}")
    if not low <= number <= high:
        raise RuleError(f"Between {low} and {high}.", Code.INVALID, f"{path}.{field}")
    return number


def _amount(value: dict, field: str, path: str) -> str | None:
    amount = value.get(field)
    if amount is None:
        return None
    try:
        decimal = Decimal(str(amount))
    except (InvalidOperation, ValueError) as e:
        raise RuleError("A decimal amount.", Code.INVALID, f"{path}.{field}") from e
    if not decimal.is_finite() or decimal < 0 or decimal >= Decimal(10) ** 12:
        raise RuleError("An amount from 0 to 10^12.", Code.INVALID, f"{path}.{field}")
    if decimal.as_tuple().exponent < -3:  # type: ignore[operator]
        raise RuleError("At most 3 decimal places.", Code.INVALID, f"{path}.{field}")
    return str(decimal)


def _bounds_in_order(low: Any, high: Any, path: str) -> None:
    if low is not None and high is not None and Decimal(low) > Decimal(high):
        raise RuleError("The minimum exceeds the maximum.", Code.INVALID, path)


def _no_other_fields(value: dict, allowed: set[str], path: str) -> None:
    if unknown := sorted(set(value) - allowed):
        raise RuleError(
            f"Unknown fields: {', '.join(unknown)}.", Code.INVALID_RULE, path
        )


def _pks(value: dict, field: str, type_name: str, path: str) -> list[int]:
    """Global IDs of ``type_name`` to primary keys (stored as such)."""
    items = value.get(field) or []
    if not isinstance(items, list) or len(items) > MAX_ITEMS:
        raise RuleError(
            f"At most {MAX_ITEMS} IDs.", Code.TOO_MANY_CONDITIONS, f"{path}.{field}"
        )
    pks = []
    for item in items:
        if isinstance(item, int) and not isinstance(item, bool):
            pks.append(item)  # already stored: a primary key
            continue
        try:
            pks.append(ids.pk_of(item, type_name))
        except (ids.InvalidId, TypeError) as e:
            raise RuleError(str(e), Code.INVALID, f"{path}.{field}") from e
    if any(not 0 < pk < 2**31 for pk in pks):
        raise RuleError("Unknown ID.", Code.NOT_FOUND, f"{path}.{field}")
    return sorted(set(pks))


# Conditions


def _country(value: dict, path: str) -> dict:
    _no_other_fields(value, {"address", "countries", "postal_code_prefixes"}, path)
    address = str(value.get("address") or BILLING).lower()
    if address not in (BILLING, SHIPPING):
        raise RuleError("BILLING or SHIPPING.", Code.INVALID, f"{path}.address")
    codes = [code.upper() for code in _texts(value, "countries", path, required=True)]
    if unknown := [code for code in codes if code not in dict(countries)]:
        raise RuleError(
            f"Unknown country codes: {', '.join(unknown)}.",
            Code.UNKNOWN_COUNTRY,
            f"{path}.countries",
        )
    prefixes = _texts(value, "postal_code_prefixes", path, required=False, limit=20)
    if bad := [p for p in prefixes if not _POSTAL_PREFIX.match(p)]:
        raise RuleError(
            f"Postal-code prefixes are letters, digits, spaces and hyphens: "
            f"{', '.join(bad)}.",
            Code.INVALID,
            f"{path}.postal_code_prefixes",
        )
    return {
        "address": address,
        "countries": sorted(set(codes)),
        "postal_code_prefixes": sorted({p.upper() for p in prefixes}),
    }


def _email_domain(value: dict, path: str) -> dict:
    _no_other_fields(value, {"domains"}, path)
    domains = [
        d.lower().removeprefix("@")
        for d in _texts(value, "domains", path, required=True)
    ]
    if bad := [d for d in domains if not _DOMAIN.match(d)]:
        raise RuleError(
            f"Not domain names: {', '.join(bad)}.", Code.INVALID, f"{path}.domains"
        )
    return {"domains": sorted(set(domains))}


def _metadata(value: dict, path: str) -> dict:
    _no_other_fields(value, {"key", "values", "private"}, path)
    key = value.get("key")
    if not isinstance(key, str) or not key.strip():
        raise RuleError("A metadata key is required.", Code.REQUIRED, f"{path}.key")
    if len(key) > MAX_TEXT or "\x00" in key:
        raise RuleError(f"At most {MAX_TEXT} characters.", Code.INVALID, f"{path}.key")
    private = value.get("private", False)
    if not isinstance(private, bool):
        raise RuleError("True or false.", Code.INVALID, f"{path}.private")
    return {
        "key": key.strip(),
        "values": _texts(value, "values", path, required=False),
        "private": private,
    }


def _orders(value: dict, path: str) -> dict:
    _no_other_fields(
        value,
        {
            "days",
            "channel",
            "currency",
            "min_count",
            "max_count",
            "min_total",
            "max_total",
        },
        path,
    )
    cleaned: dict[str, Any] = {
        "days": _int(value, "days", path, low=1, high=MAX_DAYS),
        "channel": value.get("channel"),
        "currency": value.get("currency"),
        "min_count": _int(value, "min_count", path),
        "max_count": _int(value, "max_count", path),
        "min_total": _amount(value, "min_total", path),
        "max_total": _amount(value, "max_total", path),
    }
    channel = cleaned["channel"]
    if channel is not None and (
        not isinstance(channel, str) or not channel.strip() or len(channel) > 255
    ):
        raise RuleError("A channel slug.", Code.INVALID, f"{path}.channel")
    currency = cleaned["currency"]
    if currency is not None:
        currency = str(currency).upper()
        if not _CURRENCY.match(currency):
            raise RuleError(
                "A three-letter currency code.", Code.INVALID, f"{path}.currency"
            )
        cleaned["currency"] = currency
    bounds = ("min_count", "max_count", "min_total", "max_total")
    if all(cleaned[b] is None for b in bounds):
        raise RuleError(
            "Give a minimum or maximum order count or total.", Code.REQUIRED, path
        )
    if (cleaned["min_total"] or cleaned["max_total"]) is not None and not currency:
        raise RuleError(
            "A total needs its currency.", Code.REQUIRED, f"{path}.currency"
        )
    _bounds_in_order(cleaned["min_count"], cleaned["max_count"], path)
    _bounds_in_order(cleaned["min_total"], cleaned["max_total"], path)
    return cleaned


def _last_order(value: dict, path: str) -> dict:
    _no_other_fields(value, {"min_days", "max_days"}, path)
    cleaned = {
        "min_days": _int(value, "min_days", path, high=MAX_DAYS),
        "max_days": _int(value, "max_days", path, high=MAX_DAYS),
    }
    if cleaned["min_days"] is None and cleaned["max_days"] is None:
        raise RuleError("Give minDays or maxDays.", Code.REQUIRED, path)
    _bounds_in_order(cleaned["min_days"], cleaned["max_days"], path)
    return cleaned


def _bought(value: dict, path: str) -> dict:
    _no_other_fields(value, {"days", "products", "categories", "collections"}, path)
    cleaned = {
        "days": _int(value, "days", path, low=1, high=MAX_DAYS),
        "products": _pks(value, "products", "Product", path),
        "categories": _pks(value, "categories", "Category", path),
        "collections": _pks(value, "collections", "Collection", path),
    }
    if not (cleaned["products"] or cleaned["categories"] or cleaned["collections"]):
        raise RuleError(
            "Give products, categories or collections.", Code.REQUIRED, path
        )
    return cleaned


CLEANERS = {
    "country": _country,
    "email_domain": _email_domain,
    "metadata": _metadata,
    "orders": _orders,
    "last_order": _last_order,
    "bought": _bought,
}


def conditions_of(tree: dict):
    """Every condition of a cleaned tree, as (kind, value), depth first."""
    ((kind, value),) = tree.items()
    if kind in GROUPS:
        for child in value:
            yield from conditions_of(child)
    else:
        yield kind, value
