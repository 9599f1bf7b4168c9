from django.db import models
from django.db.models import Q

from . import ChannelAccess, RuleEffect, RuleScope


class CatalogRule(models.Model):
    """Includes or excludes a product, a category (with its subcategories) or a
    collection for a group's members, and for the members of every group below it."""

    group = models.ForeignKey(
        "saleor_b2b_groups.CustomerGroup",
        related_name="catalog_rules",
        on_delete=models.CASCADE,
    )
    effect = models.CharField(max_length=16, choices=RuleEffect.CHOICES)
    scope = models.CharField(max_length=16, choices=RuleScope.CHOICES)
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
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("pk",)
        constraints = [
            models.CheckConstraint(
                # Exactly the target of the scope is set.
                condition=(
                    Q(
                        scope=RuleScope.PRODUCT,
                        product__isnull=False,
                        category__isnull=True,
                        collection__isnull=True,
                    )
                    | Q(
                        scope=RuleScope.CATEGORY,
                        product__isnull=True,
                        category__isnull=False,
                        collection__isnull=True,
                    )
                    | Q(
                        scope=RuleScope.COLLECTION,
                        product__isnull=True,
                        category__isnull=True,
                        collection__isnull=False,
                    )
                ),
                name="catalogrule_scope_target",
            ),
            models.CheckConstraint(
                condition=Q(effect__in=[RuleEffect.INCLUDE, RuleEffect.EXCLUDE]),
                name="catalogrule_effect_valid",
            ),
            # One rule per group and target: a new rule on a target replaces it.
            models.UniqueConstraint(
                fields=["group", "scope", "product", "category", "collection"],
                nulls_distinct=False,
                name="catalogrule_unique_target",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.effect} {self.scope} for group {self.group_id}"

    @property
    def target_id(self) -> int:
        return self.product_id or self.category_id or self.collection_id  # type: ignore[return-value]


class ChannelAccessPolicy(models.Model):
    """A channel's policy; a channel without one is public."""

    channel = models.OneToOneField(
        "channel.Channel",
        primary_key=True,
        related_name="+",
        on_delete=models.CASCADE,
    )
    access = models.CharField(
        max_length=16, choices=ChannelAccess.CHOICES, default=ChannelAccess.PUBLIC
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.channel_id}: {self.access}"
