"""``priceListBulkUpsert``: whole price lists by external reference, idempotent.

The work is ``pricing.bulk.price_lists.upsert_price_lists`` (shared with
``b2b_import``); entries and rules read as ``priceListEntriesBulkUpsert`` and
``priceListRulesBulkUpsert`` read them.
"""

import graphene
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.doc_category import DOC_CATEGORY_DISCOUNTS
from saleor.graphql.core.enums import ErrorPolicyEnum
from saleor.graphql.core.mutations import BaseMutation
from saleor.graphql.core.scalars import DateTime
from saleor.graphql.core.types import BaseInputObjectType, NonNullList

from ...pricing.bulk import MAX_ROWS, TooManyRows
from ...pricing.bulk.price_lists import (
    MAX_PRICE_LISTS,
    upsert_price_lists,
)
from ...pricing.error_codes import PriceListErrorCode
from ...rows import read_price_list_row
from ..core import ADDED_IN_B2B_01
from ..pricing.enums import PriceListErrorCodeEnum
from ..pricing.mutations.base import PERMISSIONS, all_or_nothing
from ..pricing.mutations.entries_bulk_upsert import PriceListEntryBulkInput
from ..pricing.mutations.rules_bulk_upsert import PriceListRuleBulkInput
from ..pricing.types import PriceList


class PriceListBulkError(graphene.ObjectType):
    path = graphene.String(
        description="Where in the row: `name`, `entries.3.price`, `groups.0...`."
    )
    message = graphene.String(description="What is wrong.")
    code = PriceListErrorCodeEnum(required=True, description="The error code.")

    class Meta:
        doc_category = DOC_CATEGORY_DISCOUNTS


class PriceListGroupBulkInput(BaseInputObjectType):
    group_external_reference = graphene.String(
        required=True, description="The group's external reference."
    )
    priority = graphene.Int(
        default_value=0, description="Higher wins under PRIORITY. Default: 0."
    )

    class Meta:
        doc_category = DOC_CATEGORY_DISCOUNTS


class PriceListBulkInput(BaseInputObjectType):
    external_reference = graphene.String(
        required=True, description="The list's key in the ERP: the upsert key."
    )
    name = graphene.String(required=True, description="Name of the price list.")
    channel = graphene.String(
        description="The channel's slug: required for a new list; a list stays in it."
    )
    slug = graphene.String(description="Slug for a new list; from the reference.")
    currency = graphene.String(description="Optional check: the channel's currency.")
    is_active = graphene.Boolean(default_value=True, description="Default: true.")
    valid_from = DateTime(description="No price before this time; null: no limit.")
    valid_to = DateTime(description="No price from this time on; null: no limit.")
    cap_at_channel_price = graphene.Boolean(
        default_value=False,
        description="Never above the channel price. Default: false.",
    )
    entries = NonNullList(
        PriceListEntryBulkInput, description="Fixed prices to upsert; others are kept."
    )
    rules = NonNullList(
        PriceListRuleBulkInput, description="Percentage rules to upsert; others kept."
    )
    groups = NonNullList(
        PriceListGroupBulkInput, description="Groups to give the list to; others kept."
    )

    class Meta:
        description = (
            "A price list in full: its fields (omitted ones take their defaults), "
            "and the entries, rules and groups to upsert." + ADDED_IN_B2B_01
        )
        doc_category = DOC_CATEGORY_DISCOUNTS


class PriceListBulkResult(graphene.ObjectType):
    price_list = graphene.Field(
        PriceList, description="The list as stored; null when refused."
    )
    errors = NonNullList(
        PriceListBulkError, required=True, description="The row's errors."
    )

    class Meta:
        doc_category = DOC_CATEGORY_DISCOUNTS


class PriceListBulkUpsert(BaseMutation):
    count = graphene.Int(
        required=True,
        description="Lists stored as asked, with all their entries, rules, groups.",
    )
    results = NonNullList(
        PriceListBulkResult, required=True, description="One per input row, in order."
    )

    class Arguments:
        price_lists = NonNullList(
            PriceListBulkInput,
            required=True,
            description=(
                f"Up to {MAX_PRICE_LISTS} lists, with up to {MAX_ROWS} entries, "
                "rules and groups in all."
            ),
        )
        error_policy = graphene.Argument(
            ErrorPolicyEnum,
            description=(
                "REJECT_EVERYTHING (default): any error and nothing is written. "
                "REJECT_FAILED_ROWS: a list whose own fields fail is skipped whole; "
                "failed entries, rules and groups are skipped one by one."
            ),
        )

    class Meta:
        description = (
            "Creates or updates price lists by external reference, with their fixed "
            "prices, percentage rules and groups; repeating a call changes nothing."
            + ADDED_IN_B2B_01
        )
        doc_category = DOC_CATEGORY_DISCOUNTS
        permissions = PERMISSIONS
        error_type_class = PriceListBulkError
        error_type_field = "bulk_errors"

    @classmethod
    def perform_mutation(  # type: ignore[override]
        cls, _root, info: ResolveInfo, /, *, price_lists, error_policy=None
    ):
        rows = [read_price_list_row(row) for row in price_lists]
        try:
            outcome = upsert_price_lists(
                rows, all_or_nothing=all_or_nothing(error_policy)
            )
        except TooManyRows as e:
            error = PriceListBulkError(
                path="priceLists",
                message=f"{e} Split the import.",
                code=PriceListErrorCode.TOO_MANY_ROWS.value,
            )
            return cls(count=0, results=[], errors=[error])
        return cls(
            count=outcome.count,
            results=[
                PriceListBulkResult(
                    price_list=row.price_list,
                    errors=[
                        PriceListBulkError(
                            path=path, message=e.message, code=e.code.value
                        )
                        for path, e in row.error_paths()
                    ],
                )
                for row in outcome.rows
            ],
        )
