from saleor.graphql.tests.utils import get_graphql_content

from saleor_b2b_groups.demo import DEMO_PASSWORD, groups
from saleor_b2b_groups.groups.models import CustomerGroup, CustomerGroupMembership

TOKEN_CREATE = """
mutation ($email: String!, $password: String!) {
  tokenCreate(email: $email, password: $password) { token errors { code } }
}
"""

ME = """
query { me { customerGroups { role group { name ancestors { name }
  effectiveTerms { paymentTermsDays } } } } }
"""


def test_demo_groups_load_once_and_show_a_hierarchy(api_client, default_customer_type):
    # when: loading twice is loading once
    groups.load(lambda _message: None)
    groups.load(lambda _message: None)

    # then
    assert groups.is_loaded()
    assert CustomerGroup.objects.count() == len(groups.GROUPS)
    assert CustomerGroupMembership.objects.count() == len(groups.MEMBERS)
    by_slug = {g.slug: g.pk for g in CustomerGroup.objects.all()}
    berlin = CustomerGroup.objects.get(slug="northwind-berlin")
    assert berlin.ancestor_ids == [by_slug["northwind"], by_slug["northwind-emea"]]

    # and a demo buyer logs in and sees their place in it
    token = get_graphql_content(
        api_client.post_graphql(
            TOKEN_CREATE,
            {"email": "anna.buyer@northwind.example", "password": DEMO_PASSWORD},
        )
    )["data"]["tokenCreate"]["token"]
    api_client.token = token
    me = get_graphql_content(api_client.post_graphql(ME))["data"]["me"]
    assert me["customerGroups"] == [
        {
            "role": "BUYER",
            "group": {
                "name": "Northwind Berlin",
                "ancestors": [
                    {"name": "Northwind Distribution"},
                    {"name": "Northwind EMEA"},
                ],
                "effectiveTerms": {"paymentTermsDays": 45},
            },
        }
    ]
