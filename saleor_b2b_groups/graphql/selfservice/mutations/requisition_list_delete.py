import graphene
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.doc_category import DOC_CATEGORY_CHECKOUT
from saleor.graphql.core.mutations import BaseMutation
from saleor.permission.auth_filters import AuthorizationFilters

from ....selfservice.lists import ListError, delete_list
from ...core import ADDED_IN_B2B_01
from ..types import SelfServiceError
from .base import buyer_of, list_error, pk_of


class RequisitionListDelete(BaseMutation):
    deleted_id = graphene.ID(description="The deleted list's ID.")

    class Arguments:
        id = graphene.ID(required=True, description="The list.")

    class Meta:
        description = (
            "Deletes a requisition list (its owner, or a manager of the group it is "
            "shared with)." + ADDED_IN_B2B_01
        )
        doc_category = DOC_CATEGORY_CHECKOUT
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)
        error_type_class = SelfServiceError
        error_type_field = "self_service_errors"

    @classmethod
    def perform_mutation(cls, _root, info: ResolveInfo, /, *, id):  # type: ignore[override]
        buyer = buyer_of(info)
        pk = pk_of(id, "RequisitionList", "id")
        try:
            delete_list(buyer, pk)
        except ListError as e:
            raise list_error(e) from e
        return cls(deleted_id=id)
