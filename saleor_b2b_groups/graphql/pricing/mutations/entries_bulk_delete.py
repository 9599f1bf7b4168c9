import graphene
from django.core.exceptions import ValidationError
from django.db import transaction
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.doc_category import DOC_CATEGORY_DISCOUNTS
from saleor.graphql.core.mutations import BaseMutation
from saleor.graphql.core.types import BaseInputObjectType, NonNullList

from ....pricing import bulk, changes
from ....pricing.error_codes import PriceListErrorCode
from ...core import ADDED_IN_B2B_01
from ..types import PriceList
from .base import (
    BATCH_DESCRIPTION,
    PERMISSIONS,
    PriceListError,
    check_batch_size,
    decode_ids,
    error,
    get_price_list_or_error,
    raise_delete_errors,
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


class PriceListEntriesBulkDelete(BaseMutation):
    count = graphene.Int(required=True, default_value=0, description="Entries deleted.")
    price_list = graphene.Field(PriceList, description="The price list.")

    class Arguments:
        price_list = graphene.ID(description="ID of the price list.")
        price_list_external_reference = graphene.String(
            description="Or the price list's external reference."
        )
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
        doc_category = DOC_CATEGORY_DISCOUNTS
        permissions = PERMISSIONS
        error_type_class = PriceListError

    @classmethod
    def perform_mutation(  # type: ignore[override]
        cls,
        _root,
        info: ResolveInfo,
        /,
        *,
        price_list=None,
        price_list_external_reference=None,
        ids=None,
        external_references=None,
        tiers=None,
    ):
        found = get_price_list_or_error(
            id=price_list, external_reference=price_list_external_reference
        )
        ids, external_references, tiers = (
            ids or [],
            external_references or [],
            tiers or [],
        )
        check_batch_size(len(ids) + len(external_references) + len(tiers), "ids")
        with transaction.atomic():
            outcome = bulk.delete_entries(
                found,
                ids=decode_ids(ids, "PriceListEntry", "ids"),
                external_references=external_references,
                tiers=read_tiers(tiers),
            )
            raise_delete_errors(outcome)
            changes.price_lists_changed(
                [changes.PriceListChange(found, entries_deleted=outcome.deleted)]
            )
        return cls(count=len(outcome.deleted_ids), price_list=found)
