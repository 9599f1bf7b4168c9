import graphene
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.doc_category import DOC_CATEGORY_CHECKOUT
from saleor.graphql.core.mutations import BaseMutation
from saleor.permission.auth_filters import AuthorizationFilters

from ....selfservice.lists import ListChanges, ListError, update_list
from ...core import ADDED_IN_B2B_01
from ..types import RequisitionList, SelfServiceError
from .base import buyer_of, list_error, pk_of


class RequisitionListUpdateInput(graphene.InputObjectType):
    name = graphene.String(description="A new name.")
    group = graphene.ID(
        description=(
            "Share the list with this group of yours; null makes it private; "
            "omitted keeps the sharing. The owner only."
        )
    )

    class Meta:
        doc_category = DOC_CATEGORY_CHECKOUT


class RequisitionListUpdate(BaseMutation):
    requisition_list = graphene.Field(RequisitionList)

    class Arguments:
        id = graphene.ID(required=True, description="The list.")
        input = RequisitionListUpdateInput(required=True)

    class Meta:
        description = (
            "Renames a requisition list or changes its sharing (the owner; a shared "
            "list's group managers may rename it)." + ADDED_IN_B2B_01
        )
        doc_category = DOC_CATEGORY_CHECKOUT
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)
        error_type_class = SelfServiceError
        error_type_field = "self_service_errors"

    @classmethod
    def perform_mutation(cls, _root, info: ResolveInfo, /, *, id, input):  # type: ignore[override]
        buyer = buyer_of(info)
        pk = pk_of(id, "RequisitionList", "id")
        share = "group" in input
        group = input.get("group")
        changes = ListChanges(
            name=input.get("name"),
            share=share,
            group_id=pk_of(group, "CustomerGroup", "group") if group else None,
        )
        try:
            updated = update_list(buyer, pk, changes)
        except ListError as e:
            raise list_error(e) from e
        return cls(requisition_list=updated)
