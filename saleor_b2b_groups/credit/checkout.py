"""Paying a checkout on account: a hold under the pool's lock, and a Saleor
transaction authorized for the checkout's total."""

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from saleor.checkout import calculations
from saleor.checkout.fetch import fetch_checkout_info, fetch_checkout_lines
from saleor.checkout.lock_objects import checkout_qs_select_for_update
from saleor.payment.utils import process_order_or_checkout_with_transaction

from ..buyers.context import BuyerContext
from ..groups.terms import TERMS, effective_term
from ..pricing.checkout import apply_group_prices
from . import DrawStatus, ExceedPolicy, LedgerEntryType, ledger, pool, transactions
from .accounts import CreditError
from .draws import release_locked
from .error_codes import CreditErrorCode
from .figures import available_through
from .models import CreditDraw


@dataclass(frozen=True)
class PaidOnAccount:
    draw: CreditDraw
    transaction: Any


def pay_on_account(
    checkout: Any, buyer: BuyerContext, *, user: Any, manager: Any
) -> PaidOnAccount:
    """Hold the checkout's total on the buyer's pool and authorize it in Saleor.

    Refusals raise ``CreditError`` and change nothing. Paying again after the
    checkout changed releases the previous hold in the same transaction.
    """
    if checkout.user_id is None or checkout.user_id != buyer.customer_id:
        raise CreditError(
            "id", CreditErrorCode.NOT_BUYER, "Only the checkout's customer pays it."
        )
    group = buyer.purchasing_group
    if group is None:
        raise CreditError(
            "id",
            CreditErrorCode.NO_PURCHASING_GROUP,
            "Select the purchasing group to pay on account (purchasingGroupSelect).",
        )
    lineage = buyer.purchasing_lineage()
    found = pool.pool_of(lineage)
    if found is None:
        raise CreditError(
            "id", CreditErrorCode.NO_ACCOUNT, "The group has no credit account."
        )
    terms_days = effective_term(TERMS["payment_terms_days"], lineage).value
    with transaction.atomic():
        # Paying the same checkout twice at once, or changing it meanwhile: the
        # other waits here, so the amount held is the checkout's total as locked.
        locked_checkout = checkout_qs_select_for_update().filter(pk=checkout.pk).first()
        if locked_checkout is None:
            raise CreditError("id", CreditErrorCode.NOT_FOUND, "Checkout not found.")
        checkout = locked_checkout
        # Hold what the order will cost: the lines at the buyer's group prices.
        apply_group_prices(checkout, manager, buyer)
        lines, _ = fetch_checkout_lines(checkout)
        if not lines:
            raise CreditError("id", CreditErrorCode.NO_LINES, "The checkout is empty.")
        checkout_info = fetch_checkout_info(checkout, lines, manager)
        total = calculations.calculate_checkout_total_with_gift_cards(
            manager, checkout_info, lines
        ).gross
        if total.currency != found.account.currency:
            raise CreditError(
                "id",
                CreditErrorCode.CURRENCY_MISMATCH,
                f"The account is in {found.account.currency}, the checkout in "
                f"{total.currency}.",
            )
        amount = Decimal(total.amount)
        locked = pool.lock(found.account.pk, found.sub_limit_ids)
        previous = (
            CreditDraw.objects.select_for_update()
            .filter(checkout_token=checkout.token, status=DrawStatus.HELD)
            .first()
        )
        if previous is not None:
            if previous.amount == amount and previous.account_id == locked.account.pk:
                raise CreditError(
                    "id",
                    CreditErrorCode.ALREADY_PAID,
                    "The checkout is already paid on account.",
                )
            previous_pool = (
                locked
                if previous.account_id == locked.account.pk
                else pool.lock(previous.account_id, previous.sub_limit_ids)
            )
            release_locked(previous, previous_pool, "The checkout changed.", user=user)
        _refuse_overdue(locked)
        exceeded = amount > available_through(locked.figures())
        if exceeded:
            _refuse_excess(locked, amount)
        draw = CreditDraw.objects.create(
            account=locked.account,
            group=group,
            sub_limit_ids=locked.sub_limit_ids,
            checkout_token=checkout.token,
            user=user,
            currency=total.currency,
            amount=amount,
            payment_terms_days=terms_days,
            exceeded=exceeded,
            expires_at=timezone.now() + settings.CHECKOUT_TTL_BEFORE_RELEASING_FUNDS,
        )
        ledger.post(
            locked.account,
            LedgerEntryType.HOLD,
            amount,
            sub_limits=locked.sub_limits,
            group=group,
            draw=draw,
            checkout_token=checkout.token,
            user=user,
            exceeded=exceeded,
        )
        item = transactions.authorize(
            checkout=checkout,
            amount=amount,
            currency=total.currency,
            name=transactions.transaction_name(terms_days),
            psp_reference=f"credit-draw-{draw.pk}",
            user=user,
        )
        draw.transaction_id = item.pk
        draw.save(update_fields=["transaction_id"])
        process_order_or_checkout_with_transaction(item, manager, user, None)
    return PaidOnAccount(draw, item)


def _refuse_overdue(locked: pool.Pool) -> None:
    """Policy ``blockWhenOverdueDays``: no new draw while a charge of the account
    is overdue by more than that many days."""
    days = locked.account.block_when_overdue_days
    if days is None:
        return
    cutoff = timezone.localdate() - timedelta(days=days)
    overdue = CreditDraw.objects.filter(
        account=locked.account,
        status=DrawStatus.CHARGED,
        due_date__lt=cutoff,
        settled__lt=F("amount"),
    )
    if overdue.exists():
        raise CreditError(
            "id",
            CreditErrorCode.OVERDUE,
            "A charge of the account is overdue: pay it, or pay another way.",
        )


def _refuse_excess(locked: pool.Pool, amount: Decimal) -> None:
    policy = locked.account.exceed_policy
    if policy == ExceedPolicy.ALLOW:
        return
    if policy == ExceedPolicy.REQUIRE_APPROVAL:
        raise CreditError(
            "id",
            CreditErrorCode.APPROVAL_REQUIRED,
            "The checkout exceeds the available credit: the account owner's "
            "managers must approve it.",
        )
    raise CreditError(
        "id",
        CreditErrorCode.INSUFFICIENT_CREDIT,
        "The available credit does not cover the checkout; pay another way.",
    )
