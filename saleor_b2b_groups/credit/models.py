from typing import Any

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import timezone

from . import DrawStatus, ExceedPolicy, LedgerEntryType


def money_field(**options: Any) -> models.DecimalField:
    """An amount at Saleor's precision; its currency lives beside it."""
    return models.DecimalField(
        max_digits=settings.DEFAULT_MAX_DIGITS,
        decimal_places=settings.DEFAULT_DECIMAL_PLACES,
        **options,
    )


class CreditAccount(models.Model):
    """A group's credit line; groups below it without their own draw on it.

    ``outstanding`` and ``held`` are the summary of the ledger, written by
    ``ledger.post`` only, under this row's lock, in each entry's transaction:
    reading the figures is one row whatever the ledger's length.
    """

    group = models.OneToOneField(
        "saleor_b2b_groups.CustomerGroup",
        related_name="credit_account",
        on_delete=models.PROTECT,
    )
    currency = models.CharField(max_length=3)
    limit = money_field()
    exceed_policy = models.CharField(
        max_length=32, choices=ExceedPolicy.CHOICES, default=ExceedPolicy.BLOCK
    )
    #: Refuse new on-account checkouts while a charge is overdue by more than this
    #: many days; null: never refuse for that.
    block_when_overdue_days = models.PositiveIntegerField(null=True, blank=True)
    outstanding = money_field(default=0)
    held = money_field(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("pk",)

    def __str__(self) -> str:
        return f"{self.group_id}: {self.limit} {self.currency}"


class CreditSubLimit(models.Model):
    """A cap inside the pool for a group below the owner (and the groups below it)."""

    account = models.ForeignKey(
        CreditAccount, related_name="sub_limits", on_delete=models.CASCADE
    )
    group = models.OneToOneField(
        "saleor_b2b_groups.CustomerGroup",
        related_name="credit_sub_limit",
        on_delete=models.CASCADE,
    )
    limit = money_field()
    outstanding = money_field(default=0)
    held = money_field(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("pk",)

    def __str__(self) -> str:
        return f"{self.group_id} in {self.account_id}: {self.limit}"


class CreditDraw(models.Model):
    """A checkout paid on account: held, then charged on its order, or released."""

    account = models.ForeignKey(
        CreditAccount, related_name="draws", on_delete=models.PROTECT
    )
    #: The purchasing group that drew.
    group = models.ForeignKey(
        "saleor_b2b_groups.CustomerGroup", related_name="+", on_delete=models.PROTECT
    )
    #: The sub-limits this draw goes through, fixed when it is placed.
    sub_limit_ids = ArrayField(models.IntegerField(), default=list, blank=True)
    checkout_token = models.UUIDField(db_index=True)
    order_id = models.UUIDField(null=True, blank=True, db_index=True)
    #: Saleor's ``TransactionItem`` authorized for this draw.
    transaction_id = models.IntegerField(null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, related_name="+", on_delete=models.SET_NULL
    )
    status = models.CharField(
        max_length=16, choices=DrawStatus.CHOICES, default=DrawStatus.HELD
    )
    currency = models.CharField(max_length=3)
    amount = money_field()
    #: Paid and credited against the charge so far.
    settled = money_field(default=0)
    payment_terms_days = models.PositiveIntegerField(default=0)
    due_date = models.DateField(null=True, blank=True)
    #: Whether the draw went over the available amount (policy ALLOW or approved).
    exceeded = models.BooleanField(default=False)
    expires_at = models.DateTimeField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("pk",)
        constraints = [
            models.UniqueConstraint(
                fields=["checkout_token"],
                condition=models.Q(status=DrawStatus.HELD),
                name="creditdraw_one_hold_per_checkout",
            )
        ]
        indexes = [
            models.Index(
                fields=["account", "due_date"],
                name="creditdraw_due_idx",
                condition=models.Q(status=DrawStatus.CHARGED),
            )
        ]

    def __str__(self) -> str:
        return f"{self.checkout_token}: {self.amount} {self.status}"


class CreditLedgerEntry(models.Model):
    """One append-only movement of an account. Never updated, never deleted."""

    account = models.ForeignKey(
        CreditAccount, related_name="entries", on_delete=models.PROTECT
    )
    type = models.CharField(max_length=16, choices=LedgerEntryType.CHOICES)
    #: Positive, except an adjustment, whose sign says which way it goes.
    amount = money_field()
    currency = models.CharField(max_length=3)
    group = models.ForeignKey(
        "saleor_b2b_groups.CustomerGroup",
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    #: The sub-limits whose figures this entry moved.
    sub_limit_ids = ArrayField(models.IntegerField(), default=list, blank=True)
    draw = models.ForeignKey(
        CreditDraw,
        null=True,
        blank=True,
        related_name="entries",
        on_delete=models.PROTECT,
    )
    checkout_token = models.UUIDField(null=True, blank=True)
    order_id = models.UUIDField(null=True, blank=True, db_index=True)
    #: The ERP's document number: a payment or adjustment is recorded once per
    #: account and reference.
    external_reference = models.CharField(max_length=250, null=True, blank=True)
    reason = models.TextField(blank=True, default="")
    exceeded = models.BooleanField(default=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    app = models.ForeignKey(
        "app.App", null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ("pk",)
        constraints = [
            models.UniqueConstraint(
                fields=["account", "type", "external_reference"],
                condition=models.Q(external_reference__isnull=False),
                name="creditledgerentry_unique_reference",
            )
        ]
        indexes = [
            models.Index(
                fields=["account", "type", "created_at"],
                name="creditledger_account_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.type} {self.amount} {self.currency}"
