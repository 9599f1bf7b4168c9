"""Setting and deleting quantity rules and order limits: MANAGE_PRODUCTS only;
bad input is a typed error and changes nothing."""

from decimal import Decimal

import graphene
import pytest
from saleor.graphql.tests.utils import assert_no_permission, get_graphql_content

from saleor_b2b_groups.quantities.models import QuantityRule
from saleor_b2b_groups.webhooks import ErpEventType
from saleor_b2b_groups.webhooks.models import OutboxEvent
from tests.fixtures.quantities import quantity_rule

RULE_SET = """
mutation ($input: QuantityRuleSetInput!) {
  quantityRuleSet(input: $input) {
    quantityRule { id scope minimum increment maximum group { name }
                   category { slug } }
    errors { field code message }
  }
}
"""

RULE_DELETE = """
mutation ($id: ID!) {
  quantityRuleDelete(id: $id) { quantityRule { id } errors { field code } }
}
"""

GROUP_RULES = """
query ($id: ID!) {
  customerGroup(id: $id) {
    quantityRules { scope minimum increment maximum }
    minOrderSubtotal
    effectiveTerms { minOrderSubtotal maxOrderSubtotal }
  }
}
"""

GROUP_UPDATE = """
mutation ($id: ID!, $input: CustomerGroupInput!) {
  customerGroupUpdate(id: $id, input: $input) {
    customerGroup { minOrderSubtotal maxOrderSubtotal }
    errors { field code }
  }
}
"""


def gid(type_name, pk):
    return graphene.Node.to_global_id(type_name, pk)


@pytest.fixture
def catalog_admin(staff_api_client, permission_manage_products):
    staff_api_client.user.user_permissions.add(permission_manage_products)
    return staff_api_client


def rule_input(group, category, **limits):
    return {
        "group": gid("CustomerGroup", group.pk),
        "scope": "CATEGORY",
        "category": gid("Category", category.pk),
        **limits,
    }


def test_admin_sets_replaces_and_deletes_a_rule(catalog_admin, group_tree, catalog):
    # when: a case of 10 on Apparel for ACME, then a case of 12 on the same target
    first = get_graphql_content(
        catalog_admin.post_graphql(
            RULE_SET,
            {
                "input": rule_input(
                    group_tree["acme"], catalog["apparel"], minimum=10, increment=10
                )
            },
        )
    )["data"]["quantityRuleSet"]
    second = get_graphql_content(
        catalog_admin.post_graphql(
            RULE_SET,
            {"input": rule_input(group_tree["acme"], catalog["apparel"], increment=12)},
        )
    )["data"]["quantityRuleSet"]

    # then: one rule, replaced; the ERP heard of both changes
    assert first["errors"] == second["errors"] == []
    events = OutboxEvent.objects.filter(
        event_type=ErpEventType.QUANTITY_RULES_CHANGED
    ).order_by("sequence")
    assert [e.payload["rules"][0]["increment"] for e in events] == [10, 12]
    assert second["quantityRule"]["id"] == first["quantityRule"]["id"]
    assert second["quantityRule"]["scope"] == "CATEGORY"
    assert second["quantityRule"]["category"] == {"slug": "apparel"}
    assert (second["quantityRule"]["minimum"], second["quantityRule"]["increment"]) == (
        None,
        12,
    )
    assert QuantityRule.objects.count() == 1

    # when: deleted
    deleted = get_graphql_content(
        catalog_admin.post_graphql(RULE_DELETE, {"id": first["quantityRule"]["id"]})
    )["data"]["quantityRuleDelete"]

    # then
    assert deleted["errors"] == []
    assert not QuantityRule.objects.exists()
    assert events.last().payload["rules"] == []


@pytest.mark.parametrize(
    ("limits", "field", "code"),
    [
        ({}, "minimum", "REQUIRED"),
        ({"minimum": 0}, "minimum", "INVALID"),
        ({"minimum": 20, "maximum": 10}, "maximum", "INVALID"),
        ({"minimum": 15, "increment": 10}, "minimum", "INVALID"),
        ({"increment": 10, "maximum": 95}, "maximum", "INVALID"),
        ({"maximum": 2_000_000_000}, "maximum", "INVALID"),
    ],
)
def test_limits_no_quantity_could_meet_are_refused(
    limits, field, code, catalog_admin, group_tree, catalog
):
    data = get_graphql_content(
        catalog_admin.post_graphql(
            RULE_SET,
            {"input": rule_input(group_tree["acme"], catalog["apparel"], **limits)},
        )
    )["data"]["quantityRuleSet"]
    assert [(e["field"], e["code"]) for e in data["errors"]] == [(field, code)]
    assert not QuantityRule.objects.exists()
    assert not OutboxEvent.objects.exists()


def test_targets_must_match_the_scope(catalog_admin, group_tree, catalog):
    group = gid("CustomerGroup", group_tree["acme"].pk)
    cases = [
        ({"scope": "PRODUCT"}, ("product", "REQUIRED")),
        (
            {"scope": "ALL", "product": gid("Product", catalog["shirt"].pk)},
            ("product", "INVALID"),
        ),
        (
            {"scope": "PRODUCT", "product": gid("Category", 1)},
            ("product", "GRAPHQL_ERROR"),
        ),
        (
            {"scope": "PRODUCT", "product": gid("Product", 999999)},
            ("product", "NOT_FOUND"),
        ),
    ]
    for extra, expected in cases:
        data = get_graphql_content(
            catalog_admin.post_graphql(
                RULE_SET, {"input": {"group": group, "maximum": 5, **extra}}
            )
        )["data"]["quantityRuleSet"]
        assert [(e["field"], e["code"]) for e in data["errors"]] == [expected]
    assert not QuantityRule.objects.exists()


def test_a_rule_on_all_products(catalog_admin, group_tree):
    data = get_graphql_content(
        catalog_admin.post_graphql(
            RULE_SET,
            {
                "input": {
                    "group": gid("CustomerGroup", group_tree["acme"].pk),
                    "scope": "ALL",
                    "maximum": 10000,
                }
            },
        )
    )["data"]["quantityRuleSet"]
    assert data["errors"] == []
    assert data["quantityRule"]["scope"] == "ALL"


def test_only_product_managers_set_delete_and_read_rules(
    api_client,
    user_api_client,
    buyer_in_branch,
    staff_api_client,
    permission_manage_users,
    group_tree,
    catalog,
):
    # given: a staff member who manages customers, not products
    staff_api_client.user.user_permissions.add(permission_manage_users)
    existing = quantity_rule(group_tree["acme"], catalog["apparel"], increment=10)
    variables = {"input": rule_input(group_tree["acme"], catalog["tools"], increment=5)}

    for client in (api_client, user_api_client, staff_api_client):
        assert_no_permission(client.post_graphql(RULE_SET, variables))
        assert_no_permission(
            client.post_graphql(RULE_DELETE, {"id": gid("QuantityRule", existing.pk)})
        )
    # and: the group's rules are not readable without MANAGE_PRODUCTS
    response = staff_api_client.post_graphql(
        GROUP_RULES, {"id": gid("CustomerGroup", group_tree["acme"].pk)}
    )
    assert_no_permission(response)
    assert list(QuantityRule.objects.values_list("pk", flat=True)) == [existing.pk]


def test_order_limits_are_inherited_terms(
    staff_api_client, permission_manage_users, permission_manage_products, group_tree
):
    # given
    staff_api_client.user.user_permissions.add(
        permission_manage_users, permission_manage_products
    )

    # when: ACME sets a USD 200 minimum; a negative maximum is refused
    set_ = get_graphql_content(
        staff_api_client.post_graphql(
            GROUP_UPDATE,
            {
                "id": gid("CustomerGroup", group_tree["acme"].pk),
                "input": {"minOrderSubtotal": 200},
            },
        )
    )["data"]["customerGroupUpdate"]
    refused = get_graphql_content(
        staff_api_client.post_graphql(
            GROUP_UPDATE,
            {
                "id": gid("CustomerGroup", group_tree["acme"].pk),
                "input": {"maxOrderSubtotal": 0},
            },
        )
    )["data"]["customerGroupUpdate"]
    berlin = get_graphql_content(
        staff_api_client.post_graphql(
            GROUP_RULES, {"id": gid("CustomerGroup", group_tree["berlin"].pk)}
        )
    )["data"]["customerGroup"]

    # then: Berlin inherits ACME's minimum
    assert set_["errors"] == []
    assert Decimal(str(set_["customerGroup"]["minOrderSubtotal"])) == 200
    assert [(e["field"], e["code"]) for e in refused["errors"]] == [
        ("maxOrderSubtotal", "INVALID")
    ]
    assert berlin["minOrderSubtotal"] is None
    assert berlin["effectiveTerms"]["minOrderSubtotal"] == 200
    assert berlin["effectiveTerms"]["maxOrderSubtotal"] is None


def shirt_tiers(price_list, catalog, lows):
    """ACME's shirt prices, a tier from each of ``lows``."""
    from saleor_b2b_groups.pricing.models import PriceListEntry

    variant = catalog["shirt"].variants.first()
    for index, low in enumerate(lows):
        PriceListEntry.objects.create(
            price_list=price_list,
            variant=variant,
            min_quantity=low,
            price_amount=Decimal(9 - index),
        )


@pytest.mark.parametrize(
    ("lows", "limits", "refused_on"),
    [
        ((1, 25, 50), {"minimum": 10, "increment": 10}, None),  # 30 and 50 reach them
        ((1, 25, 50), {"minimum": 60}, None),  # below 60: what a minimum is for
        ((1, 21, 25), {"increment": 10}, "increment"),  # nothing in 21..24
        ((1, 25, 50), {"maximum": 40}, "maximum"),  # the tier from 50
    ],
)
def test_a_rule_may_not_make_a_groups_price_tier_unreachable(
    lows,
    limits,
    refused_on,
    catalog_admin,
    group_tree,
    catalog,
    price_list_assigned,
):
    # given: ACME's price list has the shirt's tiers
    shirt_tiers(price_list_assigned, catalog, lows)

    # when: Berlin (below ACME) gets a rule on the shirt
    data = get_graphql_content(
        catalog_admin.post_graphql(
            RULE_SET,
            {
                "input": {
                    "group": gid("CustomerGroup", group_tree["berlin"].pk),
                    "scope": "PRODUCT",
                    "product": gid("Product", catalog["shirt"].pk),
                    **limits,
                }
            },
        )
    )["data"]["quantityRuleSet"]

    # then
    if refused_on is None:
        assert data["errors"] == []
    else:
        assert [(e["field"], e["code"]) for e in data["errors"]] == [
            (refused_on, "TIER_UNREACHABLE")
        ]
        assert "'ACME prices' SHIRT from" in data["errors"][0]["message"]
        assert not QuantityRule.objects.exists()


SUPPORT = """
query ($customer: ID, $product: ID, $channel: String!) {
  productVisibility(customer: $customer, product: $product, channel: $channel) {
    canBuy quantityRules { sku minimum increment maximum reason }
  }
}
"""


def test_the_support_field_explains_a_customers_quantity_rules(
    catalog_admin, buyer_in_branch, group_tree, catalog
):
    # given: EMEA sells the shirt by 6
    quantity_rule(group_tree["emea"], catalog["shirt"], increment=6)
    variables = {
        "customer": gid("User", buyer_in_branch.pk),
        "channel": catalog["channel"].slug,
    }

    # when
    shirt = get_graphql_content(
        catalog_admin.post_graphql(
            SUPPORT, {**variables, "product": gid("Product", catalog["shirt"].pk)}
        )
    )["data"]["productVisibility"]
    saw = get_graphql_content(
        catalog_admin.post_graphql(
            SUPPORT, {**variables, "product": gid("Product", catalog["saw"].pk)}
        )
    )["data"]["productVisibility"]

    # then
    assert shirt["quantityRules"] == [
        {
            "sku": "SHIRT",
            "minimum": None,
            "increment": 6,
            "maximum": None,
            "reason": "The rule of 'EMEA' on its product (1 level(s) up).",
        }
    ]
    assert saw["quantityRules"][0]["reason"].startswith("No quantity rule")
