"""Checkout approval policies: one every bench checkout passes, one it does not.

- The deep bench buyer's account (the root of its lineage) has a policy no bench
  checkout reaches: the branch's approvers above USD 1,000,000 gross, the managers
  two levels up above USD 2,500,000 net; a bench checkout (20 lines) is a few
  thousand dollars. ``checkoutComplete`` pays for evaluating it (the purchasing
  group, its inherited policy, the checkout's totals) and never waits.
- A branch of that account, with the approvals bench buyer and the approver as
  members, has a policy of its own, which replaces the account's: its approvers
  decide above USD 100 gross, so the approval round trip has something to approve.
  It inherits the account's price lists and catalog rules.
- Every other account but the shallow buyer's (its buyers' checkouts are not part
  of the benchmark) has a policy with lower thresholds, inherited by its groups.

Policies are stored as the feature stores an admin's (``clean_approval_policy``).
"""

from decimal import Decimal
from typing import Any

from ..approvals import AmountType, Approver
from ..approvals.policy import clean_approval_policy
from ..groups import CustomerGroupRole
from ..groups.models import CustomerGroup
from . import APPROVAL_BUYER_EMAIL, APPROVER_EMAIL, Dataset
from .catalog import CURRENCY
from .groups import add_members, create_group
from .progress import Progress

TITLE = "checkout approval policies, an approvals branch"

#: Far above any bench checkout: the deep buyer's never needs approval.
DEEP_ACCOUNT_THRESHOLD = Decimal(1_000_000)
DEEP_ACCOUNT_MANAGERS_THRESHOLD = Decimal(2_500_000)
#: Below any bench checkout: the approvals branch's always does.
BRANCH_THRESHOLD = Decimal(100)


def pending() -> str | None:
    return None


def above(
    amount: Decimal, approver: str, levels_up: int | None = None, net: bool = False
) -> dict[str, Any]:
    """A rule as an admin gives it: above ``amount`` in the bench currency."""
    rule: dict[str, Any] = {
        "total_above": {
            "amount": str(amount),
            "currency": CURRENCY,
            "amount_type": AmountType.NET if net else AmountType.GROSS,
        },
        "approver": approver,
    }
    if levels_up is not None:
        rule["levels_up"] = levels_up
    return rule


def policy(*rules: dict[str, Any]) -> dict[str, Any]:
    return clean_approval_policy({"rules": list(rules)})


def seed(dataset: Dataset, progress: Progress) -> dict[str, int]:
    deep_account = dataset.group_levels[0][0]
    with progress.task("approval policies", len(dataset.group_levels[0]) + 1):
        CustomerGroup.objects.filter(pk=deep_account).update(
            approval_policy=policy(
                above(DEEP_ACCOUNT_THRESHOLD, Approver.GROUP_APPROVERS),
                above(
                    DEEP_ACCOUNT_MANAGERS_THRESHOLD,
                    Approver.ANCESTOR_MANAGERS,
                    levels_up=2,
                    net=True,
                ),
            )
        )
        others = [
            pk
            for pk in dataset.group_levels[0]
            if pk not in {deep_account, dataset.shallow_buyer_group_id}
        ]
        CustomerGroup.objects.filter(pk__in=others[0::2]).update(
            approval_policy=policy(
                above(Decimal(500), Approver.GROUP_APPROVERS),
                above(Decimal(5_000), Approver.ANCESTOR_MANAGERS, net=True),
            )
        )
        CustomerGroup.objects.filter(pk__in=others[1::2]).update(
            approval_policy=policy(above(Decimal(2_000), Approver.GROUP_APPROVERS))
        )
        branch = create_group(
            "Bench approvals branch",
            "bench-approvals-branch",
            CustomerGroup.objects.get(pk=deep_account),
            approval_policy=policy(above(BRANCH_THRESHOLD, Approver.GROUP_APPROVERS)),
        )
    members = add_members(
        branch,
        [
            (dataset.users[APPROVAL_BUYER_EMAIL], CustomerGroupRole.BUYER),
            (dataset.users[APPROVER_EMAIL], CustomerGroupRole.APPROVER),
        ],
    )
    return {
        "approval_policies": 2 + len(others),
        "deep_buyer_approval_threshold": int(DEEP_ACCOUNT_THRESHOLD),
        "approval_branch_threshold": int(BRANCH_THRESHOLD),
        "approval_branch_members": members,
    }
