import graphene
from saleor.graphql.checkout.types import Checkout
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.doc_category import DOC_CATEGORY_CHECKOUT
from saleor.graphql.core.mutations import BaseMutation
from saleor.graphql.core.types import NonNullList, Upload
from saleor.permission.auth_filters import AuthorizationFilters

from ....selfservice import MAX_CSV_BYTES, MAX_ROWS
from ....selfservice.csv_rows import CsvError, parse_csv, read_upload
from ....selfservice.error_codes import SelfServiceErrorCode as Code
from ....selfservice.rows import Row, RowResult
from ...core import ADDED_IN_B2B_01
from ..checkout_lines import add_rows, own_checkout
from ..enums import PARTIAL, AddRowsMode
from ..types import SelfServiceError, SelfServiceRowResult
from .base import buyer_of, error


class QuickOrderRowInput(graphene.InputObjectType):
    sku = graphene.String(required=True, description="The variant's SKU.")
    quantity = graphene.Int(required=True, description="How many, from 1.")

    class Meta:
        doc_category = DOC_CATEGORY_CHECKOUT


class CheckoutQuickOrder(BaseMutation):
    checkout = graphene.Field(Checkout)
    results = NonNullList(SelfServiceRowResult, description="One result per row.")

    class Arguments:
        checkout_id = graphene.ID(required=True, description="Your checkout.")
        rows = NonNullList(QuickOrderRowInput, description=f"Up to {MAX_ROWS} rows.")
        file = Upload(
            description=(
                f"A CSV file (SKU, quantity; up to {MAX_ROWS} rows and "
                f"{MAX_CSV_BYTES} bytes), sent as a multipart request."
            )
        )
        mode = AddRowsMode(
            description="PARTIAL (default) or ALL_OR_NOTHING.",
            default_value=PARTIAL,
        )

    class Meta:
        description = (
            "Adds lines to the buyer's own checkout by SKU and quantity, typed or "
            "from a CSV file, at the buyer's prices. Each row is reported: unknown "
            "SKUs (hidden products alike), bad quantities, repeated SKUs, products "
            "unavailable in the channel, out of stock or against quantity rules "
            "are left out with a code, or refuse the whole order (ALL_OR_NOTHING)."
            + ADDED_IN_B2B_01
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
        checkout_id,
        rows=None,
        file=None,
        mode=PARTIAL,
    ):
        buyer = buyer_of(info)
        if bool(rows) == bool(file):
            raise error("rows", "Give rows or a file.", Code.REQUIRED)
        refused_early = []
        if rows:
            if len(rows) > MAX_ROWS:
                raise error("rows", f"At most {MAX_ROWS} rows.", Code.TOO_MANY)
            to_check = []
            for number, row in enumerate(rows, start=1):
                sku = row["sku"].strip()
                if sku:
                    to_check.append(Row(number, row["quantity"], sku=sku))
                else:
                    refused_early.append(
                        RowResult(
                            number,
                            None,
                            None,
                            row["quantity"],
                            Code.REQUIRED,
                            "The SKU is missing.",
                        )
                    )
        else:
            upload = info.context.FILES.get(file)
            if upload is None:
                raise error("file", "No file was uploaded.", Code.REQUIRED)
            try:
                to_check, refused_early = parse_csv(read_upload(upload))
            except CsvError as e:
                raise error("file", e.message, e.code) from e
        checkout = own_checkout(info, checkout_id)
        result, results = add_rows(
            info, buyer, checkout, to_check, mode, others_refused=bool(refused_early)
        )
        results = sorted([*results, *refused_early], key=lambda r: r.number)
        return cls(checkout=result, results=results)
