from django.conf import settings
from django.db import models

from . import RequisitionListVisibility


class PlacedOrderGroup(models.Model):
    """The group an order was bought for, written when the order is placed.

    Saleor's order knows its customer, not the group: a customer who buys for two
    branches places orders for each, and an approver of one branch must see that
    branch's orders only. The customer's purchasing group at placement decides;
    null when none applied (several groups, none named).
    """

    order = models.OneToOneField(
        "order.Order",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="b2b_placed_group",
    )
    group = models.ForeignKey(
        "saleor_b2b_groups.CustomerGroup",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        app_label = "saleor_b2b_groups"

    def __str__(self) -> str:
        return f"order {self.order_id} for group {self.group_id}"


class RequisitionList(models.Model):
    """A named list of products a buyer orders again and again."""

    name = models.CharField(max_length=250)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="b2b_requisition_lists",
    )
    visibility = models.CharField(
        max_length=16,
        choices=RequisitionListVisibility.CHOICES,
        default=RequisitionListVisibility.PRIVATE,
    )
    #: The group whose members read a shared list (its managers edit it too).
    group = models.ForeignKey(
        "saleor_b2b_groups.CustomerGroup",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="requisition_lists",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        app_label = "saleor_b2b_groups"
        ordering = ("-updated_at", "pk")
        indexes = [
            models.Index(fields=["owner", "updated_at"], name="reqlist_owner_idx"),
            models.Index(fields=["group", "visibility"], name="reqlist_group_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(visibility=RequisitionListVisibility.PRIVATE)
                | models.Q(group__isnull=False),
                name="reqlist_shared_has_group",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class RequisitionListLine(models.Model):
    """A variant and how many of it; one line per variant in a list."""

    requisition_list = models.ForeignKey(
        RequisitionList, on_delete=models.CASCADE, related_name="lines"
    )
    variant = models.ForeignKey(
        "product.ProductVariant", on_delete=models.CASCADE, related_name="+"
    )
    quantity = models.PositiveIntegerField()
    note = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "saleor_b2b_groups"
        ordering = ("pk",)
        constraints = [
            models.UniqueConstraint(
                fields=["requisition_list", "variant"], name="reqlistline_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} x {self.variant_id}"
