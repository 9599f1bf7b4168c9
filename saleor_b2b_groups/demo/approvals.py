"""Demo: checkout approvals for Northwind's European branches.

Northwind EMEA's policy, inherited by Berlin and Paris (USD, gross totals):

- above USD 300.00, the branch's approvers decide (ben.approver for Berlin);
- above USD 1,000.00, Northwind EMEA's managers decide too (maria.manager),
  after the branch.

So anna.buyer@northwind.example orders 30 ASCII Tees (14.50 each, 435.00) after
Ben's approval, and 15 pairs of Dash Force (72.00 each, 1,080.00) after Ben's and
then Maria's. Paul (Paris) has no approver in the demo: staff decide for him.
"""

from collections.abc import Callable

#: The group whose policy the demo sets, and the policy (approvals.policy input).
POLICY_GROUP = "northwind-emea"
POLICY = {
    "rules": [
        {
            "name": "Orders above USD 300: branch approver",
            "total_above": {"amount": "300", "currency": "USD", "amount_type": "gross"},
            "approver": "group_approvers",
        },
        {
            "name": "Orders above USD 1,000: regional manager",
            "total_above": {
                "amount": "1000",
                "currency": "USD",
                "amount_type": "gross",
            },
            "approver": "ancestor_managers",
            "levels_up": 1,
        },
    ]
}

#: The approvers are the groups demo's ben.approver and maria.manager.
LOGINS: list[tuple[str, str, str]] = []


def is_loaded() -> bool:
    from ..groups.models import CustomerGroup

    return CustomerGroup.objects.filter(
        slug=POLICY_GROUP, approval_policy__isnull=False
    ).exists()


def load(log: Callable[[str], None]) -> None:
    from ..approvals.policy import clean_approval_policy
    from ..groups.models import CustomerGroup

    group = CustomerGroup.objects.filter(slug=POLICY_GROUP).first()
    if group is None:
        log(f"  skipped: no group '{POLICY_GROUP}' (load the groups demo)")
        return
    if group.approval_policy is None:
        group.approval_policy = clean_approval_policy(POLICY)
        group.save(update_fields=["approval_policy", "updated_at"])
    log(
        f"  {group.name}: approval above USD 300 (branch approver) and above "
        "USD 1,000 (regional manager)"
    )
