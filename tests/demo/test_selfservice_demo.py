import graphene
from saleor.graphql.tests.fixtures import ApiClient
from saleor.graphql.tests.utils import get_graphql_content

from saleor_b2b_groups.demo import selfservice
from saleor_b2b_groups.selfservice.models import RequisitionList
from tests.graphql.selfservice.operations import LIST

from .test_pricing_demo import demo_catalog, load_demo, login  # noqa: F401


def test_berlin_shares_the_trade_fair_kit(demo_catalog):  # noqa: F811
    # given
    load_demo(lambda _message: None)
    assert not selfservice.is_loaded()

    # when: loaded twice
    selfservice.load(lambda _message: None)
    selfservice.load(lambda _message: None)

    # then
    assert selfservice.is_loaded()
    kit = RequisitionList.objects.get()
    assert kit.lines.count() == 3
    list_id = graphene.Node.to_global_id("RequisitionList", kit.pk)
    ben = login(ApiClient(user=None), "ben.approver@northwind.example")
    data = get_graphql_content(ben.post_graphql(LIST, {"id": list_id}))
    assert data["data"]["requisitionList"]["name"] == "Trade fair kit"
    assert len(data["data"]["requisitionList"]["lines"]) == 3
