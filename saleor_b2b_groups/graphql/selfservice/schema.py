import graphene
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.context import get_database_connection_name
from saleor.graphql.core.doc_category import DOC_CATEGORY_CHECKOUT
from saleor.graphql.core.fields import PermissionsField
from saleor.permission.auth_filters import AuthorizationFilters

from ...selfservice.lists import readable_lists
from ..buyer import request_buyer
from ..core import ADDED_IN_B2B_01
from .mutations.base import pk_of
from .mutations.checkout_quick_order import CheckoutQuickOrder
from .mutations.requisition_list_add_to_checkout import RequisitionListAddToCheckout
from .mutations.requisition_list_create import RequisitionListCreate
from .mutations.requisition_list_delete import RequisitionListDelete
from .mutations.requisition_list_lines_add import RequisitionListLinesAdd
from .mutations.requisition_list_lines_delete import RequisitionListLinesDelete
from .mutations.requisition_list_lines_update import RequisitionListLinesUpdate
from .mutations.requisition_list_update import RequisitionListUpdate
from .types import RequisitionList


class SelfServiceQueries(graphene.ObjectType):
    requisition_list = PermissionsField(
        RequisitionList,
        id=graphene.Argument(graphene.ID, required=True, description="Its ID."),
        description=(
            "A requisition list the signed-in buyer may read (their own, or one "
            "shared with their group); null otherwise." + ADDED_IN_B2B_01
        ),
        permissions=[AuthorizationFilters.AUTHENTICATED_USER],
        doc_category=DOC_CATEGORY_CHECKOUT,
    )

    @staticmethod
    def resolve_requisition_list(_root, info: ResolveInfo, *, id):
        pk = pk_of(id, "RequisitionList", "id")
        buyer = request_buyer(info.context)
        if buyer is None:
            return None
        database = get_database_connection_name(info.context)
        lists = readable_lists(buyer, database).select_related("owner")
        return lists.filter(pk=pk).first()


class SelfServiceMutations(graphene.ObjectType):
    requisition_list_create = RequisitionListCreate.Field()
    requisition_list_update = RequisitionListUpdate.Field()
    requisition_list_delete = RequisitionListDelete.Field()
    requisition_list_lines_add = RequisitionListLinesAdd.Field()
    requisition_list_lines_update = RequisitionListLinesUpdate.Field()
    requisition_list_lines_delete = RequisitionListLinesDelete.Field()
    requisition_list_add_to_checkout = RequisitionListAddToCheckout.Field()
    checkout_quick_order = CheckoutQuickOrder.Field()
