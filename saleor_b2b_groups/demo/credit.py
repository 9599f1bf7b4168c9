"""Demo: company credit.

- Northwind Distribution owns a USD 50,000 account (BLOCK); Northwind Berlin may
  use at most 5,000 of it. Berlin's buyers pay net 45 (Northwind EMEA's terms),
  Chicago's net 30 (Northwind's).
- Contoso Retail owns USD 10,000 with REQUIRE_APPROVAL.

So anna.buyer@northwind.example can pay a checkout on account
(``checkoutPayOnAccount``) up to 5,000, and an admin records the ERP's payment
with ``creditPaymentRecord``.
"""

from collections.abc import Callable
from decimal import Decimal

#: (owner group slug, currency, limit, exceed policy)
ACCOUNTS = [
    ("northwind", "USD", Decimal("50000.00"), "block"),
    ("contoso", "USD", Decimal("10000.00"), "require_approval"),
]
#: (group slug, limit) inside the pool above it.
SUB_LIMITS = [("northwind-berlin", Decimal("5000.00"))]

LOGINS: list[tuple[str, str, str]] = []


def is_loaded() -> bool:
    from ..credit.models import CreditAccount, CreditSubLimit

    return CreditAccount.objects.filter(
        group__slug__in=[slug for slug, *_ in ACCOUNTS]
    ).count() == len(ACCOUNTS) and CreditSubLimit.objects.filter(
        group__slug__in=[slug for slug, _ in SUB_LIMITS]
    ).count() == len(SUB_LIMITS)


def load(log: Callable[[str], None]) -> None:
    from ..credit import accounts
    from ..credit.models import CreditAccount, CreditSubLimit
    from ..groups.models import CustomerGroup

    for slug, currency, limit, policy in ACCOUNTS:
        group = CustomerGroup.objects.filter(slug=slug).first()
        if group is None:
            log(f"  skipped: no group '{slug}' (load the groups demo)")
            continue
        if not CreditAccount.objects.filter(group=group).exists():
            accounts.create_account(
                group, currency=currency, limit=limit, exceed_policy=policy
            )
            log(f"  {group.name}: credit account {limit} {currency} ({policy})")
    for slug, limit in SUB_LIMITS:
        group = CustomerGroup.objects.filter(slug=slug).first()
        if group is None or CreditSubLimit.objects.filter(group=group).exists():
            continue
        accounts.set_sub_limit(group, limit)
        log(f"  {group.name}: sub-limit {limit}")
