import uuid

import graphene
from saleor.checkout.models import Checkout, CheckoutLine
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.doc_category import DOC_CATEGORY_CHECKOUT
from saleor.graphql.core.mutations import BaseMutation
from saleor.graphql.core.types import NonNullList
from saleor.graphql.core.utils import from_global_id_or_error
from saleor.order.models import OrderLine
from saleor.permission.auth_filters import AuthorizationFilters

from ....selfservice import MAX_ROWS
from ....selfservice.error_codes import SelfServiceErrorCode as Code
from ....selfservice.lists import ListError, add_lines
from ....selfservice.orders import visible_orders
from ....selfservice.rows import Row
from ...core import ADDED_IN_B2B_01
from ..types import RequisitionList, SelfServiceError, SelfServiceRowResult
from .base import buyer_of, error, list_error, pk_of


class RequisitionListLineInput(graphene.InputObjectType):
    variant_id = graphene.ID(description="The variant; or give its SKU.")
    sku = graphene.String(description="The variant's SKU; or give its ID.")
    quantity = graphene.Int(required=True, description="How many, from 1.")
    note = graphene.String(description="A note for this line.")

    class Meta:
        doc_category = DOC_CATEGORY_CHECKOUT


def _uuid_of(global_id: str, type_name: str, field: str) -> str:
    try:
        _, pk = from_global_id_or_error(global_id, type_name, raise_error=True)
        return str(uuid.UUID(str(pk)))
    except Exception as e:
        raise error(
            field, f"Expected the ID of a {type_name}.", Code.GRAPHQL_ERROR
        ) from e


def _rows_from_input(lines) -> list[Row]:
    rows = []
    for number, line in enumerate(lines, start=1):
        variant = line.get("variant_id")
        sku = line.get("sku")
        if bool(variant) == bool(sku):
            raise error(
                "lines", f"Row {number}: give a variantId or a SKU.", Code.REQUIRED
            )
        rows.append(
            Row(
                number=number,
                quantity=line.get("quantity"),
                sku=sku.strip() if sku else None,
                variant_id=pk_of(variant, "ProductVariant", "lines")
                if variant
                else None,
                note=line.get("note") or "",
            )
        )
    return rows


def _rows_from_order(buyer, global_id: str) -> list[Row]:
    pk = _uuid_of(global_id, "Order", "fromOrder")
    if not visible_orders(buyer).filter(pk=pk).exists():
        raise error("fromOrder", "No such order.", Code.NOT_FOUND)
    lines = OrderLine.objects.filter(order_id=pk, variant_id__isnull=False).order_by(
        "pk"
    )
    return [
        Row(number=n, quantity=line.quantity, variant_id=line.variant_id)
        for n, line in enumerate(lines, start=1)
    ]


def _rows_from_checkout(user, global_id: str) -> list[Row]:
    pk = _uuid_of(global_id, "Checkout", "fromCheckout")
    if not Checkout.objects.filter(pk=pk, user_id=user.pk).exists():
        raise error("fromCheckout", "No such checkout.", Code.NOT_FOUND)
    lines = CheckoutLine.objects.filter(checkout_id=pk).order_by("created_at", "pk")
    return [
        Row(number=n, quantity=line.quantity, variant_id=line.variant_id)
        for n, line in enumerate(lines, start=1)
    ]


class RequisitionListLinesAdd(BaseMutation):
    requisition_list = graphene.Field(RequisitionList)
    results = NonNullList(
        SelfServiceRowResult,
        description="One result per row; refused rows were left out.",
    )

    class Arguments:
        id = graphene.ID(required=True, description="The list.")
        lines = NonNullList(
            RequisitionListLineInput, description=f"Up to {MAX_ROWS} rows."
        )
        from_order = graphene.ID(
            description="Copy the lines of this order (one you may see)."
        )
        from_checkout = graphene.ID(description="Copy the lines of your checkout.")

    class Meta:
        description = (
            "Adds lines to a requisition list by variant ID or SKU, or copies an "
            "order or a checkout into it. A variant already on the list gets the "
            "quantity added. Hidden products are refused per row (by SKU exactly "
            "as an unknown SKU)." + ADDED_IN_B2B_01
        )
        doc_category = DOC_CATEGORY_CHECKOUT
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)
        error_type_class = SelfServiceError
        error_type_field = "self_service_errors"

    @classmethod
    def perform_mutation(  # type: ignore[override]
        cls,
        _root,
        info: ResolveInfo,
        /,
        *,
        id,
        lines=None,
        from_order=None,
        from_checkout=None,
    ):
        buyer = buyer_of(info)
        pk = pk_of(id, "RequisitionList", "id")
        sources = [s for s in (lines, from_order, from_checkout) if s]
        if len(sources) != 1:
            raise error(
                "lines", "Give lines, fromOrder or fromCheckout.", Code.REQUIRED
            )
        if lines is not None and len(lines) > MAX_ROWS:
            raise error("lines", f"At most {MAX_ROWS} rows.", Code.TOO_MANY)
        user = info.context.user
        if lines:
            rows = _rows_from_input(lines)
        elif from_order:
            rows = _rows_from_order(buyer, from_order)
        else:
            rows = _rows_from_checkout(user, from_checkout)
        try:
            found, results = add_lines(buyer, user, pk, rows)
        except ListError as e:
            raise list_error(e) from e
        return cls(requisition_list=found, results=results)
