from django.db import models
from django.db.models import F, Q

from . import QuantityScope


def _only_target(scope: str) -> Q:
    """The scope's target is set, every other target is empty."""
    conditions = {"scope": scope}
    for other_scope, field in QuantityScope.TARGET_FIELDS.items():
        conditions[f"{field}__isnull"] = other_scope != scope  # type: ignore[assignment]
    return Q(**conditions)


class QuantityRule(models.Model):
    """How many units of the targeted variants a group's members (and the members
    of every group below it) may put on one checkout: at least ``minimum``, a
    multiple of ``increment``, at most ``maximum``; null: no limit of that kind."""

    group = models.ForeignKey(
        "saleor_b2b_groups.CustomerGroup",
        related_name="quantity_rules",
        on_delete=models.CASCADE,
    )
    scope = models.CharField(max_length=16, choices=QuantityScope.CHOICES)
    variant = models.ForeignKey(
        "product.ProductVariant",
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.CASCADE,
    )
    product = models.ForeignKey(
        "product.Product",
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.CASCADE,
    )
    category = models.ForeignKey(
        "product.Category",
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.CASCADE,
    )
    collection = models.ForeignKey(
        "product.Collection",
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.CASCADE,
    )
    minimum = models.PositiveIntegerField(null=True, blank=True)
    increment = models.PositiveIntegerField(null=True, blank=True)
    maximum = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("pk",)
        constraints = [
            models.CheckConstraint(
                condition=(
                    _only_target(QuantityScope.VARIANT)
                    | _only_target(QuantityScope.PRODUCT)
                    | _only_target(QuantityScope.COLLECTION)
                    | _only_target(QuantityScope.CATEGORY)
                    | _only_target(QuantityScope.ALL)
                ),
                name="quantityrule_scope_target",
            ),
            models.CheckConstraint(
                condition=(
                    (Q(minimum__isnull=True) | Q(minimum__gte=1))
                    & (Q(increment__isnull=True) | Q(increment__gte=1))
                    & (Q(maximum__isnull=True) | Q(maximum__gte=1))
                ),
                name="quantityrule_positive",
            ),
            models.CheckConstraint(
                condition=(
                    Q(minimum__isnull=True)
                    | Q(maximum__isnull=True)
                    | Q(minimum__lte=F("maximum"))
                ),
                name="quantityrule_minimum_not_above_maximum",
            ),
            # One rule per group and target: a new rule on a target replaces it.
            models.UniqueConstraint(
                fields=[
                    "group",
                    "scope",
                    "variant",
                    "product",
                    "category",
                    "collection",
                ],
                nulls_distinct=False,
                name="quantityrule_unique_target",
            ),
        ]

    def __str__(self) -> str:
        return f"quantity rule on {self.scope} for group {self.group_id}"

    @property
    def target_id(self) -> int | None:
        field = QuantityScope.TARGET_FIELDS.get(self.scope)
        return getattr(self, f"{field}_id") if field else None
