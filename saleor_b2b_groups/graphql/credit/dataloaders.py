from collections import defaultdict
from collections.abc import Iterable

from saleor.graphql.core.dataloaders import DataLoader

from ...credit import DrawStatus
from ...credit.models import CreditAccount, CreditDraw, CreditSubLimit


class CreditAccountByIdLoader(DataLoader[int, CreditAccount | None]):
    context_key = "b2b_credit_account_by_id"

    def batch_load(self, keys: Iterable[int]):
        rows = CreditAccount.objects.using(self.database_connection_name).in_bulk(keys)
        return [rows.get(key) for key in keys]


class SubLimitsByCreditAccountIdLoader(DataLoader[int, list[CreditSubLimit]]):
    context_key = "b2b_sub_limits_by_credit_account_id"

    def batch_load(self, keys: Iterable[int]):
        found = defaultdict(list)
        for sub in CreditSubLimit.objects.using(self.database_connection_name).filter(
            account_id__in=keys
        ):
            found[sub.account_id].append(sub)
        return [found[key] for key in keys]


class ChargedDrawByOrderIdLoader(DataLoader[str, CreditDraw | None]):
    """The on-account charge of each order (None: not paid on account)."""

    context_key = "b2b_charged_draw_by_order_id"

    def batch_load(self, keys: Iterable[str]):
        draws = {
            str(d.order_id): d
            for d in CreditDraw.objects.using(self.database_connection_name).filter(
                order_id__in=list(keys), status=DrawStatus.CHARGED
            )
        }
        return [draws.get(str(key)) for key in keys]
