"""SQL queries stay flat as pages grow and hierarchies deepen."""

from saleor.account.models import User

from tests.fixtures.groups import add_member, create_group
from tests.queries import count_queries

TREE_PAGE = """
query ($first: Int) {
  customerGroups(first: $first) {
    edges { node {
      name
      ancestors { name }
      children { name }
      members(first: 5) { totalCount edges { node { role user { email } } } }
      effectiveTerms { paymentTermsDays sources { group { name } } }
    } }
  }
}
"""

ME_GROUPS = """
query { me { customerGroups { role group { name ancestors { name }
  effectiveTerms { paymentTermsDays } } } } }
"""


def build_chain(depth: int, prefix: str):
    parent = None
    groups = []
    for level in range(depth):
        parent = create_group(f"{prefix} {level}", parent, slug=f"{prefix}-{level}")
        groups.append(parent)
    return groups


def add_members(groups, per_group: int, prefix: str):
    for index, group in enumerate(groups):
        for n in range(per_group):
            user = User.objects.create(email=f"{prefix}-{index}-{n}@example.com")
            add_member(group, user)


def test_tree_page_queries_do_not_grow_with_page_size_or_depth(
    staff_api_client, staff_with_manage_users
):
    # given: 3 shallow groups
    small = build_chain(3, "small")
    add_members(small, 1, "small")
    small_count = count_queries(staff_api_client, TREE_PAGE, {"first": 100})[0]

    # when: 100 groups, a chain 20 levels deep among them, members everywhere
    deep = build_chain(20, "deep")
    wide = [
        create_group(f"wide {n}", deep[n % 20], slug=f"wide-{n}") for n in range(77)
    ]
    add_members(deep + wide, 2, "big")
    big_count = count_queries(staff_api_client, TREE_PAGE, {"first": 100})[0]

    # then
    assert big_count == small_count
    assert big_count <= 12


def test_buyer_effective_groups_queries_do_not_grow_with_depth(
    user_api_client, customer_user
):
    # given: a member of a group 2 levels deep, then of one 20 levels deep
    shallow = build_chain(2, "shallow")
    add_member(shallow[-1], customer_user)
    shallow_count = count_queries(user_api_client, ME_GROUPS)[0]

    deep = build_chain(20, "deep")
    add_member(deep[-1], customer_user)

    # when
    deep_count = count_queries(user_api_client, ME_GROUPS)[0]

    # then
    assert deep_count == shallow_count
