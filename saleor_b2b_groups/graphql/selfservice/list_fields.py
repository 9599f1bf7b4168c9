"""``me.requisitionLists``: the lists the buyer may read."""

from saleor.account.models import User as UserModel
from saleor.core.exceptions import PermissionDenied
from saleor.graphql.account.types import User
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.connection import create_connection_slice
from saleor.graphql.core.context import get_database_connection_name
from saleor.graphql.core.fields import ConnectionField
from saleor.graphql.utils import get_user_or_app_from_context
from saleor.permission.auth_filters import AuthorizationFilters

from ...selfservice.lists import readable_lists
from ...selfservice.models import RequisitionList as RequisitionListModel
from ..buyer import request_buyer
from ..core import ADDED_IN_B2B_01
from ..schema_extension import TypeExtension
from .types import RequisitionListCountableConnection


class UserRequisitionLists(TypeExtension):
    extends = User

    requisition_lists = ConnectionField(
        RequisitionListCountableConnection,
        description=(
            "The requisition lists the customer may read: their own and those "
            "shared with their groups (and, for a manager, with groups below "
            "theirs); most recently changed first. For the customer themself."
            + ADDED_IN_B2B_01
        ),
    )

    @staticmethod
    def resolve_requisition_lists(root: UserModel, info: ResolveInfo, **kwargs):
        requestor = get_user_or_app_from_context(info.context)
        if requestor is None or requestor != root:
            raise PermissionDenied(permissions=[AuthorizationFilters.OWNER])
        database = get_database_connection_name(info.context)
        buyer = request_buyer(info.context)
        qs = (
            readable_lists(buyer, database)
            if buyer is not None
            else RequisitionListModel.objects.using(database).none()
        )
        return create_connection_slice(
            qs.select_related("owner"), info, kwargs, RequisitionListCountableConnection
        )


TYPE_EXTENSIONS = [UserRequisitionLists]
