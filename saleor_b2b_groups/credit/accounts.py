"""Staff writes of accounts and sub-limits: validated here, each with its ERP event
in the same transaction. Raise ``CreditError`` for a refusal (nothing changed)."""

from decimal import Decimal
from typing import Any

from babel.numbers import list_currencies
from django.conf import settings
from django.db import IntegrityError, transaction
from saleor.core.prices import quantize_price

from ..groups.models import CustomerGroup
from ..webhooks import ErpEventType
from ..webhooks.events import emit
from . import ExceedPolicy, payloads
from .error_codes import CreditErrorCode
from .figures import figures_of
from .models import CreditAccount, CreditLedgerEntry, CreditSubLimit


class CreditError(Exception):
    """A refused credit operation: ``field`` and ``code`` go to the API's error."""

    def __init__(self, field: str, code: CreditErrorCode, message: str):
        super().__init__(message)
        self.field = field
        self.code = code
        self.message = message


def clean_amount(value: Any, field: str, currency: str, *, allow_zero=True) -> Decimal:
    """A non-negative amount at the currency's precision."""
    try:
        amount = Decimal(str(value))
    except Exception as e:
        raise CreditError(field, CreditErrorCode.INVALID, "Not a number.") from e
    if not amount.is_finite() or amount < 0 or (amount == 0 and not allow_zero):
        raise CreditError(field, CreditErrorCode.INVALID, "Must be a positive amount.")
    if amount > Decimal("1e15"):
        raise CreditError(field, CreditErrorCode.INVALID, "The amount is too large.")
    if quantize_price(amount, currency) != amount:
        raise CreditError(
            field, CreditErrorCode.INVALID, f"More decimal places than {currency} has."
        )
    return amount


def clean_currency(value: str) -> str:
    code = value.strip().upper() if isinstance(value, str) else ""
    if (
        len(code) != settings.DEFAULT_CURRENCY_CODE_LENGTH
        or code not in list_currencies()
    ):
        raise CreditError(
            "currency", CreditErrorCode.CURRENCY_MISMATCH, "Not an ISO 4217 code."
        )
    return code


def changed(account: CreditAccount, *, deleted: bool = False) -> None:
    emit(
        ErpEventType.CREDIT_ACCOUNT_CHANGED,
        payloads.aggregate(account),
        payloads.account(
            account, figures_of(account, account.currency), deleted=deleted
        ),
    )


def create_account(
    group: CustomerGroup,
    *,
    currency: str,
    limit: Any,
    exceed_policy: str = ExceedPolicy.BLOCK,
    block_when_overdue_days: int | None = None,
) -> CreditAccount:
    currency = clean_currency(currency)
    account = CreditAccount(
        group=group,
        currency=currency,
        limit=clean_amount(limit, "limit", currency),
        exceed_policy=exceed_policy,
        block_when_overdue_days=_clean_days(block_when_overdue_days),
    )
    if CreditSubLimit.objects.filter(group=group).exists():
        raise CreditError(
            "group",
            CreditErrorCode.ALREADY_EXISTS,
            "The group carries a sub-limit in another pool; delete it first.",
        )
    try:
        with transaction.atomic():
            account.save()
            changed(account)
    except IntegrityError as e:
        raise CreditError(
            "group", CreditErrorCode.ALREADY_EXISTS, "The group has an account."
        ) from e
    return account


def update_account(account_id: int, **values: Any) -> CreditAccount:
    with transaction.atomic():
        account = (
            CreditAccount.objects.select_for_update().select_related("group")
        ).get(pk=account_id)
        if "currency" in values and values["currency"] is not None:
            currency = clean_currency(values["currency"])
            if currency != account.currency:
                if CreditLedgerEntry.objects.filter(account=account).exists():
                    raise CreditError(
                        "currency",
                        CreditErrorCode.CURRENCY_MISMATCH,
                        "An account with entries keeps its currency.",
                    )
                account.currency = currency
        if values.get("limit") is not None:
            account.limit = clean_amount(values["limit"], "limit", account.currency)
            above = account.sub_limits.filter(limit__gt=account.limit).exists()
            if above:
                raise CreditError(
                    "limit",
                    CreditErrorCode.SUB_LIMIT_ABOVE_POOL,
                    "A sub-limit of this account is above the new limit.",
                )
        if values.get("exceed_policy") is not None:
            account.exceed_policy = values["exceed_policy"]
        if "block_when_overdue_days" in values:
            account.block_when_overdue_days = _clean_days(
                values["block_when_overdue_days"]
            )
        account.save()
        changed(account)
    return account


def delete_account(account_id: int) -> CreditAccount:
    with transaction.atomic():
        account = (
            CreditAccount.objects.select_for_update().select_related("group")
        ).get(pk=account_id)
        if CreditLedgerEntry.objects.filter(account=account).exists():
            raise CreditError(
                "id",
                CreditErrorCode.HAS_ENTRIES,
                "An account with ledger entries cannot be deleted; set its limit "
                "to 0 instead.",
            )
        changed(account, deleted=True)
        account.sub_limits.all().delete()
        account.delete()
    return account


def set_sub_limit(group: CustomerGroup, limit: Any) -> CreditSubLimit:
    """Create or change the sub-limit of ``group`` inside the pool above it."""
    with transaction.atomic():
        owners = list(
            CreditAccount.objects.select_for_update()
            .select_related("group")
            .filter(group_id__in=group.ancestor_ids)
        )
        if CreditAccount.objects.filter(group=group).exists():
            raise CreditError(
                "group",
                CreditErrorCode.ALREADY_EXISTS,
                "The group owns an account: it draws on no pool.",
            )
        if not owners:
            raise CreditError(
                "group",
                CreditErrorCode.NOT_IN_POOL,
                "No group above this one owns a credit account.",
            )
        # The nearest owner above the group is its pool.
        depth = {pk: i for i, pk in enumerate(group.ancestor_ids)}
        account = max(owners, key=lambda a: depth[a.group_id])
        amount = clean_amount(limit, "limit", account.currency)
        if amount > account.limit:
            raise CreditError(
                "limit",
                CreditErrorCode.SUB_LIMIT_ABOVE_POOL,
                f"Above the pool's limit of {account.limit} {account.currency}.",
            )
        sub = CreditSubLimit.objects.select_for_update().filter(group=group).first()
        if sub is not None and sub.account_id != account.pk:
            raise CreditError(
                "group",
                CreditErrorCode.ALREADY_EXISTS,
                "The group carries a sub-limit of another pool; delete it first.",
            )
        if sub is None:
            sub = CreditSubLimit(account=account, group=group, limit=amount)
        sub.limit = amount
        sub.save()
        changed(account)
    return sub


def delete_sub_limit(sub_limit_id: int) -> CreditSubLimit:
    with transaction.atomic():
        sub = CreditSubLimit.objects.select_related("account__group").get(
            pk=sub_limit_id
        )
        account = CreditAccount.objects.select_for_update().get(pk=sub.account_id)
        sub.delete()
        changed(account)
    return sub


def _clean_days(value: int | None) -> int | None:
    if value is not None and (value < 0 or value > 3650):
        raise CreditError(
            "block_when_overdue_days", CreditErrorCode.INVALID, "Between 0 and 3650."
        )
    return value
