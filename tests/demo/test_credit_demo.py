from decimal import Decimal

from saleor.graphql.tests.fixtures import ApiClient
from saleor.graphql.tests.utils import get_graphql_content

from saleor_b2b_groups.credit.models import CreditAccount, CreditSubLimit
from saleor_b2b_groups.demo import credit, groups

from .test_pricing_demo import login

MY_CREDIT = "{ me { credit { available { amount currency } paymentTermsDays } } }"


def test_the_demo_opens_northwinds_pool_with_berlins_sub_limit(db):
    # when loaded twice
    groups.load(lambda _message: None)
    credit.load(lambda _message: None)
    credit.load(lambda _message: None)

    # then
    assert credit.is_loaded()
    assert sorted(
        CreditAccount.objects.values_list("group__slug", "limit", "exceed_policy")
    ) == [
        ("contoso", Decimal("10000.000"), "require_approval"),
        ("northwind", Decimal("50000.000"), "block"),
    ]
    assert CreditSubLimit.objects.get().group.slug == "northwind-berlin"
    anna = login(ApiClient(), "anna.buyer@northwind.example")
    me = get_graphql_content(anna.post_graphql(MY_CREDIT))["data"]["me"]
    assert me["credit"] == {
        "available": {"amount": 5000.0, "currency": "USD"},
        "paymentTermsDays": 45,
    }
