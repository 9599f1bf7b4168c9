"""Which account a group draws on, through which sub-limits."""

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..groups.models import CustomerGroup
from .figures import Figures, figures_of
from .models import CreditAccount, CreditSubLimit


@dataclass
class Pool:
    """The account a group draws on (its own or its nearest ancestor's) and the
    sub-limits between the group and the account's owner, nearest first."""

    account: CreditAccount
    sub_limits: list[CreditSubLimit] = field(default_factory=list)

    @property
    def sub_limit_ids(self) -> list[int]:
        return [sub.pk for sub in self.sub_limits]

    def figures(self) -> list[Figures]:
        """The pool's figures first, then each sub-limit's."""
        currency = self.account.currency
        return [
            figures_of(self.account, currency),
            *(figures_of(sub, currency) for sub in self.sub_limits),
        ]


def pool_of(lineage: Sequence[CustomerGroup], database: str = "default") -> Pool | None:
    """The pool of the first group of ``lineage`` (the group, then up to the root).

    Two queries whatever the depth. None when no group of the lineage owns an
    account.
    """
    ids = [group.pk for group in lineage]
    if not ids:
        return None
    accounts = {
        a.group_id: a
        for a in CreditAccount.objects.using(database).filter(group_id__in=ids)
    }
    depth = next((i for i, pk in enumerate(ids) if pk in accounts), None)
    if depth is None:
        return None
    account = accounts[ids[depth]]
    below_owner = ids[:depth]
    subs = {
        s.group_id: s
        for s in CreditSubLimit.objects.using(database).filter(
            group_id__in=below_owner, account=account
        )
    }
    return Pool(account, [subs[pk] for pk in below_owner if pk in subs])


def lock(account_id: int, sub_limit_ids: Sequence[int]) -> Pool:
    """Lock the account's row, then the sub-limits' (always in that order: every
    writer of the figures locks the pool owner's row first, so writers of one pool
    queue there and never deadlock), and return them fresh."""
    account = CreditAccount.objects.select_for_update().get(pk=account_id)
    subs = {
        s.pk: s
        for s in CreditSubLimit.objects.select_for_update()
        .filter(pk__in=list(sub_limit_ids), account_id=account_id)
        .order_by("pk")
    }
    return Pool(account, [subs[pk] for pk in sub_limit_ids if pk in subs])
