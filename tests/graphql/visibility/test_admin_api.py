"""The admin API of catalog visibility: rules, group settings, channel access,
the support field; permissions, typed errors, ERP events."""

import graphene
import pytest
from saleor.graphql.tests.utils import assert_no_permission, get_graphql_content

from saleor_b2b_groups.visibility.explain import VisibilityReasonCode
from saleor_b2b_groups.visibility.models import CatalogRule, ChannelAccessPolicy
from saleor_b2b_groups.webhooks import ErpEventType
from saleor_b2b_groups.webhooks.models import OutboxEvent
from tests.fixtures.groups import add_member
from tests.fixtures.visibility import exclude

from .read_paths import global_id, listed_slugs

RULES_SET = """
mutation ($id: ID, $ref: String, $rules: [CatalogRuleInput!]!) {
  customerGroupCatalogRulesSet(id: $id, externalReference: $ref, rules: $rules) {
    rules { id effect scope product { slug } category { slug } collection { slug } }
    errors { field code index message }
  }
}
"""

RULES_DELETE = """
mutation ($id: ID!, $rules: [ID!]!) {
  customerGroupCatalogRulesDelete(id: $id, rules: $rules) {
    deletedCount errors { field code }
  }
}
"""

CATALOG_UPDATE = """
mutation ($id: ID!, $input: CustomerGroupCatalogInput!) {
  customerGroupCatalogUpdate(id: $id, input: $input) {
    customerGroup {
      catalogMode allowedChannels { slug }
      effectiveTerms { catalogMode allowedChannels { slug } }
    }
    errors { field code }
  }
}
"""

CHANNEL_ACCESS = """
mutation ($channel: ID!, $access: ChannelAccessEnum!) {
  channelAccessUpdate(channel: $channel, access: $access) {
    access channel { slug customerGroupAccess } errors { field code }
  }
}
"""

GROUP_RULES = """
query ($id: ID!) {
  customerGroup(id: $id) {
    catalogMode
    catalogRules { effect scope product { slug } }
    effectiveTerms { catalogMode sources { term isInherited } }
  }
}
"""

VISIBILITY = """
query ($customer: ID, $product: ID, $variant: ID, $channel: String!) {
  productVisibility(customer: $customer, product: $product, variant: $variant,
                    channel: $channel) {
    canSee canBuy
    reasons { code message membershipGroup { slug } group { slug } rule { scope effect } }
  }
}
"""


@pytest.fixture
def catalog_admin(staff_api_client, staff_user, permission_manage_products):
    staff_user.user_permissions.add(permission_manage_products)
    return staff_api_client


def run(client, query, variables):
    return get_graphql_content(client.post_graphql(query, variables))["data"]


def events() -> list[OutboxEvent]:
    return list(
        OutboxEvent.objects.filter(event_type=ErpEventType.CATALOG_RULES_CHANGED)
    )


def test_rules_set_hides_for_the_branch_and_emits_the_group_state(
    catalog_admin, user_api_client, buyer_in_branch, group_tree, catalog
):
    # when
    data = run(
        catalog_admin,
        RULES_SET,
        {
            "ref": "ERP-EMEA",
            "rules": [
                {"effect": "EXCLUDE", "category": global_id(catalog["tools"])},
                {"effect": "INCLUDE", "product": global_id(catalog["saw"])},
            ],
        },
    )["customerGroupCatalogRulesSet"]

    # then
    assert data["errors"] == []
    assert [(r["effect"], r["scope"]) for r in data["rules"]] == [
        ("EXCLUDE", "CATEGORY"),
        ("INCLUDE", "PRODUCT"),
    ]
    assert "hammer" not in listed_slugs(user_api_client, catalog["channel"])
    assert "saw" in listed_slugs(user_api_client, catalog["channel"])
    [event] = events()
    assert event.aggregate_type == "customer_group"
    assert event.payload["group"]["slug"] == "emea"
    assert {(r["effect"], r["scope"]) for r in event.payload["rules"]} == {
        ("EXCLUDE", "CATEGORY"),
        ("INCLUDE", "PRODUCT"),
    }
    assert event.payload["catalogMode"] is None
    assert event.payload["allowedChannels"] is None


def test_setting_a_rule_on_the_same_target_replaces_its_effect(
    catalog_admin, group_tree, catalog
):
    # given
    exclude(group_tree["berlin"], catalog["hammer"])

    # when
    data = run(
        catalog_admin,
        RULES_SET,
        {
            "id": global_id(group_tree["berlin"]),
            "rules": [{"effect": "INCLUDE", "product": global_id(catalog["hammer"])}],
        },
    )["customerGroupCatalogRulesSet"]

    # then
    assert data["errors"] == []
    [rule] = CatalogRule.objects.filter(group=group_tree["berlin"])
    assert rule.effect == "include"


@pytest.mark.parametrize(
    ("rule", "code"),
    [
        ({"effect": "INCLUDE"}, "REQUIRED"),
        ({"effect": "INCLUDE", "product": "x", "category": "y"}, "REQUIRED"),
        ({"effect": "INCLUDE", "product": "not-an-id"}, "GRAPHQL_ERROR"),
        (
            {"effect": "INCLUDE", "product": graphene.Node.to_global_id("Product", 0)},
            "NOT_FOUND",
        ),
    ],
)
def test_bad_rules_get_typed_errors_and_change_nothing(
    rule, code, catalog_admin, group_tree, catalog
):
    # when
    data = run(
        catalog_admin,
        RULES_SET,
        {
            "id": global_id(group_tree["berlin"]),
            "rules": [
                {"effect": "EXCLUDE", "product": global_id(catalog["saw"])},
                rule,
            ],
        },
    )["customerGroupCatalogRulesSet"]

    # then
    assert [(e["field"], e["code"], e["index"]) for e in data["errors"]] == [
        ("rules", code, 1)
    ]
    assert not CatalogRule.objects.exists()
    assert events() == []


def test_duplicated_targets_are_refused(catalog_admin, group_tree, catalog):
    saw = global_id(catalog["saw"])
    data = run(
        catalog_admin,
        RULES_SET,
        {
            "id": global_id(group_tree["berlin"]),
            "rules": [
                {"effect": "EXCLUDE", "product": saw},
                {"effect": "INCLUDE", "product": saw},
            ],
        },
    )["customerGroupCatalogRulesSet"]
    assert [e["code"] for e in data["errors"]] == ["DUPLICATED"]
    assert not CatalogRule.objects.exists()


def test_rules_delete_only_the_groups_own(catalog_admin, group_tree, catalog):
    # given
    own = exclude(group_tree["berlin"], catalog["saw"])
    other = exclude(group_tree["emea"], catalog["hammer"])

    # when: another group's rule in the list
    refused = run(
        catalog_admin,
        RULES_DELETE,
        {
            "id": global_id(group_tree["berlin"]),
            "rules": [global_id(own), global_id(other)],
        },
    )["customerGroupCatalogRulesDelete"]
    deleted = run(
        catalog_admin,
        RULES_DELETE,
        {"id": global_id(group_tree["berlin"]), "rules": [global_id(own)]},
    )["customerGroupCatalogRulesDelete"]

    # then
    assert [e["code"] for e in refused["errors"]] == ["NOT_FOUND"]
    assert deleted == {"deletedCount": 1, "errors": []}
    assert list(CatalogRule.objects.values_list("pk", flat=True)) == [other.pk]
    assert len(events()) == 1


def test_catalog_update_sets_and_inherits_mode_and_channels(
    catalog_admin, staff_user, permission_manage_users, group_tree, channel_USD
):
    staff_user.user_permissions.add(permission_manage_users)  # to read the group

    # when: the account restricts and allows USD; Berlin inherits
    acme = run(
        catalog_admin,
        CATALOG_UPDATE,
        {
            "id": global_id(group_tree["acme"]),
            "input": {
                "catalogMode": "RESTRICTED",
                "allowedChannels": [global_id(channel_USD)],
            },
        },
    )["customerGroupCatalogUpdate"]
    berlin = run(catalog_admin, GROUP_RULES, {"id": global_id(group_tree["berlin"])})[
        "customerGroup"
    ]

    # then
    assert acme["errors"] == []
    assert acme["customerGroup"]["catalogMode"] == "RESTRICTED"
    assert acme["customerGroup"]["allowedChannels"] == [{"slug": channel_USD.slug}]
    assert berlin["catalogMode"] is None
    assert berlin["effectiveTerms"]["catalogMode"] == "RESTRICTED"
    sources = {s["term"]: s["isInherited"] for s in berlin["effectiveTerms"]["sources"]}
    assert sources["CATALOG_MODE"] is True
    [event] = events()
    assert event.payload["catalogMode"] == "RESTRICTED"
    assert event.payload["allowedChannels"] == [channel_USD.slug]


@pytest.mark.parametrize(
    ("channels", "code"),
    [([], "REQUIRED"), (["bad"], "GRAPHQL_ERROR"), (["Q2hhbm5lbDow"], "NOT_FOUND")],
)
def test_catalog_update_refuses_bad_channels(channels, code, catalog_admin, group_tree):
    data = run(
        catalog_admin,
        CATALOG_UPDATE,
        {"id": global_id(group_tree["acme"]), "input": {"allowedChannels": channels}},
    )["customerGroupCatalogUpdate"]
    assert [(e["field"], e["code"]) for e in data["errors"]] == [
        ("allowedChannels", code)
    ]
    group_tree["acme"].refresh_from_db()
    assert group_tree["acme"].allowed_channels is None


def test_channel_access_update_makes_a_channel_b2b_only(
    staff_api_client, staff_user, permission_manage_channels, api_client, catalog
):
    # given
    staff_user.user_permissions.add(permission_manage_channels)
    channel = catalog["channel"]

    # when
    data = run(
        staff_api_client,
        CHANNEL_ACCESS,
        {"channel": global_id(channel), "access": "B2B_ONLY"},
    )["channelAccessUpdate"]

    # then
    assert data["errors"] == []
    assert data["channel"]["customerGroupAccess"] == "B2B_ONLY"
    assert ChannelAccessPolicy.objects.get(channel=channel).access == "b2b_only"
    assert listed_slugs(api_client, channel) == []
    [event] = events()
    assert event.aggregate_type == "channel"
    assert event.payload == {
        "channel": {"id": global_id(channel), "slug": channel.slug},
        "access": "B2B_ONLY",
    }


@pytest.mark.parametrize(
    "client_name",
    ["api_client", "user_api_client", "staff_api_client", "app_api_client"],
)
def test_admin_mutations_need_their_permissions(
    client_name, request, buyer_in_branch, group_tree, catalog
):
    client = request.getfixturevalue(client_name)
    berlin = global_id(group_tree["berlin"])
    for query, variables in [
        (
            RULES_SET,
            {
                "id": berlin,
                "rules": [{"effect": "INCLUDE", "product": global_id(catalog["saw"])}],
            },
        ),
        (RULES_DELETE, {"id": berlin, "rules": []}),
        (CATALOG_UPDATE, {"id": berlin, "input": {"catalogMode": "OPEN"}}),
        (
            CHANNEL_ACCESS,
            {"channel": global_id(catalog["channel"]), "access": "B2B_ONLY"},
        ),
    ]:
        assert_no_permission(client.post_graphql(query, variables))
    assert not CatalogRule.objects.exists()
    assert not ChannelAccessPolicy.objects.exists()


def test_catalog_rules_are_for_catalog_admins_only(
    user_api_client, buyer_in_branch, staff_api_client, group_tree, catalog
):
    exclude(group_tree["berlin"], catalog["saw"])
    variables = {"id": global_id(group_tree["berlin"])}
    assert_no_permission(user_api_client.post_graphql(GROUP_RULES, variables))
    assert_no_permission(staff_api_client.post_graphql(GROUP_RULES, variables))


# The support field -------------------------------------------------------------


@pytest.fixture
def support(staff_api_client, staff_user, permission_manage_users):
    staff_user.user_permissions.add(permission_manage_users)
    return staff_api_client


def test_product_visibility_names_the_rule_and_group_that_hide(
    support, buyer_in_branch, group_tree, catalog
):
    # given
    exclude(group_tree["emea"], catalog["tools"])

    # when
    data = run(
        support,
        VISIBILITY,
        {
            "customer": global_id(buyer_in_branch),
            "variant": global_id(catalog["hammer"].variants.first()),
            "channel": catalog["channel"].slug,
        },
    )["productVisibility"]

    # then
    assert data["canSee"] is False
    assert data["canBuy"] is False
    [reason] = data["reasons"]
    assert reason["code"] == VisibilityReasonCode.EXCLUDED_BY_RULE.name
    assert reason["membershipGroup"] == {"slug": "berlin"}
    assert reason["group"] == {"slug": "emea"}
    assert reason["rule"] == {"scope": "CATEGORY", "effect": "EXCLUDE"}


def test_product_visibility_for_allowed_and_channel_cases(
    support, buyer_in_branch, group_tree, other_group, catalog, channel_PLN
):
    from tests.fixtures.visibility import b2b_only, set_terms

    channel = catalog["channel"]
    product = global_id(catalog["saw"])

    def ask(customer=None):
        variables = {"product": product, "channel": channel.slug}
        if customer:
            variables["customer"] = global_id(customer)
        return run(support, VISIBILITY, variables)["productVisibility"]

    allowed = ask(buyer_in_branch)
    assert (allowed["canSee"], allowed["canBuy"]) == (True, True)
    assert [r["code"] for r in allowed["reasons"]] == ["CATALOG_OPEN"]

    b2b_only(channel)
    anonymous = ask()
    assert anonymous["canSee"] is False
    assert [r["code"] for r in anonymous["reasons"]] == ["CHANNEL_B2B_ONLY"]

    set_terms(other_group, allowed_channels=[channel_PLN])
    add_member(other_group, buyer_in_branch)
    mixed = ask(buyer_in_branch)
    assert mixed["canSee"] is True
    assert sorted(r["code"] for r in mixed["reasons"]) == [
        "CATALOG_OPEN",
        "CHANNEL_NOT_ALLOWED",
    ]


def test_product_visibility_is_for_support_staff_only(
    user_api_client, staff_api_client, app_api_client, buyer_in_branch, catalog
):
    variables = {
        "customer": global_id(buyer_in_branch),
        "product": global_id(catalog["saw"]),
        "channel": catalog["channel"].slug,
    }
    for client in (user_api_client, staff_api_client, app_api_client):
        assert_no_permission(client.post_graphql(VISIBILITY, variables))
