from saleor_b2b_groups.groups import CustomerGroupRole
from saleor_b2b_groups.groups.fetch import fetch_customer_groups_info
from tests.fixtures.groups import add_member, create_group


def test_effective_groups_are_member_groups_and_their_ancestors(
    group_tree, other_group, customer_user
):
    # given
    add_member(group_tree["berlin"], customer_user, CustomerGroupRole.APPROVER)
    add_member(other_group, customer_user)

    # when
    info = fetch_customer_groups_info(customer_user.pk)

    # then
    expected = {g.pk for g in group_tree.values()} | {other_group.pk}
    assert info.group_ids == expected
    assert sorted(m.role for m in info.memberships) == ["approver", "buyer"]
    berlin = info.groups[group_tree["berlin"].pk]
    assert [g.name for g in info.lineage(berlin)] == ["Berlin", "EMEA", "ACME"]


def test_inactive_ancestor_suspends_the_groups_below_it(group_tree, customer_user):
    # given
    add_member(group_tree["berlin"], customer_user)
    group_tree["emea"].is_active = False
    group_tree["emea"].save()

    # when
    info = fetch_customer_groups_info(customer_user.pk)

    # then
    assert info.memberships == []
    assert info.group_ids == set()
    assert not info.is_member


def test_customer_in_no_group_has_no_effective_groups(customer_user):
    # when
    info = fetch_customer_groups_info(customer_user.pk)

    # then
    assert not info.is_member
    assert info.groups == {}


def test_effective_groups_take_one_query_at_any_depth(
    db, customer_user, django_assert_num_queries
):
    # given: a chain 20 levels deep, the customer at the bottom
    parent = None
    for level in range(20):
        parent = create_group(f"Level {level}", parent)
    add_member(parent, customer_user)

    # when
    with django_assert_num_queries(1):
        info = fetch_customer_groups_info(customer_user.pk)

    # then
    assert len(info.group_ids) == 20
