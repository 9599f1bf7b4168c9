"""Rule precedence, decided once in ``visibility.catalog`` and agreed by SQL.

Within a membership's lineage: product rule > collection rule > category rule
(deeper category first) > catalog mode; a nearer group breaks ties; then the union
across memberships.
"""

import pytest
from saleor.product.models import Product

from saleor_b2b_groups.buyers.context import forget
from saleor_b2b_groups.groups.fetch import fetch_customer_groups_info
from saleor_b2b_groups.visibility import CatalogMode
from saleor_b2b_groups.visibility.catalog import load_buyer_catalog
from saleor_b2b_groups.visibility.filters import apply, product_filter
from tests.fixtures.collection_helpers import add_to_collection
from tests.fixtures.visibility import exclude, include, set_terms


def visible(customer, catalog) -> set[str]:
    """The SQL verdict, checked against the Python one product by product."""
    forget(customer)
    channel = catalog["channel"]
    sql = set(
        apply(
            Product.objects.all(), product_filter(customer, channel, "default")
        ).values_list("slug", flat=True)
    )
    buyer = load_buyer_catalog(fetch_customer_groups_info(customer.pk))
    python = {
        product.slug
        for product in catalog["products"].values()
        if buyer.shows(
            channel.pk,
            product.pk,
            product.collections.values_list("pk", flat=True),
            product.category_id,
        )
    }
    assert sql == python
    return sql


@pytest.fixture
def buyer(buyer_in_branch):
    return buyer_in_branch


def test_product_rule_beats_collection_and_category_rules(buyer, group_tree, catalog):
    exclude(group_tree["berlin"], catalog["tools"])
    exclude(group_tree["berlin"], catalog["summer"])
    include(group_tree["acme"], catalog["hammer"])  # far away, but a product rule

    assert "hammer" in visible(buyer, catalog)
    assert "saw" not in visible(buyer, catalog)
    assert "shirt" not in visible(buyer, catalog)


def test_collection_rule_beats_category_rule(buyer, group_tree, catalog):
    set_terms(group_tree["acme"], catalog_mode=CatalogMode.RESTRICTED)
    include(group_tree["berlin"], catalog["apparel"])
    exclude(group_tree["acme"], catalog["summer"])

    assert visible(buyer, catalog) == {"polo", "jacket"}


def test_deeper_category_beats_its_parent_whatever_the_group(
    buyer, group_tree, catalog
):
    exclude(group_tree["berlin"], catalog["apparel"])
    include(group_tree["acme"], catalog["shirts"])  # deeper, from the account

    assert visible(buyer, catalog) == {"shirt", "polo", "hammer", "saw"}


def test_nearer_group_beats_an_ancestor_on_the_same_target(buyer, group_tree, catalog):
    exclude(group_tree["acme"], catalog["tools"])
    include(group_tree["emea"], catalog["tools"])
    exclude(group_tree["acme"], catalog["jacket"])
    include(group_tree["berlin"], catalog["jacket"])

    assert visible(buyer, catalog) == {"shirt", "polo", "jacket", "hammer", "saw"}


def test_at_the_same_distance_a_collection_exclusion_beats_an_inclusion(
    buyer, group_tree, catalog, channel_USD
):
    winter = add_to_collection("winter", [catalog["shirt"]], channel_USD)
    set_terms(group_tree["acme"], catalog_mode=CatalogMode.RESTRICTED)
    include(group_tree["berlin"], winter)
    exclude(group_tree["berlin"], catalog["summer"])
    include(group_tree["emea"], catalog["summer"])

    assert visible(buyer, catalog) == set()  # shirt: excluded; hammer: excluded


def test_nearer_collection_rule_beats_an_ancestors_on_another_collection(
    buyer, group_tree, catalog, channel_USD
):
    winter = add_to_collection("winter", [catalog["shirt"]], channel_USD)
    exclude(group_tree["acme"], catalog["summer"])
    include(group_tree["berlin"], winter)

    assert visible(buyer, catalog) == {"shirt", "polo", "jacket", "saw"}


def test_catalog_mode_is_inherited_and_overridden(buyer, group_tree, catalog):
    set_terms(group_tree["acme"], catalog_mode=CatalogMode.RESTRICTED)
    assert visible(buyer, catalog) == set()

    set_terms(group_tree["berlin"], catalog_mode=CatalogMode.OPEN)
    assert visible(buyer, catalog) == {"shirt", "polo", "jacket", "hammer", "saw"}


def test_inactive_group_gives_no_catalog(buyer, group_tree, catalog):
    # given: Berlin's only membership is suspended with its account
    set_terms(group_tree["acme"], catalog_mode=CatalogMode.RESTRICTED)
    set_terms(group_tree["acme"], is_active=False)

    # then: a customer in no active group sees Saleor's catalog
    forget(buyer)
    channel = catalog["channel"]
    condition = product_filter(buyer, channel, "default")
    assert apply(Product.objects.all(), condition).count() == 5


def test_rules_read_along_with_the_groups_equal_the_rules_read_alone(
    buyer, group_tree, catalog
):
    # given: rules of every kind on two levels
    exclude(group_tree["berlin"], catalog["tools"])
    include(group_tree["acme"], catalog["hammer"])
    exclude(group_tree["acme"], catalog["summer"])
    include(group_tree["berlin"], catalog["apparel"])

    # when: the read paths' one query, and the rules' own query
    from saleor_b2b_groups import precedence
    from saleor_b2b_groups.visibility import catalog as module

    along = fetch_customer_groups_info(
        buyer.pk, group_extras={module.GROUP_RULES: module.GROUP_RULES_SQL}
    )
    loaded = precedence.rules_loaded_with(along, module.GROUP_RULES, module.CatalogRule)
    alone = precedence.load_rules(module.CatalogRule, along.group_ids, "default")

    # then: the same rules, field by field, and the same covered categories
    assert loaded is not None
    fields = [f.attname for f in module.CatalogRule._meta.concrete_fields]

    def rows(rules):
        return sorted(tuple(getattr(r, f) for f in fields) for r in rules)

    assert rows(loaded[0]) == rows(alone[0])
    assert {k: (lvl, sorted(ids)) for k, (lvl, ids) in loaded[1].items()} == {
        k: (lvl, sorted(ids)) for k, (lvl, ids) in alone[1].items()
    }
    assert len(loaded[0]) == 4
