"""Demo: two segments whose members follow rules, one with its own prices.

* "Key accounts": more than USD 1,000 spent in the last 365 days, with a price
  list of its own (10 % off everything in the default channel).
* "German trade": default billing address in Germany and metadata
  ``industry: trade``; Hans Trade is its demo member.
"""

from collections.abc import Callable

from . import DEFAULT_CHANNEL, DEMO_PASSWORD
from .pricing import DemoPriceList, _load_price_list

KEY_ACCOUNTS: dict = {
    "orders": {"days": 365, "currency": "USD", "min_total": "1000.01"}
}
GERMAN_TRADE: dict = {
    "all": [
        {"country": {"address": "billing", "countries": ["DE"]}},
        {"metadata": {"key": "industry", "values": ["trade"]}},
    ]
}

#: (slug, name, ERP reference, rules)
SEGMENTS: list[tuple[str, str, str, dict]] = [
    ("key-accounts", "Key accounts", "SEG-KEY", KEY_ACCOUNTS),
    ("german-trade", "German trade", "SEG-DE-TRADE", GERMAN_TRADE),
]

KEY_ACCOUNT_PRICES = DemoPriceList(
    slug="key-accounts-usd",
    name="Key accounts (USD)",
    external_reference="SEG-KEY-PL-USD",
    group="key-accounts",
    priority=5,
    entries=[],
    rules=[("all", None, "10")],
)

GERMAN_TRADER = "hans.trade@trade.example"
LOGINS = [(GERMAN_TRADER, DEMO_PASSWORD, "member of German trade (a segment)")]


def is_loaded() -> bool:
    from ..segments.models import CustomerGroupSegment

    return CustomerGroupSegment.objects.filter(
        group__slug__in=[slug for slug, *_ in SEGMENTS]
    ).count() == len(SEGMENTS)


def load(log: Callable[[str], None]) -> None:
    from saleor.account.models import Address
    from saleor.channel.models import Channel
    from saleor.plugins.manager import get_plugins_manager

    from ..groups import tree
    from ..groups.models import CustomerGroup
    from ..pricing import changes
    from ..segments import services
    from . import get_or_create_customer

    trader = get_or_create_customer(GERMAN_TRADER, first_name="Hans", last_name="Trade")
    if trader.default_billing_address_id is None:
        trader.default_billing_address = Address.objects.create(
            first_name="Hans",
            last_name="Trade",
            street_address_1="Friedrichstrasse 1",
            city="BERLIN",
            postal_code="10117",
            country="DE",
        )
        trader.store_value_in_metadata({"industry": "trade"})
        trader.save(update_fields=["default_billing_address", "metadata"])

    manager = get_plugins_manager(allow_replica=False)
    for slug, name, reference, rules in SEGMENTS:
        group = CustomerGroup.objects.filter(slug=slug).first()
        if group is None:
            group = tree.save_group(
                CustomerGroup(slug=slug, name=name, external_reference=reference), None
            )
        segment = services.set_rules(group, rules)
        result = services.recompute_group(segment, manager)
        log(f"  {name}: {result.matched} members by its rules")

    channel = Channel.objects.filter(slug=DEFAULT_CHANNEL).first()
    if channel is None:
        log(f"  no price list for key accounts: no channel '{DEFAULT_CHANNEL}'")
        return
    change = _load_price_list(KEY_ACCOUNT_PRICES, channel, log)
    if change is not None:
        changes.price_lists_changed([change])
