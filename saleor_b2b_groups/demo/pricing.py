"""Demo: contract prices, quantity tiers and discounts for the demo accounts.

Both accounts buy in Saleor's ``default-channel`` (USD) from ``populatedb``'s
catalog, so that anna.buyer@northwind.example and olivia.buyer@contoso.example see
and pay different prices for the same products:

============================  =======  ==============================  ===============
Variant (populatedb SKU)      Channel  Northwind (global account)      Contoso
============================  =======  ==============================  ===============
ASCII Tee M (328223581)       20.00    16.00; 14.50 from 10; 13.00/50  18.00; 15.50/20
ASCII Tee L (328223582)       20.00    16.00; 14.50 from 10            20.00
Dash Force 41 (618223583)     90.00    78.00; 72.00 from 5             84.00
White Plimsolls (sneakers)    80.00    72.00 (10% off everything)      76.00 (5% off)
Apple Juice (juices)          1.99     1.69 (15% off juices)           1.99
============================  =======  ==============================  ===============

Products are found by SKU and categories by slug; what ``populatedb`` did not create
is skipped with a log line. Rows carry external references, as an ERP's would, and go
through ``pricing.bulk``: loading twice is loading once.
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from . import DEFAULT_CHANNEL

LOGINS: list[tuple[str, str, str]] = []


@dataclass(frozen=True)
class DemoPriceList:
    slug: str
    name: str
    external_reference: str
    #: The group it is assigned to (``demo.groups`` slug), and the priority.
    group: str
    priority: int
    #: (variant SKU, minimum quantity, price)
    entries: list[tuple[str, int, str]]
    #: (scope, category slug or None for ALL, percentage)
    rules: list[tuple[str, str | None, str]]


PRICE_LISTS = [
    DemoPriceList(
        slug="northwind-contract-usd",
        name="Northwind global contract (USD)",
        external_reference="NW-PL-USD",
        group="northwind",
        priority=10,
        entries=[
            ("328223581", 1, "16.00"),
            ("328223581", 10, "14.50"),
            ("328223581", 50, "13.00"),
            ("328223582", 1, "16.00"),
            ("328223582", 10, "14.50"),
            ("618223583", 1, "78.00"),
            ("618223583", 5, "72.00"),
        ],
        rules=[("all", None, "10"), ("category", "juices", "15")],
    ),
    DemoPriceList(
        slug="contoso-contract-usd",
        name="Contoso retail contract (USD)",
        external_reference="CONTOSO-PL-USD",
        group="contoso",
        priority=10,
        entries=[
            ("328223581", 1, "18.00"),
            ("328223581", 20, "15.50"),
            ("618223583", 1, "84.00"),
        ],
        rules=[("category", "sneakers", "5")],
    ),
]


def is_loaded() -> bool:
    from ..pricing.models import CustomerGroupPriceList

    return CustomerGroupPriceList.objects.filter(
        price_list__slug__in=[spec.slug for spec in PRICE_LISTS],
        group__slug__in=[spec.group for spec in PRICE_LISTS],
    ).count() == len(PRICE_LISTS)


def load(log: Callable[[str], None]) -> None:
    from saleor.channel.models import Channel

    from ..pricing import changes

    channel = Channel.objects.filter(slug=DEFAULT_CHANNEL).first()
    if channel is None:
        log(f"  skipped: no channel '{DEFAULT_CHANNEL}' (run populatedb first)")
        return
    found = [_load_price_list(spec, channel, log) for spec in PRICE_LISTS]
    changes.price_lists_changed(change for change in found if change is not None)


def _load_price_list(spec: DemoPriceList, channel, log):
    from ..groups.models import CustomerGroup
    from ..pricing import changes
    from ..pricing.models import CustomerGroupPriceList, PriceList

    group = CustomerGroup.objects.filter(slug=spec.group).first()
    if group is None:
        log(f"  skipped {spec.slug}: no group '{spec.group}' (load the groups demo)")
        return None
    price_list, created = PriceList.objects.get_or_create(
        slug=spec.slug,
        defaults={
            "name": spec.name,
            "channel": channel,
            "currency": channel.currency_code,
            "external_reference": spec.external_reference,
        },
    )
    assignment, assigned = CustomerGroupPriceList.objects.get_or_create(
        group=group, price_list=price_list, defaults={"priority": spec.priority}
    )
    entries = _load_entries(spec, price_list, log)
    rules = _load_rules(spec, price_list, log)
    log(
        f"  {price_list.name}: {len(spec.entries)} fixed prices and tiers, "
        f"{len(spec.rules)} percentage rules, for {group.name}"
    )
    return changes.PriceListChange(
        price_list,
        changes.CREATED if created else changes.UPDATED,
        entries_upserted=entries,
        rules_upserted=rules,
        assignments_added=[assignment] if assigned else [],
    )


def _load_entries(spec: DemoPriceList, price_list, log) -> list:
    from ..pricing import bulk

    rows = [
        bulk.EntryRow(
            Decimal(price),
            min_quantity=min_quantity,
            variant_sku=sku,
            external_reference=f"{spec.external_reference}-{sku}-{min_quantity}",
        )
        for sku, min_quantity, price in spec.entries
    ]
    outcome = bulk.upsert_entries(price_list, rows, all_or_nothing=False)
    for index, errors in outcome.errors.items():
        sku = spec.entries[index][0]
        log(f"  skipped the price of SKU {sku}: {errors[0].message}")
    return outcome.written


def _load_rules(spec: DemoPriceList, price_list, log) -> list:
    from saleor.product.models import Category

    from ..pricing import bulk

    slugs = {slug for _, slug, _ in spec.rules if slug}
    categories = dict(Category.objects.filter(slug__in=slugs).values_list("slug", "pk"))
    rows = []
    for scope, slug, percentage in spec.rules:
        if slug is not None and slug not in categories:
            log(f"  skipped the rule on category '{slug}': not in the catalog")
            continue
        rows.append(
            bulk.RuleRow(
                scope,
                Decimal(percentage),
                target_id=categories.get(slug) if slug else None,
                target_scope=scope if slug else None,
                external_reference=f"{spec.external_reference}-{scope}-{slug or 'all'}",
            )
        )
    outcome = bulk.upsert_rules(price_list, rows, all_or_nothing=False)
    for errors in outcome.errors.values():
        log(f"  skipped a rule: {errors[0].message}")
    return outcome.written
