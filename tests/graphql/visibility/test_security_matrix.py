"""Who sees what: the security matrix of catalog and channel visibility."""

import pytest

from saleor_b2b_groups.visibility import CatalogMode
from tests.fixtures.groups import add_member
from tests.fixtures.visibility import b2b_only, exclude, include, set_terms

from .read_paths import COLLECTIONS, gql, hidden_everywhere, listed_slugs, reads

ALL = {"shirt", "polo", "jacket", "hammer", "saw"}


@pytest.fixture
def tools_hidden_from_berlin(group_tree, catalog):
    exclude(group_tree["berlin"], catalog["tools"])
    return {"shirt", "polo", "jacket"}


def test_member_sees_only_what_their_groups_allow(
    user_api_client, buyer_in_branch, tools_hidden_from_berlin, catalog
):
    assert set(listed_slugs(user_api_client, catalog["channel"])) == (
        tools_hidden_from_berlin
    )


@pytest.mark.parametrize(
    "client_name", ["api_client", "user2_api_client", "staff_api_client"]
)
def test_visitors_group_less_customers_and_staff_without_permissions_see_saleor(
    client_name, request, buyer_in_branch, tools_hidden_from_berlin, catalog
):
    client = request.getfixturevalue(client_name)
    assert set(listed_slugs(client, catalog["channel"])) == ALL


def test_customer_of_another_group_does_not_get_berlins_rules(
    user2_api_client, buyer_in_other_group, tools_hidden_from_berlin, catalog
):
    assert set(listed_slugs(user2_api_client, catalog["channel"])) == ALL


def test_staff_without_product_permissions_in_a_group_is_filtered_like_a_buyer(
    staff_api_client, staff_user, group_tree, tools_hidden_from_berlin, catalog
):
    # given
    add_member(group_tree["berlin"], staff_user)

    # then
    assert set(listed_slugs(staff_api_client, catalog["channel"])) == (
        tools_hidden_from_berlin
    )


@pytest.mark.parametrize(
    "permission", ["permission_manage_products", "permission_manage_orders"]
)
def test_staff_with_product_permissions_in_a_group_see_everything(
    permission, request, staff_api_client, staff_user, group_tree, catalog
):
    # given: a restricted group with nothing included, and a B2B-only channel
    add_member(group_tree["berlin"], staff_user)
    set_terms(group_tree["acme"], catalog_mode=CatalogMode.RESTRICTED)
    b2b_only(catalog["channel"])
    staff_user.user_permissions.add(request.getfixturevalue(permission))

    # then
    assert all(reads(staff_api_client, catalog["hammer"], catalog["channel"]).values())


def test_apps_without_permissions_see_saleor_and_with_them_everything(
    app_api_client, permission_manage_products, catalog
):
    # given
    b2b_only(catalog["channel"])

    # when
    without = listed_slugs(app_api_client, catalog["channel"])
    app_api_client.app.permissions.add(permission_manage_products)
    with_permission = listed_slugs(app_api_client, catalog["channel"])

    # then
    assert without == []
    assert set(with_permission) == ALL


def test_plugin_inactive_nothing_is_filtered(
    api_client,
    user_api_client,
    buyer_in_branch,
    group_tree,
    tools_hidden_from_berlin,
    catalog,
    plugin_inactive,
):
    # given
    set_terms(group_tree["acme"], catalog_mode=CatalogMode.RESTRICTED)
    b2b_only(catalog["channel"])

    # then
    assert set(listed_slugs(user_api_client, catalog["channel"])) == ALL
    assert set(listed_slugs(api_client, catalog["channel"])) == ALL
    assert all(reads(user_api_client, catalog["hammer"], catalog["channel"]).values())


# B2B-only channels ------------------------------------------------------------


@pytest.mark.parametrize("client_name", ["api_client", "user2_api_client"])
def test_b2b_only_channel_shows_nothing_to_visitors_and_group_less_customers(
    client_name, request, catalog
):
    # given
    client = request.getfixturevalue(client_name)
    b2b_only(catalog["channel"])

    # then
    assert listed_slugs(client, catalog["channel"]) == []
    assert hidden_everywhere(client, catalog["shirt"], catalog["channel"])
    collections = gql(client, COLLECTIONS, {"channel": catalog["channel"].slug})
    assert collections["collections"]["totalCount"] == 0


def test_b2b_only_channel_shows_members_allowed_in_it_their_catalog(
    user_api_client, buyer_in_branch, group_tree, catalog, channel_PLN
):
    # given: allowed in USD (and PLN) by the account, which Berlin inherits
    b2b_only(catalog["channel"])
    set_terms(group_tree["acme"], allowed_channels=[catalog["channel"], channel_PLN])
    include(group_tree["berlin"], catalog["hammer"])

    # then
    assert set(listed_slugs(user_api_client, catalog["channel"])) == ALL
    collections = gql(
        user_api_client, COLLECTIONS, {"channel": catalog["channel"].slug}
    )
    assert collections["collections"]["totalCount"] == 1


def test_members_of_groups_not_allowed_in_a_channel_see_nothing_there(
    user_api_client, buyer_in_branch, group_tree, catalog, channel_PLN
):
    # given: the account allows only PLN; Berlin overrides nothing
    set_terms(group_tree["acme"], allowed_channels=[channel_PLN])

    # then: not even on a public channel
    assert listed_slugs(user_api_client, catalog["channel"]) == []
    assert hidden_everywhere(user_api_client, catalog["polo"], catalog["channel"])


def test_a_nearer_group_can_allow_a_channel_its_ancestor_does_not(
    user_api_client, buyer_in_branch, group_tree, catalog, channel_PLN
):
    # given
    set_terms(group_tree["acme"], allowed_channels=[channel_PLN])
    set_terms(group_tree["berlin"], allowed_channels=[catalog["channel"]])

    # then
    assert set(listed_slugs(user_api_client, catalog["channel"])) == ALL


def test_several_memberships_see_the_union_of_their_catalogs(
    user_api_client, buyer_in_branch, group_tree, other_group, catalog
):
    # given: Berlin sees only Apparel; Globex sees only the saw
    set_terms(group_tree["acme"], catalog_mode=CatalogMode.RESTRICTED)
    include(group_tree["berlin"], catalog["apparel"])
    set_terms(other_group, catalog_mode=CatalogMode.RESTRICTED)
    include(other_group, catalog["saw"])
    add_member(other_group, buyer_in_branch)

    # then
    assert set(listed_slugs(user_api_client, catalog["channel"])) == {
        "shirt",
        "polo",
        "jacket",
        "saw",
    }
