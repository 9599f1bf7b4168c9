import graphene
from saleor.account.models import User as UserModel
from saleor.core.exceptions import PermissionDenied
from saleor.graphql.account.types import User
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.context import get_database_connection_name
from saleor.graphql.utils import get_user_or_app_from_context
from saleor.permission.auth_filters import AuthorizationFilters
from saleor.permission.enums import AccountPermissions
from saleor.permission.utils import one_of_permissions_or_auth_filter_required

from ...buyers.context import of_customer
from ..buyer import request_buyer
from ..core import ADDED_IN_B2B_01, is_plugin_active_in_request
from ..groups.types import CustomerGroup
from ..schema_extension import TypeExtension


class UserPurchasingGroup(TypeExtension):
    extends = User

    purchasing_group = graphene.Field(
        CustomerGroup,
        description=(
            "The group the customer buys for: the one they selected "
            "(purchasingGroupSelect) or their only group; null with several groups "
            "and none selected, or while the plugin is inactive. Readable by the "
            f"customer themself and by staff and apps with "
            f"{AccountPermissions.MANAGE_USERS.name}." + ADDED_IN_B2B_01
        ),
    )

    @staticmethod
    def resolve_purchasing_group(root: UserModel, info: ResolveInfo):
        requestor = get_user_or_app_from_context(info.context)
        if requestor is not None and requestor == root:
            buyer = request_buyer(info.context)
            return buyer.purchasing_group if buyer is not None else None
        if not one_of_permissions_or_auth_filter_required(
            info.context, [AccountPermissions.MANAGE_USERS]
        ):
            raise PermissionDenied(
                permissions=[
                    AuthorizationFilters.OWNER,
                    AccountPermissions.MANAGE_USERS,
                ]
            )
        if not is_plugin_active_in_request(info.context):
            return None
        database = get_database_connection_name(info.context)
        return of_customer(root.pk, database).purchasing_group
