"""The row format of the bulk API and of import files, read into domain rows.

``customerGroupMembershipBulkUpsert``, ``priceListBulkUpsert`` and its entry and
rule mutations take rows in this shape, and ``b2b_import`` reads the same rows from
files (snake_case keys, global IDs): one reader per kind of row serves both, so a
file row means exactly what the same row means in the API. A malformed ID is an
error of its row, never of the whole call.
"""

from .groups.bulk import MembershipRow, row_error
from .ids import InvalidId, decode_int, pk_of
from .pricing import DiscountScope
from .pricing import bulk as pricing_bulk
from .pricing.bulk.price_lists import AssignmentRow, PriceListRow
from .pricing.error_codes import PriceListErrorCode
from .webhooks.error_codes import ErpIntegrationErrorCode

#: The kinds of object a price list rule's ``target`` may name, and their scope.
TARGET_SCOPES = {
    "ProductVariant": DiscountScope.VARIANT,
    "Product": DiscountScope.PRODUCT,
    "Category": DiscountScope.CATEGORY,
    "Collection": DiscountScope.COLLECTION,
}


def _membership_id(
    global_id: str | None, type_name: str, path: str, errors: list[dict]
) -> int | None:
    if global_id is None:
        return None
    try:
        return pk_of(global_id, type_name)
    except InvalidId as e:
        errors.append(row_error(path, str(e), ErpIntegrationErrorCode.GRAPHQL_ERROR))
        return None


def _stripped(value: str | None) -> str | None:
    return (value or "").strip() or None


def read_membership_row(data: dict) -> MembershipRow:
    errors: list[dict] = []
    return MembershipRow(
        group_external_reference=_stripped(data.get("group_external_reference")),
        group_id=_membership_id(data.get("group"), "CustomerGroup", "group", errors),
        customer_email=_stripped(data.get("customer_email")),
        customer_external_reference=_stripped(data.get("customer_external_reference")),
        customer_id=_membership_id(data.get("customer"), "User", "customer", errors),
        role=data.get("role"),
        errors=errors,
    )


def read_target(global_id: str | None) -> tuple[str | None, int | None]:
    """(scope the target's kind stands for, its id); ``InvalidId`` if malformed."""
    if global_id is None:
        return None, None
    type_name, pk = decode_int(global_id, *TARGET_SCOPES)
    return TARGET_SCOPES[type_name], pk


def read_entry_row(data: dict) -> pricing_bulk.EntryRow:
    errors: list[pricing_bulk.RowError] = []
    variant_id = None
    if data.get("variant") is not None:
        try:
            variant_id = pk_of(data["variant"], "ProductVariant")
        except InvalidId as e:
            errors.append(
                pricing_bulk.RowError(
                    "variant", str(e), PriceListErrorCode.GRAPHQL_ERROR
                )
            )
    return pricing_bulk.EntryRow(
        price_amount=data.get("price"),
        min_quantity=data.get("min_quantity", 1),  # type: ignore[arg-type]
        variant_id=variant_id,
        variant_sku=data.get("variant_sku"),
        variant_external_reference=data.get("variant_external_reference"),
        currency=data.get("currency"),
        external_reference=_stripped(data.get("external_reference")),
        errors=errors,
    )


def read_rule_row(data: dict) -> pricing_bulk.RuleRow:
    errors: list[pricing_bulk.RowError] = []
    try:
        target_scope, target_id = read_target(data.get("target"))
    except InvalidId as e:
        target_scope, target_id = None, None
        errors.append(
            pricing_bulk.RowError("target", str(e), PriceListErrorCode.GRAPHQL_ERROR)
        )
    return pricing_bulk.RuleRow(
        scope=data.get("scope"),
        percentage=data.get("percentage"),
        target_id=target_id,
        target_scope=target_scope,
        external_reference=_stripped(data.get("external_reference")),
        errors=errors,
    )


def read_price_list_row(data: dict) -> PriceListRow:
    return PriceListRow(
        external_reference=data.get("external_reference"),
        name=data.get("name"),
        channel=_stripped(data.get("channel")),
        slug=data.get("slug"),
        currency=data.get("currency"),
        is_active=data.get("is_active", True),
        valid_from=data.get("valid_from"),
        valid_to=data.get("valid_to"),
        cap_at_channel_price=data.get("cap_at_channel_price", False),
        entries=[read_entry_row(row) for row in data.get("entries") or []],
        rules=[read_rule_row(row) for row in data.get("rules") or []],
        groups=[
            AssignmentRow(row.get("group_external_reference"), row.get("priority", 0))
            for row in data.get("groups") or []
        ],
    )
