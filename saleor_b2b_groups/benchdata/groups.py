"""Customer groups in a hierarchy ``depth`` levels deep, and their members.

Roots are accounts (one per hundred groups, at least two); the other groups are
spread evenly over the levels below, each under a group of the level above (round
robin), so that every level is populated and the first branch reaches the full
depth. Paths (``ancestor_ids``) come from ``groups.tree.path_below``, the helper the
product uses. Accounts set terms the way real ones do: payment terms on every
root, and a price conflict policy on two roots out of three.

Every customer is a member of one group, and every tenth of a second one; one in
ten is an approver and one in fifty a manager. The deep bench buyer belongs to the
first group of the deepest level; the shallow bench buyer to the second root.
"""

from django.utils import timezone

from ..groups import CustomerGroupRole
from ..groups.models import CustomerGroup, CustomerGroupMembership
from ..groups.tree import path_below
from ..pricing import PriceConflictPolicy
from . import DEEP_BUYER_EMAIL, SHALLOW_BUYER_EMAIL, Dataset
from .progress import Progress
from .writes import copy_rows

TITLE = "customer groups and memberships"

ROOT_POLICIES = [None, PriceConflictPolicy.PRIORITY, PriceConflictPolicy.NEAREST]
ROOT_PAYMENT_TERMS = [30, 45, 60]


def pending() -> str | None:
    return None


def level_sizes(groups: int, depth: int) -> list[int]:
    """How many groups on each level, roots first; every level has at least one."""
    roots = max(2, groups // 100)
    if depth == 1:
        return [groups]
    below, extra = divmod(groups - roots, depth - 1)
    return [roots] + [below + (1 if n < extra else 0) for n in range(depth - 1)]


def seed(dataset: Dataset, progress: Progress) -> dict[str, int]:
    size = dataset.size
    with progress.task("customer groups", size.groups) as task:
        previous: list[CustomerGroup] = []
        for level, count in enumerate(level_sizes(size.groups, size.depth)):
            created = CustomerGroup.objects.bulk_create(
                [_group(level, row, previous) for row in range(count)]
            )
            dataset.group_levels.append([group.pk for group in created])
            previous = created
            task.advance(count)
    dataset.deep_buyer_group_id = dataset.group_levels[-1][0]
    dataset.shallow_buyer_group_id = dataset.group_levels[0][1]
    memberships = _memberships(dataset, progress)
    return {"groups": size.groups, "memberships": memberships}


def _group(level: int, row: int, parents: list[CustomerGroup]) -> CustomerGroup:
    parent = parents[row % len(parents)] if parents else None
    if parent is None:
        return CustomerGroup(
            name=f"Bench account {row:03d}",
            slug=f"bench-account-{row:03d}",
            external_reference=f"BENCH-G0-{row:04d}",
            payment_terms_days=ROOT_PAYMENT_TERMS[row % len(ROOT_PAYMENT_TERMS)],
            price_conflict_policy=ROOT_POLICIES[row % len(ROOT_POLICIES)],
        )
    return CustomerGroup(
        name=f"Bench group L{level} {row:04d}",
        slug=f"bench-group-l{level}-{row:04d}",
        external_reference=f"BENCH-G{level}-{row:04d}",
        parent=parent,
        ancestor_ids=path_below(parent),
    )


def create_group(
    name: str, slug: str, parent: CustomerGroup | None = None, **terms
) -> CustomerGroup:
    """One named group of a later step (an account, a branch), under ``parent``."""
    return CustomerGroup.objects.create(
        name=name,
        slug=slug,
        external_reference=f"BENCH-{slug.upper()}",
        parent=parent,
        ancestor_ids=path_below(parent),
        **terms,
    )


def add_members(group: CustomerGroup, members: list[tuple[int, str]]) -> int:
    """(user id, role) memberships of ``group``; how many."""
    CustomerGroupMembership.objects.bulk_create(
        [
            CustomerGroupMembership(group=group, user_id=user_id, role=role)
            for user_id, role in members
        ]
    )
    return len(members)


def _role(row: int) -> str:
    if row % 50 == 0:
        return CustomerGroupRole.MANAGER
    if row % 10 == 5:
        return CustomerGroupRole.APPROVER
    return CustomerGroupRole.BUYER


def _membership_rows(dataset: Dataset):
    group_ids = dataset.group_ids
    now = timezone.now()
    for row, user_id in enumerate(dataset.customer_ids):
        first = group_ids[row % len(group_ids)]
        yield (first, user_id, _role(row), now)
        if row % 10 == 0:
            second = group_ids[(row * 7 + 3) % len(group_ids)]
            if second != first:
                yield (second, user_id, CustomerGroupRole.BUYER, now)
    for email, group_id in [
        (DEEP_BUYER_EMAIL, dataset.deep_buyer_group_id),
        (SHALLOW_BUYER_EMAIL, dataset.shallow_buyer_group_id),
    ]:
        yield (group_id, dataset.users[email], CustomerGroupRole.BUYER, now)


def _memberships(dataset: Dataset, progress: Progress) -> int:
    customers = len(dataset.customer_ids)
    expected = customers + (customers + 9) // 10 + 2
    with progress.task("memberships", expected) as task:
        return copy_rows(
            CustomerGroupMembership,
            ["group_id", "user_id", "role", "created_at"],
            _membership_rows(dataset),
            task,
        )
