import pytest

from saleor_b2b_groups.groups import tree
from saleor_b2b_groups.groups.models import CustomerGroup
from tests.fixtures.groups import add_member, create_group


def test_child_path_lists_ancestors_root_first(group_tree):
    # given
    acme, emea, berlin = group_tree["acme"], group_tree["emea"], group_tree["berlin"]

    # then
    assert acme.ancestor_ids == []
    assert emea.ancestor_ids == [acme.pk]
    assert berlin.ancestor_ids == [acme.pk, emea.pk]
    assert berlin.lineage_ids == [berlin.pk, emea.pk, acme.pk]
    assert berlin.depth == 2


def test_moving_a_group_rewrites_every_descendant_path(group_tree, other_group):
    # given
    emea, berlin = group_tree["emea"], group_tree["berlin"]
    munich = create_group("Munich", emea)

    # when
    tree.save_group(emea, other_group)

    # then
    berlin.refresh_from_db()
    munich.refresh_from_db()
    emea.refresh_from_db()
    assert emea.ancestor_ids == [other_group.pk]
    assert berlin.ancestor_ids == [other_group.pk, emea.pk]
    assert munich.ancestor_ids == [other_group.pk, emea.pk]
    # the old root's path is untouched
    group_tree["acme"].refresh_from_db()
    assert group_tree["acme"].ancestor_ids == []


def test_moving_to_root_shortens_descendant_paths(group_tree):
    # given
    emea, berlin = group_tree["emea"], group_tree["berlin"]

    # when
    tree.save_group(emea, None)

    # then
    berlin.refresh_from_db()
    assert berlin.ancestor_ids == [emea.pk]


@pytest.mark.parametrize("new_parent", ["acme", "emea", "berlin"])
def test_moving_under_itself_or_a_descendant_is_refused(group_tree, new_parent):
    # given
    acme = group_tree["acme"]

    # when
    with pytest.raises(tree.CycleError):
        tree.save_group(acme, group_tree[new_parent])

    # then
    acme.refresh_from_db()
    assert acme.parent_id is None
    assert acme.ancestor_ids == []


def test_deleting_a_group_with_children_is_refused(group_tree):
    # when
    with pytest.raises(tree.HasChildrenError):
        tree.delete_group(group_tree["emea"])

    # then
    assert CustomerGroup.objects.filter(pk=group_tree["emea"].pk).exists()


def test_deleting_a_leaf_removes_its_memberships_not_its_members(
    group_tree, customer_user
):
    # given
    berlin = group_tree["berlin"]
    add_member(berlin, customer_user)

    # when
    tree.delete_group(berlin)

    # then
    assert not CustomerGroup.objects.filter(pk=berlin.pk).exists()
    customer_user.refresh_from_db()
    assert not customer_user.customer_group_memberships.exists()


def test_descendants_of_a_group_in_one_query(
    group_tree, other_group, django_assert_num_queries
):
    # given
    create_group("Munich", group_tree["emea"])

    # when
    with django_assert_num_queries(1):
        names = sorted(g.name for g in tree.descendants([group_tree["acme"]]))

    # then
    assert names == ["Berlin", "EMEA", "Munich"]
