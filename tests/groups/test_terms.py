from saleor_b2b_groups.groups.terms import TERMS, effective_terms
from tests.fixtures.groups import create_group


def test_group_without_own_value_inherits_nearest_ancestor(group_tree):
    # given: ACME sets 30 days, EMEA and Berlin set nothing
    acme, emea, berlin = group_tree["acme"], group_tree["emea"], group_tree["berlin"]

    # when
    terms = effective_terms([berlin, emea, acme])

    # then
    term = terms["payment_terms_days"]
    assert term.value == 30
    assert term.source == acme
    assert term.is_inherited is True


def test_own_value_overrides_ancestors(group_tree):
    # given
    acme, emea, berlin = group_tree["acme"], group_tree["emea"], group_tree["berlin"]
    emea.payment_terms_days = 60
    berlin.payment_terms_days = 0  # zero is a value, not "unset"

    # when
    from_emea = effective_terms([emea, acme])["payment_terms_days"]
    from_berlin = effective_terms([berlin, emea, acme])["payment_terms_days"]

    # then
    assert (from_emea.value, from_emea.source, from_emea.is_inherited) == (
        60,
        emea,
        False,
    )
    assert (from_berlin.value, from_berlin.source) == (0, berlin)


def test_default_applies_when_no_group_sets_the_term(db):
    # given
    root = create_group("Solo")
    child = create_group("Solo child", root)

    # when
    term = effective_terms([child, root])["payment_terms_days"]

    # then
    assert term.value == TERMS["payment_terms_days"].default
    assert term.source is None
    assert term.is_inherited is True
