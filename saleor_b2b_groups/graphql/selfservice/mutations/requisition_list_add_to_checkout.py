import graphene
from saleor.graphql.checkout.types import Checkout
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.doc_category import DOC_CATEGORY_CHECKOUT
from saleor.graphql.core.mutations import BaseMutation
from saleor.graphql.core.types import NonNullList
from saleor.permission.auth_filters import AuthorizationFilters

from ....selfservice import MAX_ROWS
from ....selfservice.error_codes import SelfServiceErrorCode as Code
from ....selfservice.lists import ListError, list_to_read, rows_of
from ...core import ADDED_IN_B2B_01
from ..checkout_lines import add_rows, own_checkout
from ..enums import PARTIAL, AddRowsMode
from ..types import SelfServiceError, SelfServiceRowResult
from .base import buyer_of, error, list_error, pk_of


class RequisitionListAddToCheckout(BaseMutation):
    checkout = graphene.Field(Checkout)
    results = NonNullList(SelfServiceRowResult, description="One result per line.")

    class Arguments:
        id = graphene.ID(required=True, description="A list you may read.")
        checkout_id = graphene.ID(required=True, description="Your checkout.")
        line_ids = NonNullList(
            graphene.ID, description="Only these lines; omitted: the whole list."
        )
        mode = AddRowsMode(
            description="PARTIAL (default) or ALL_OR_NOTHING.",
            default_value=PARTIAL,
        )

    class Meta:
        description = (
            "Adds a requisition list (or chosen lines) to the buyer's own checkout "
            "at the buyer's prices. Lines hidden from the buyer, unavailable in the "
            "checkout's channel, out of stock or against quantity rules are "
            "reported with a code and left out, or refuse the whole list "
            "(ALL_OR_NOTHING)." + ADDED_IN_B2B_01
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
        checkout_id,
        line_ids=None,
        mode=PARTIAL,
    ):
        buyer = buyer_of(info)
        pk = pk_of(id, "RequisitionList", "id")
        if line_ids is not None and len(line_ids) > MAX_ROWS:
            raise error("lineIds", f"At most {MAX_ROWS} lines.", Code.TOO_MANY)
        chosen = (
            [pk_of(line, "RequisitionListLine", "lineIds") for line in line_ids]
            if line_ids is not None
            else None
        )
        try:
            found = list_to_read(buyer, pk)
        except ListError as e:
            raise list_error(e) from e
        checkout = own_checkout(info, checkout_id)
        rows = rows_of(found, chosen)
        if chosen is not None and len(rows) != len(set(chosen)):
            raise error("lineIds", "No such line on the list.", Code.NOT_FOUND)
        result, results = add_rows(info, buyer, checkout, rows, mode)
        return cls(checkout=result, results=results)
