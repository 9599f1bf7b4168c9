import graphene
from django.core.exceptions import ValidationError
from saleor.graphql.core.doc_category import DOC_CATEGORY_DISCOUNTS
from saleor.graphql.core.types import BaseInputObjectType, NonNullList

from ....pricing import bulk
from ....pricing.error_codes import PriceListErrorCode
from ...core import ADDED_IN_B2B_01
from .base import (
    BATCH_DESCRIPTION,
    PriceListArguments,
    PriceListRowsDelete,
    decode_ids,
    error,
)


class PriceListTierInput(BaseInputObjectType):
    variant = graphene.ID(description="The variant's ID.")
    variant_sku = graphene.String(description="Or the variant's SKU.")
    variant_external_reference = graphene.String(
        description="Or the variant's external reference."
    )
    min_quantity = graphene.Int(
        description="The tier; null or omitted: every tier of the variant."
    )

    class Meta:
        description = "Tiers of a variant: one, or all of them." + ADDED_IN_B2B_01
        doc_category = DOC_CATEGORY_DISCOUNTS


def read_tiers(tiers: list[dict]) -> list[bulk.TierKey]:
    keys = []
    for index, tier in enumerate(tiers):
        named = [
            tier.get(name)
            for name in ("variant", "variant_sku", "variant_external_reference")
            if tier.get(name) is not None
        ]
        if len(named) != 1:
            raise ValidationError(
                {
                    "tiers": error(
                        f"Tier {index}: give exactly one of variant, variantSku, "
                        "variantExternalReference.",
                        PriceListErrorCode.REQUIRED,
                    )
                }
            )
        variant = tier.get("variant")
        keys.append(
            bulk.TierKey(
                variant_id=(
                    decode_ids([variant], "ProductVariant", "tiers")[0]
                    if variant
                    else None
                ),
                variant_sku=tier.get("variant_sku"),
                variant_external_reference=tier.get("variant_external_reference"),
                min_quantity=tier.get("min_quantity"),
            )
        )
    return keys


class PriceListEntriesBulkDelete(PriceListRowsDelete):
    count = graphene.Int(required=True, default_value=0, description="Entries deleted.")

    ROW_TYPE = "PriceListEntry"
    KEYS = "tiers"
    CHANGE = "entries_deleted"
    read_keys = staticmethod(read_tiers)
    delete = staticmethod(bulk.delete_entries)

    class Arguments(PriceListArguments):
        ids = NonNullList(graphene.ID, description="Entries by ID.")
        external_references = NonNullList(
            graphene.String, description="Entries by external reference."
        )
        tiers = NonNullList(
            PriceListTierInput, description="Entries by variant and minimum quantity."
        )

    class Meta:
        description = (
            "Deletes fixed prices of a price list, by ID, external reference or "
            "tier. Idempotent: keys that match nothing are not errors. Any error "
            f"and nothing is deleted. {BATCH_DESCRIPTION} (keys)" + ADDED_IN_B2B_01
        )
