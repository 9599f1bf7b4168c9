import pytest

from tests.pricing.helpers import fixed, make_price_list


@pytest.fixture
def variant(product):
    return product.variants.get()


@pytest.fixture
def contracts(group_tree, other_group, channel_USD, variant):
    """ACME's contract: 8.00, from 10 units 7.00; Globex's: 6.00 (channel: 10.00)."""
    acme = make_price_list(channel_USD, "acme-contract", group_tree["acme"])
    fixed(acme, variant, "8.00")
    fixed(acme, variant, "7.00", min_quantity=10)
    globex = make_price_list(channel_USD, "globex-contract", other_group)
    fixed(globex, variant, "6.00")
    return acme, globex
