from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone

from ..groups import CustomerGroupRole
from ..groups.models import CustomerGroup
from . import ApprovalDecision, ApprovalStatus


class CheckoutApproval(models.Model):
    """One request for approval of a checkout, with what the buyer asked to approve.

    The checkout is referenced by its token, not by a foreign key: Saleor deletes a
    checkout when it becomes an order, and the request must outlive it as the
    order's record (``Order.checkout_token`` is the same token). ``snapshot`` is the
    checkout as requested (what approvers review) and ``fingerprint`` its digest:
    a decision is recorded only while the checkout still has that fingerprint, and
    an order only while the approved fingerprint still matches.
    """

    checkout_token = models.UUIDField(db_index=True)
    channel = models.ForeignKey(
        "channel.Channel", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    #: The purchasing group, whose policy and approvers apply.
    group = models.ForeignKey(
        CustomerGroup,
        null=True,
        on_delete=models.SET_NULL,
        related_name="checkout_approvals",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="checkout_approval_requests",
    )
    #: Kept for the record when the user is deleted.
    requested_by_email = models.CharField(max_length=254, blank=True, default="")
    note = models.TextField(blank=True, default="")
    status = models.CharField(
        max_length=16, choices=ApprovalStatus.CHOICES, default=ApprovalStatus.PENDING
    )
    #: Levels approved so far: the index of the level deciding while pending.
    current_level = models.PositiveSmallIntegerField(default=0)
    level_count = models.PositiveSmallIntegerField(default=0)
    fingerprint = models.CharField(max_length=64)
    snapshot = models.JSONField(encoder=DjangoJSONEncoder)
    currency = models.CharField(max_length=settings.DEFAULT_CURRENCY_CODE_LENGTH)
    total_net_amount = models.DecimalField(
        max_digits=settings.DEFAULT_MAX_DIGITS,
        decimal_places=settings.DEFAULT_DECIMAL_PLACES,
    )
    total_gross_amount = models.DecimalField(
        max_digits=settings.DEFAULT_MAX_DIGITS,
        decimal_places=settings.DEFAULT_DECIMAL_PLACES,
    )
    #: The purchasing group's ``approval_validity_hours`` when it was requested.
    validity_hours = models.PositiveIntegerField()
    requested_at = models.DateTimeField(default=timezone.now, db_index=True)
    #: When the last level approved, or a level rejected.
    decided_at = models.DateTimeField(null=True, blank=True)
    #: ``validity_hours`` after the latest event (the request, then each approval).
    expires_at = models.DateTimeField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("-requested_at", "-pk")
        constraints = [
            models.UniqueConstraint(
                fields=["checkout_token"],
                condition=models.Q(status__in=ApprovalStatus.OPEN),
                name="checkoutapproval_one_open_request",
            ),
        ]
        indexes = [
            models.Index(
                fields=["status", "expires_at"], name="checkoutapproval_status_idx"
            ),
            models.Index(
                fields=["requested_by", "requested_at"],
                name="checkoutapproval_buyer_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.checkout_token}: {self.status}"


class CheckoutApprovalLevel(models.Model):
    """One level of a request: who decides it, and why the policy asks for it."""

    approval = models.ForeignKey(
        CheckoutApproval, related_name="levels", on_delete=models.CASCADE
    )
    #: 0 for the first level; levels are decided in this order.
    index = models.PositiveSmallIntegerField()
    #: The group whose members with ``role`` decide.
    group = models.ForeignKey(
        CustomerGroup, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    role = models.CharField(max_length=32, choices=CustomerGroupRole.CHOICES)
    #: 0: the purchasing group itself; n: n levels above it.
    levels_up = models.PositiveSmallIntegerField(default=0)
    #: The rules that asked for this level, as sentences.
    reasons = models.JSONField(default=list)
    #: No member could decide it when it became pending: left to staff and apps
    #: with MANAGE_CHECKOUTS (see ``approvals.escalation``).
    escalated = models.BooleanField(default=False)

    class Meta:
        ordering = ("approval", "index")
        constraints = [
            models.UniqueConstraint(
                fields=["approval", "index"], name="checkoutapprovallevel_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["group", "role"], name="checkoutapprovallevel_group")
        ]

    def __str__(self) -> str:
        return f"{self.approval_id}#{self.index}: {self.role} of {self.group_id}"


class CheckoutApprovalDecision(models.Model):
    """Who decided a level, when and why; one decision per level."""

    approval = models.ForeignKey(
        CheckoutApproval, related_name="decisions", on_delete=models.CASCADE
    )
    level = models.PositiveSmallIntegerField()
    decision = models.CharField(max_length=16, choices=ApprovalDecision.CHOICES)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    #: An app with MANAGE_CHECKOUTS (no foreign key: Saleor's app deletion stays
    #: as it is); its name is kept in ``actor_name``.
    app_id = models.PositiveIntegerField(null=True, blank=True)
    actor_email = models.CharField(max_length=254, blank=True, default="")
    actor_name = models.CharField(max_length=255, blank=True, default="")
    #: Decided with MANAGE_CHECKOUTS rather than as a member of the level's group.
    as_staff = models.BooleanField(default=False)
    comment = models.TextField(blank=True, default="")
    #: The checkout's fingerprint the decision was made on.
    fingerprint = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("approval", "level")
        constraints = [
            models.UniqueConstraint(
                fields=["approval", "level"], name="checkoutapprovaldecision_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.approval_id}#{self.level}: {self.decision}"
