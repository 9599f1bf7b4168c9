from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from saleor.core.models import ModelWithExternalReference, ModelWithMetadata

from . import DiscountScope

PRICE_FIELD: dict = {
    "max_digits": settings.DEFAULT_MAX_DIGITS,
    "decimal_places": settings.DEFAULT_DECIMAL_PLACES,
}


class PriceList(ModelWithMetadata, ModelWithExternalReference):
    """Negotiated prices in one channel, in that channel's currency."""

    name = models.CharField(max_length=250)
    slug = models.SlugField(max_length=255, unique=True, allow_unicode=True)
    channel = models.ForeignKey(
        "channel.Channel", related_name="+", on_delete=models.CASCADE
    )
    #: The channel's currency when the list was made; a list never mixes currencies.
    currency = models.CharField(max_length=settings.DEFAULT_CURRENCY_CODE_LENGTH)
    is_active = models.BooleanField(default=True)
    valid_from = models.DateTimeField(null=True, blank=True)
    valid_to = models.DateTimeField(null=True, blank=True)
    #: Never charge more than the channel price, whatever the list says.
    cap_at_channel_price = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta(ModelWithMetadata.Meta):
        ordering = ("name", "pk")
        indexes = [
            *ModelWithMetadata.Meta.indexes,
            models.Index(  # type: ignore[list-item]
                fields=["channel", "is_active"], name="pricelist_channel_idx"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class PriceListEntry(models.Model):
    """A fixed unit price for a variant, from a minimum quantity up (a tier)."""

    price_list = models.ForeignKey(
        PriceList, related_name="entries", on_delete=models.CASCADE
    )
    variant = models.ForeignKey(
        "product.ProductVariant", related_name="+", on_delete=models.CASCADE
    )
    min_quantity = models.PositiveIntegerField(
        default=1, validators=[MinValueValidator(1)]
    )
    price_amount = models.DecimalField(**PRICE_FIELD)
    external_reference = models.CharField(max_length=250, null=True, blank=True)

    class Meta:
        ordering = ("pk",)
        constraints = [
            models.UniqueConstraint(
                fields=["price_list", "variant", "min_quantity"],
                name="pricelistentry_unique_tier",
            ),
            models.UniqueConstraint(
                fields=["price_list", "external_reference"],
                condition=Q(external_reference__isnull=False),
                name="pricelistentry_unique_reference",
            ),
            models.CheckConstraint(
                condition=Q(price_amount__gte=0), name="pricelistentry_price_gte_0"
            ),
            models.CheckConstraint(
                condition=Q(min_quantity__gte=1), name="pricelistentry_min_qty_gte_1"
            ),
        ]
        indexes = [
            models.Index(
                fields=["variant", "price_list"], name="pricelistentry_var_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.variant_id} from {self.min_quantity}: {self.price_amount}"


class PriceListRule(models.Model):
    """A percentage off the channel price, for one scope of the catalog."""

    price_list = models.ForeignKey(
        PriceList, related_name="rules", on_delete=models.CASCADE
    )
    scope = models.CharField(max_length=16, choices=DiscountScope.CHOICES)
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
    percentage = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    external_reference = models.CharField(max_length=250, null=True, blank=True)

    class Meta:
        ordering = ("pk",)
        constraints = [
            models.CheckConstraint(
                condition=Q(percentage__gte=0) & Q(percentage__lte=100),
                name="pricelistrule_percentage_0_100",
            ),
            models.CheckConstraint(
                # Exactly the target of the scope is set.
                condition=(
                    Q(
                        scope=DiscountScope.ALL,
                        variant__isnull=True,
                        product__isnull=True,
                        category__isnull=True,
                        collection__isnull=True,
                    )
                    | Q(
                        scope=DiscountScope.VARIANT,
                        variant__isnull=False,
                        product__isnull=True,
                        category__isnull=True,
                        collection__isnull=True,
                    )
                    | Q(
                        scope=DiscountScope.PRODUCT,
                        variant__isnull=True,
                        product__isnull=False,
                        category__isnull=True,
                        collection__isnull=True,
                    )
                    | Q(
                        scope=DiscountScope.CATEGORY,
                        variant__isnull=True,
                        product__isnull=True,
                        category__isnull=False,
                        collection__isnull=True,
                    )
                    | Q(
                        scope=DiscountScope.COLLECTION,
                        variant__isnull=True,
                        product__isnull=True,
                        category__isnull=True,
                        collection__isnull=False,
                    )
                ),
                name="pricelistrule_scope_target",
            ),
            models.UniqueConstraint(
                fields=[
                    "price_list",
                    "scope",
                    "variant",
                    "product",
                    "category",
                    "collection",
                ],
                nulls_distinct=False,
                name="pricelistrule_unique_target",
            ),
            models.UniqueConstraint(
                fields=["price_list", "external_reference"],
                condition=Q(external_reference__isnull=False),
                name="pricelistrule_unique_reference",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.percentage}% off ({self.scope})"


class CustomerGroupPriceList(models.Model):
    """A price list assigned to a group (and so to every group below it)."""

    group = models.ForeignKey(
        "saleor_b2b_groups.CustomerGroup",
        related_name="price_list_assignments",
        on_delete=models.CASCADE,
    )
    price_list = models.ForeignKey(
        PriceList, related_name="group_assignments", on_delete=models.CASCADE
    )
    #: Higher wins under the PRIORITY policy.
    priority = models.IntegerField(default=0)

    class Meta:
        ordering = ("-priority", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=["group", "price_list"], name="customergrouppricelist_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.price_list_id} for {self.group_id} ({self.priority})"
