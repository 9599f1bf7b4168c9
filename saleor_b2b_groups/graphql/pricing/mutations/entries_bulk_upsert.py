import graphene
from saleor.graphql.core.doc_category import DOC_CATEGORY_DISCOUNTS
from saleor.graphql.core.enums import ErrorPolicyEnum
from saleor.graphql.core.scalars import Decimal
from saleor.graphql.core.types import BaseInputObjectType, BaseObjectType, NonNullList

from ....pricing import bulk
from ....rows import read_entry_row
from ...core import ADDED_IN_B2B_01
from ..types import PriceListEntry
from .base import (
    BATCH_DESCRIPTION,
    ERROR_POLICY_DESCRIPTION,
    PriceListArguments,
    PriceListError,
    PriceListRowsUpsert,
)


class PriceListEntryBulkInput(BaseInputObjectType):
    variant = graphene.ID(description="The variant's ID.")
    variant_sku = graphene.String(description="Or the variant's SKU.")
    variant_external_reference = graphene.String(
        description="Or the variant's external reference."
    )
    min_quantity = graphene.Int(
        default_value=1,
        description="The tier: the price applies from this many units. Default: 1.",
    )
    price = Decimal(
        required=True,
        description="Unit price in the list's currency, before taxes; 0 or more.",
    )
    currency = graphene.String(
        description="Optional check: when given, must be the list's currency."
    )
    external_reference = graphene.String(
        description=(
            "The entry's key in the ERP. When given, the row updates the entry with "
            "this reference (which may move to another variant or tier)."
        )
    )

    class Meta:
        description = (
            "A fixed price: the variant by exactly one of `variant`, `variantSku`, "
            "`variantExternalReference`. The row updates the entry with its "
            "`externalReference`, else the entry at its variant and `minQuantity`, "
            "else creates one." + ADDED_IN_B2B_01
        )
        doc_category = DOC_CATEGORY_DISCOUNTS


class PriceListEntryBulkResult(BaseObjectType):
    entry = graphene.Field(
        PriceListEntry, description="The entry as stored; null when refused."
    )
    errors = NonNullList(
        PriceListError, required=True, description="Why the row was refused."
    )

    class Meta:
        doc_category = DOC_CATEGORY_DISCOUNTS


class PriceListEntriesBulkUpsert(PriceListRowsUpsert):
    results = NonNullList(
        PriceListEntryBulkResult,
        required=True,
        default_value=[],
        description="One per input row, in order.",
    )

    ROWS = "entries"
    RESULT = PriceListEntryBulkResult
    RESULT_FIELD = "entry"
    CHANGE = "entries_upserted"
    read_row = staticmethod(read_entry_row)
    upsert = staticmethod(bulk.upsert_entries)

    class Arguments(PriceListArguments):
        entries = NonNullList(
            PriceListEntryBulkInput,
            required=True,
            description="The fixed prices. " + BATCH_DESCRIPTION,
        )
        error_policy = ErrorPolicyEnum(  # type: ignore[operator]
            description=ERROR_POLICY_DESCRIPTION
        )

    class Meta:
        description = (
            "Creates or updates fixed prices (quantity tiers) of a price list. "
            "Idempotent: a row equal to what is stored writes nothing, so repeating "
            "a call changes nothing and returns the same. Each row's errors are in "
            "its result, and in `errors` with the row's `index` (with the errors "
            "of the whole call, which have none)." + ADDED_IN_B2B_01
        )
