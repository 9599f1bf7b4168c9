from saleor.account.models import User as UserModel
from saleor.core.exceptions import PermissionDenied
from saleor.graphql.account.types import User
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.types import NonNullList
from saleor.graphql.utils import get_user_or_app_from_context
from saleor.permission.auth_filters import AuthorizationFilters
from saleor.permission.enums import AccountPermissions
from saleor.permission.utils import one_of_permissions_or_auth_filter_required

from ..core import ADDED_IN_B2B_01, plugin_active_promise
from ..schema_extension import TypeExtension
from .dataloaders import MembershipsByUserIdLoader
from .types import CustomerGroupMembership


class UserCustomerGroups(TypeExtension):
    extends = User

    customer_groups = NonNullList(
        CustomerGroupMembership,
        required=True,
        description=(
            "The customer's group memberships, with their roles. Readable by the "
            "customer themself (empty while the plugin is inactive) and by staff and "
            f"apps with {AccountPermissions.MANAGE_USERS.name}." + ADDED_IN_B2B_01
        ),
    )

    @staticmethod
    def resolve_customer_groups(root: UserModel, info: ResolveInfo):
        requestor = get_user_or_app_from_context(info.context)
        is_admin = one_of_permissions_or_auth_filter_required(
            info.context, [AccountPermissions.MANAGE_USERS]
        )
        if is_admin:
            return MembershipsByUserIdLoader(info.context).load(root.pk)
        if requestor is None or requestor != root:
            raise PermissionDenied(
                permissions=[
                    AuthorizationFilters.OWNER,
                    AccountPermissions.MANAGE_USERS,
                ]
            )

        def own_memberships(active: bool):
            if not active:
                return []
            return MembershipsByUserIdLoader(info.context).load(root.pk)

        return plugin_active_promise(info.context).then(own_memberships)
