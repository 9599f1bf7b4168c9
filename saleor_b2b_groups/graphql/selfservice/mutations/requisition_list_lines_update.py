import graphene
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.doc_category import DOC_CATEGORY_CHECKOUT
from saleor.graphql.core.mutations import BaseMutation
from saleor.graphql.core.types import NonNullList
from saleor.permission.auth_filters import AuthorizationFilters

from ....selfservice import MAX_ROWS
from ....selfservice.error_codes import SelfServiceErrorCode as Code
from ....selfservice.lists import LineChange, ListError, update_lines
from ...core import ADDED_IN_B2B_01
from ..types import RequisitionList, SelfServiceError
from .base import buyer_of, error, list_error, pk_of


class RequisitionListLineUpdateInput(graphene.InputObjectType):
    line_id = graphene.ID(required=True, description="The line.")
    quantity = graphene.Int(description="A new quantity, from 1.")
    note = graphene.String(description="A new note.")

    class Meta:
        doc_category = DOC_CATEGORY_CHECKOUT


class RequisitionListLinesUpdate(BaseMutation):
    requisition_list = graphene.Field(RequisitionList)

    class Arguments:
        id = graphene.ID(required=True, description="The list.")
        lines = NonNullList(
            RequisitionListLineUpdateInput, required=True, description="The changes."
        )

    class Meta:
        description = (
            "Changes the quantity or note of lines of a requisition list; all or "
            "nothing." + ADDED_IN_B2B_01
        )
        doc_category = DOC_CATEGORY_CHECKOUT
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)
        error_type_class = SelfServiceError
        error_type_field = "self_service_errors"

    @classmethod
    def perform_mutation(cls, _root, info: ResolveInfo, /, *, id, lines):  # type: ignore[override]
        buyer = buyer_of(info)
        pk = pk_of(id, "RequisitionList", "id")
        if len(lines) > MAX_ROWS:
            raise error("lines", f"At most {MAX_ROWS} rows.", Code.TOO_MANY)
        changes = [
            LineChange(
                line_id=pk_of(line["line_id"], "RequisitionListLine", "lines"),
                quantity=line.get("quantity"),
                note=line.get("note"),
            )
            for line in lines
        ]
        try:
            updated = update_lines(buyer, pk, changes)
        except ListError as e:
            raise list_error(e) from e
        return cls(requisition_list=updated)
