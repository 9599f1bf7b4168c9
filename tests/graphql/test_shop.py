from saleor.graphql.tests.utils import get_graphql_content

SHOP_QUERY = """
query {
  shop {
    customerGroupsEnabled
  }
}
"""


def test_customer_groups_enabled_when_plugin_active(api_client):
    # when
    response = api_client.post_graphql(SHOP_QUERY)

    # then
    content = get_graphql_content(response)
    assert content["data"]["shop"]["customerGroupsEnabled"] is True


def test_customer_groups_disabled_when_plugin_inactive(api_client, plugin_inactive):
    # when
    response = api_client.post_graphql(SHOP_QUERY)

    # then
    content = get_graphql_content(response)
    assert content["data"]["shop"]["customerGroupsEnabled"] is False
