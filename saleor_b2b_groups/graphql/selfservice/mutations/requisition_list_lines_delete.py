import graphene
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.doc_category import DOC_CATEGORY_CHECKOUT
from saleor.graphql.core.mutations import BaseMutation
from saleor.graphql.core.types import NonNullList
from saleor.permission.auth_filters import AuthorizationFilters

from ....selfservice import MAX_ROWS
from ....selfservice.error_codes import SelfServiceErrorCode as Code
from ....selfservice.lists import ListError, delete_lines
from ...core import ADDED_IN_B2B_01
from ..types import RequisitionList, SelfServiceError
from .base import buyer_of, error, list_error, pk_of


class RequisitionListLinesDelete(BaseMutation):
    requisition_list = graphene.Field(RequisitionList)

    class Arguments:
        id = graphene.ID(required=True, description="The list.")
        line_ids = NonNullList(graphene.ID, required=True, description="The lines.")

    class Meta:
        description = "Removes lines from a requisition list." + ADDED_IN_B2B_01
        doc_category = DOC_CATEGORY_CHECKOUT
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)
        error_type_class = SelfServiceError
        error_type_field = "self_service_errors"

    @classmethod
    def perform_mutation(cls, _root, info: ResolveInfo, /, *, id, line_ids):  # type: ignore[override]
        buyer = buyer_of(info)
        pk = pk_of(id, "RequisitionList", "id")
        if len(line_ids) > MAX_ROWS:
            raise error("lineIds", f"At most {MAX_ROWS} lines.", Code.TOO_MANY)
        pks = [pk_of(line, "RequisitionListLine", "lineIds") for line in line_ids]
        try:
            updated = delete_lines(buyer, pk, pks)
        except ListError as e:
            raise list_error(e) from e
        return cls(requisition_list=updated)
