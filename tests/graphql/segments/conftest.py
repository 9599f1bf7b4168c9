import pytest
from saleor.plugins.manager import get_plugins_manager

from saleor_b2b_groups.groups import MembershipSource
from saleor_b2b_groups.groups.models import CustomerGroupMembership
from tests.fixtures.groups import create_group
from tests.segments.helpers import make_customer, set_address

GERMAN_TRADE = {
    "all": [
        {"country": {"address": "BILLING", "countries": ["DE"]}},
        {"metadata": {"key": "industry", "values": ["trade"]}},
    ]
}


@pytest.fixture
def german_trade(db):
    return create_group("German trade", external_reference="ERP-DE-TRADE")


@pytest.fixture
def plugins_manager(db):
    return get_plugins_manager(allow_replica=False)


@pytest.fixture
def customers(db):
    """Three customers: a German trader, a German retailer, a French trader."""
    people = {}
    for name, country, industry in (
        ("hans", "DE", "trade"),
        ("greta", "DE", "retail"),
        ("jean", "FR", "trade"),
    ):
        user = make_customer(f"{name}@example.com", metadata={"industry": industry})
        set_address(user, "billing", country, "10115")
        people[name] = user
    return people


def members(group) -> dict[str, tuple[str, str]]:
    return {
        email: (role, source)
        for email, role, source in CustomerGroupMembership.objects.filter(
            group=group
        ).values_list("user__email", "role", "source")
    }


SEGMENT = MembershipSource.SEGMENT
MANUAL = MembershipSource.MANUAL
