"""ERP endpoint URLs: refused at creation and update when Saleor's HTTP filter
would refuse them at delivery (see ``webhooks.target_url``)."""

import graphene
import pytest
from saleor.graphql.tests.utils import get_graphql_content

from saleor_b2b_groups.webhooks.error_codes import ErpIntegrationErrorCode
from saleor_b2b_groups.webhooks.models import ErpEndpoint

ENDPOINT_CREATE = """
mutation ($input: ErpEndpointInput!) {
  erpEndpointCreate(input: $input) {
    erpEndpoint { id targetUrl }
    errors { field code }
  }
}
"""
ENDPOINT_UPDATE = """
mutation ($id: ID!, $input: ErpEndpointInput!) {
  erpEndpointUpdate(id: $id, input: $input) {
    erpEndpoint { targetUrl }
    errors { field code }
  }
}
"""
INVALID = ErpIntegrationErrorCode.INVALID.name
FORBIDDEN = ErpIntegrationErrorCode.FORBIDDEN_ADDRESS.name


@pytest.fixture(autouse=True)
def saleors_production_filter(settings):
    """Saleor's defaults (its test settings switch the filter off)."""
    settings.HTTP_IP_FILTER_ENABLED = True
    settings.HTTP_IP_FILTER_ALLOW_LOOPBACK_IPS = False


@pytest.fixture
def staff_with_manage_apps(staff_user, permission_manage_apps):
    staff_user.user_permissions.add(permission_manage_apps)
    return staff_user


def create(client, url):
    response = client.post_graphql(
        ENDPOINT_CREATE, {"input": {"name": "ERP", "targetUrl": url}}
    )
    return get_graphql_content(response)["data"]["erpEndpointCreate"]


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("http://", INVALID),
        ("https://", INVALID),
        ("ftp://erp.example.com/", INVALID),
        ("erp.example.com/events", INVALID),
        ("http:///events", INVALID),
        ("https://user:pw@erp.example.com/", INVALID),
        ("http://127.0.0.1:8000/", FORBIDDEN),
        ("http://localhost/", FORBIDDEN),
        ("http://[::1]/", FORBIDDEN),
        ("http://169.254.169.254/latest/meta-data/", FORBIDDEN),
        ("http://10.0.0.5/", FORBIDDEN),
        ("https://192.168.1.10/erp", FORBIDDEN),
        ("http://172.16.0.1/", FORBIDDEN),
        ("http://100.64.0.1/", FORBIDDEN),
        ("http://[::ffff:127.0.0.1]/", FORBIDDEN),
    ],
)
def test_create_refuses_what_saleors_http_filter_refuses(
    url, code, staff_api_client, staff_with_manage_apps
):
    # when
    data = create(staff_api_client, url)

    # then
    assert data["errors"] == [{"field": "targetUrl", "code": code}]
    assert not ErpEndpoint.objects.exists()


@pytest.mark.parametrize(
    "url",
    [
        "https://erp.example.com/events",
        "http://8.8.8.8:8080/b2b",
        "https://[2001:4860::8888]/",
    ],
)
def test_create_accepts_a_public_http_url(
    url, staff_api_client, staff_with_manage_apps
):
    data = create(staff_api_client, url)

    assert data["errors"] == []
    assert ErpEndpoint.objects.get().target_url == url


def test_loopback_is_accepted_where_saleor_allows_it(
    staff_api_client, staff_with_manage_apps, settings
):
    # given: Saleor's own setting lets its HTTP client call loopback addresses
    settings.HTTP_IP_FILTER_ALLOW_LOOPBACK_IPS = True

    # when
    data = create(staff_api_client, "http://127.0.0.1:8000/erp")

    # then: loopback only; private networks stay refused
    assert data["errors"] == []
    assert create(staff_api_client, "http://10.0.0.5/")["errors"] == [
        {"field": "targetUrl", "code": FORBIDDEN}
    ]


def test_no_filter_when_saleor_switches_it_off(
    staff_api_client, staff_with_manage_apps, settings
):
    settings.HTTP_IP_FILTER_ENABLED = False

    assert create(staff_api_client, "http://10.0.0.5/")["errors"] == []


def test_update_refuses_a_link_local_url_and_keeps_the_old_one(
    staff_api_client, staff_with_manage_apps
):
    # given
    endpoint = ErpEndpoint.objects.create(
        name="ERP", target_url="https://erp.example.com/"
    )

    # when
    response = staff_api_client.post_graphql(
        ENDPOINT_UPDATE,
        {
            "id": graphene.Node.to_global_id("ErpEndpoint", endpoint.pk),
            "input": {"targetUrl": "http://169.254.169.254/"},
        },
    )

    # then
    data = get_graphql_content(response)["data"]["erpEndpointUpdate"]
    assert data["errors"] == [{"field": "targetUrl", "code": FORBIDDEN}]
    endpoint.refresh_from_db()
    assert endpoint.target_url == "https://erp.example.com/"
