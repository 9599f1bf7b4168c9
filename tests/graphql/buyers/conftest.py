import pytest

from saleor_b2b_groups.approvals.policy import clean_approval_policy
from saleor_b2b_groups.groups import CustomerGroupRole
from tests.fixtures.approvals import POLICY_INPUT
from tests.fixtures.groups import add_member
from tests.pricing.helpers import fixed, make_price_list


@pytest.fixture
def variant(product):
    return product.variants.get()


@pytest.fixture
def two_companies(group_tree, other_group, channel_USD, variant, customer_user):
    """``customer_user`` buys for Berlin (ACME: 8.00, 7.00 from 10 units; EMEA asks
    approval above USD 25) and for Globex (6.00, no approval); channel: 10.00."""
    acme = make_price_list(channel_USD, "acme-contract", group_tree["acme"])
    fixed(acme, variant, "8.00")
    fixed(acme, variant, "7.00", min_quantity=10)
    globex = make_price_list(channel_USD, "globex-contract", other_group)
    fixed(globex, variant, "6.00")
    emea = group_tree["emea"]
    emea.approval_policy = clean_approval_policy(POLICY_INPUT)
    emea.save(update_fields=["approval_policy"])
    add_member(group_tree["berlin"], customer_user, CustomerGroupRole.BUYER)
    add_member(other_group, customer_user, CustomerGroupRole.BUYER)
    return {"berlin": group_tree["berlin"], "globex": other_group}
