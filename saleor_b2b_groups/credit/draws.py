"""A checkout's draw on the account: held, charged on its order, released, settled.

Every function here locks the pool (``pool.lock``: the account's row first) and
posts through ``ledger.post``; each is idempotent by the draw's status, so a hook
that runs twice, or a sweep racing a hook, posts once.
"""

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from . import DrawStatus, LedgerEntryType, ledger, pool
from .models import CreditDraw


def _locked_draw(draw_id: int) -> tuple[CreditDraw, pool.Pool]:
    """The draw and its pool, locked in the pool's order (account first)."""
    unlocked = CreditDraw.objects.get(pk=draw_id)
    locked_pool = pool.lock(unlocked.account_id, unlocked.sub_limit_ids)
    draw = CreditDraw.objects.select_for_update().get(pk=draw_id)
    return draw, locked_pool


def release(draw_id: int, reason: str, *, user=None, app=None) -> bool:
    """Release a draw still held; False when it is not held any more."""
    with transaction.atomic():
        draw, locked = _locked_draw(draw_id)
        if draw.status != DrawStatus.HELD:
            return False
        release_locked(draw, locked, reason, user=user, app=app)
    return True


def release_locked(
    draw: CreditDraw, locked: pool.Pool, reason: str, *, user=None, app=None
) -> None:
    """``release`` for a caller that holds the pool's and the draw's locks."""
    ledger.post(
        locked.account,
        LedgerEntryType.RELEASE,
        draw.amount,
        sub_limits=_through(draw, locked),
        group_id=draw.group_id,
        draw=draw,
        checkout_token=draw.checkout_token,
        order_id=draw.order_id,
        reason=reason,
        user=user,
        app=app,
    )
    draw.status = DrawStatus.RELEASED
    draw.save(update_fields=["status"])
    _cancel_transaction(draw)


def charge(draw_id: int, order: Any) -> bool:
    """The order of a held draw's checkout was placed: the hold becomes a charge
    of the order's total (at most the hold; a rest is released), due
    ``payment_terms_days`` after the order. False when not held."""
    with transaction.atomic():
        draw, locked = _locked_draw(draw_id)
        if draw.status != DrawStatus.HELD:
            return False
        held = draw.amount
        total = order.total_gross_amount
        charged = min(held, total) if order.currency == draw.currency else held
        placed = order.created_at or timezone.now()
        draw.order_id = order.pk
        draw.status = DrawStatus.CHARGED
        draw.amount = charged
        draw.due_date = placed.date() + timedelta(days=draw.payment_terms_days)
        draw.save(update_fields=["order_id", "status", "amount", "due_date"])
        through = _through(draw, locked)
        common = {
            "group_id": draw.group_id,
            "draw": draw,
            "checkout_token": draw.checkout_token,
            "order_id": order.pk,
        }
        ledger.post(
            locked.account,
            LedgerEntryType.CHARGE,
            charged,
            sub_limits=through,
            reason=f"Order {order.number}",
            exceeded=draw.exceeded,
            **common,
        )
        if held > charged:
            ledger.post(
                locked.account,
                LedgerEntryType.RELEASE,
                held - charged,
                sub_limits=through,
                reason=f"Order {order.number} costs less than was held.",
                **common,
            )
    return True


def settle(
    draw_id: int,
    entry_type: str,
    amount: Decimal,
    *,
    external_reference: str | None = None,
    reason: str = "",
    user=None,
    app=None,
):
    """A payment or a credit against a charged draw's order. More than the order's
    outstanding amount leaves the company in credit (a refund after payment).
    Returns the entry, or None when the draw is not charged."""
    with transaction.atomic():
        draw, locked = _locked_draw(draw_id)
        if draw.status != DrawStatus.CHARGED or amount <= 0:
            return None
        draw.settled += amount
        draw.save(update_fields=["settled"])
        return ledger.post(
            locked.account,
            entry_type,
            amount,
            sub_limits=_through(draw, locked),
            group_id=draw.group_id,
            draw=draw,
            order_id=draw.order_id,
            external_reference=external_reference,
            reason=reason,
            user=user,
            app=app,
        )


def release_expired(now=None) -> int:
    """Release the holds that expired, or whose checkout is gone; their count.

    Saleor releases an expired checkout's funds only where the channel asks it to,
    so holds expire on their own (``CreditDraw.expires_at``).
    """
    from saleor.checkout.models import Checkout

    now = now or timezone.now()
    held = CreditDraw.objects.filter(status=DrawStatus.HELD)
    expired = set(held.filter(expires_at__lt=now).values_list("pk", flat=True))
    tokens = dict(held.values_list("checkout_token", "pk"))
    alive = set(
        Checkout.objects.filter(token__in=list(tokens)).values_list("token", flat=True)
    )
    # A checkout that became an order is charged by the order's hook, not released.
    from saleor.order.models import Order

    ordered = set(
        Order.objects.filter(checkout_token__in=[str(t) for t in tokens]).values_list(
            "checkout_token", flat=True
        )
    )
    gone = {
        pk
        for token, pk in tokens.items()
        if token not in alive and str(token) not in ordered
    }
    return sum(
        release(pk, "The checkout expired or was deleted.")
        for pk in sorted(expired | gone)
    )


def charge_missed() -> int:
    """Charge the holds whose checkout became an order without the order's hook
    running (a process stopped after Saleor's commit, the plugin switched off);
    their count. Two queries when there is nothing to do."""
    from saleor.order.models import Order

    held = dict(
        CreditDraw.objects.filter(status=DrawStatus.HELD).values_list(
            "checkout_token", "pk"
        )
    )
    if not held:
        return 0
    orders = Order.objects.filter(checkout_token__in=[str(t) for t in held])
    charged = 0
    for order in orders:
        draw_pk = held.get(_uuid(order.checkout_token))
        if draw_pk is not None:
            charged += charge(draw_pk, order)
    return charged


def _uuid(value: str):
    import uuid

    try:
        return uuid.UUID(value)
    except ValueError:
        return None


def _through(draw: CreditDraw, locked: pool.Pool):
    """The locked sub-limits the draw went through (one deleted since is skipped)."""
    return [sub for sub in locked.sub_limits if sub.pk in draw.sub_limit_ids]


def _cancel_transaction(draw: CreditDraw) -> None:
    """The draw's Saleor transaction no longer authorizes anything."""
    from .transactions import cancel_authorization

    if draw.transaction_id is not None:
        cancel_authorization(draw.transaction_id, draw.amount)
