"""A hidden product cannot be read by any path, for every kind of rule and through
inheritance; what is allowed stays fully visible.

The buyer is ``user_api_client``'s customer, a member of ACME -> EMEA -> Berlin.
"""

import pytest

from saleor_b2b_groups.visibility import CatalogMode
from tests.fixtures.visibility import exclude, include, set_terms

from .read_paths import hidden_everywhere, listed_slugs, visible_everywhere

ALL = {"shirt", "polo", "jacket", "hammer", "saw"}


def product_rule_on_branch(groups, catalog):
    exclude(groups["berlin"], catalog["hammer"])
    return {"hammer"}


def collection_rule_on_region(groups, catalog):
    exclude(groups["emea"], catalog["summer"])
    return {"shirt", "hammer"}


def category_rule_on_account(groups, catalog):
    exclude(groups["acme"], catalog["shirts"])  # with its subcategory Polo
    return {"shirt", "polo"}


def restricted_account_including_a_category_on_branch(groups, catalog):
    set_terms(groups["acme"], catalog_mode=CatalogMode.RESTRICTED)
    include(groups["berlin"], catalog["apparel"])
    return {"hammer", "saw"}


def restricted_region_including_a_collection_and_a_product(groups, catalog):
    set_terms(groups["emea"], catalog_mode=CatalogMode.RESTRICTED)
    include(groups["acme"], catalog["summer"])
    include(groups["berlin"], catalog["saw"])
    return {"polo", "jacket"}


RULE_KINDS = [
    product_rule_on_branch,
    collection_rule_on_region,
    category_rule_on_account,
    restricted_account_including_a_category_on_branch,
    restricted_region_including_a_collection_and_a_product,
]


@pytest.mark.parametrize("rules", RULE_KINDS, ids=lambda f: f.__name__)
def test_hidden_products_are_unreadable_and_the_rest_fully_visible(
    rules, user_api_client, buyer_in_branch, group_tree, catalog
):
    # given
    hidden = rules(group_tree, catalog)
    channel = catalog["channel"]

    # when
    listed = set(listed_slugs(user_api_client, channel))

    # then
    assert listed == ALL - hidden
    for name in sorted(ALL):
        product = catalog[name]
        if name in hidden:
            assert hidden_everywhere(user_api_client, product, channel)
        else:
            assert visible_everywhere(user_api_client, product, channel)


def test_customer_of_another_group_and_visitors_see_everything(
    api_client, user2_api_client, buyer_in_other_group, group_tree, catalog
):
    # given: Berlin's rules hide the hammer from Berlin only
    exclude(group_tree["berlin"], catalog["hammer"])
    channel = catalog["channel"]

    # then
    assert set(listed_slugs(user2_api_client, channel)) == ALL
    assert set(listed_slugs(api_client, channel)) == ALL
    assert visible_everywhere(user2_api_client, catalog["hammer"], channel)
    assert visible_everywhere(api_client, catalog["hammer"], channel)
