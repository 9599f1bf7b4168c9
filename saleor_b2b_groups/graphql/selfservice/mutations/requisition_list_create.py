import graphene
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.doc_category import DOC_CATEGORY_CHECKOUT
from saleor.graphql.core.mutations import BaseMutation
from saleor.permission.auth_filters import AuthorizationFilters

from ....selfservice.lists import ListError, create_list
from ...core import ADDED_IN_B2B_01
from ..types import RequisitionList, SelfServiceError
from .base import buyer_of, list_error, pk_of


class RequisitionListCreateInput(graphene.InputObjectType):
    name = graphene.String(required=True, description="The list's name.")
    group = graphene.ID(
        description="Share the list with this group of yours; omit for a private list."
    )

    class Meta:
        doc_category = DOC_CATEGORY_CHECKOUT


class RequisitionListCreate(BaseMutation):
    requisition_list = graphene.Field(RequisitionList)

    class Arguments:
        input = RequisitionListCreateInput(required=True)

    class Meta:
        description = "Creates a requisition list of the signed-in buyer." + (
            ADDED_IN_B2B_01
        )
        doc_category = DOC_CATEGORY_CHECKOUT
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)
        error_type_class = SelfServiceError
        error_type_field = "self_service_errors"

    @classmethod
    def perform_mutation(cls, _root, info: ResolveInfo, /, *, input):  # type: ignore[override]
        buyer = buyer_of(info)
        group = (
            pk_of(input["group"], "CustomerGroup", "group")
            if input.get("group")
            else None
        )
        try:
            created = create_list(buyer, input.get("name"), group)
        except ListError as e:
            raise list_error(e) from e
        return cls(requisition_list=created)
