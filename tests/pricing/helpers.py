"""Building price lists in tests, the way an admin or the ERP would."""

from decimal import Decimal

from saleor_b2b_groups.pricing import DiscountScope
from saleor_b2b_groups.pricing.models import (
    CustomerGroupPriceList,
    PriceList,
    PriceListEntry,
    PriceListRule,
)


def make_price_list(channel, slug: str, *groups, priority: int = 0, **fields):
    price_list = PriceList.objects.create(
        name=slug.title(),
        slug=slug,
        channel=channel,
        currency=channel.currency_code,
        **fields,
    )
    for group in groups:
        assign(price_list, group, priority)
    return price_list


def assign(price_list, group, priority: int = 0):
    return CustomerGroupPriceList.objects.create(
        price_list=price_list, group=group, priority=priority
    )


def fixed(price_list, variant, amount, min_quantity: int = 1):
    return PriceListEntry.objects.create(
        price_list=price_list,
        variant=variant,
        min_quantity=min_quantity,
        price_amount=Decimal(amount),
    )


def percent_off(price_list, percentage, **target):
    """``target``: one of variant=, product=, category=, collection=, or none (all)."""
    scope = next(iter(target), DiscountScope.ALL)
    return PriceListRule.objects.create(
        price_list=price_list, scope=scope, percentage=Decimal(percentage), **target
    )
