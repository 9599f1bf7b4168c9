"""A buyer's own requests and an approver's queue, on Saleor's ``User`` (``me``)."""

from django.utils import timezone
from saleor.account.models import User as UserModel
from saleor.core.exceptions import PermissionDenied
from saleor.graphql.account.types import User
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.connection import create_connection_slice
from saleor.graphql.core.context import get_database_connection_name
from saleor.graphql.core.fields import ConnectionField
from saleor.graphql.utils import get_user_or_app_from_context
from saleor.permission.auth_filters import AuthorizationFilters
from saleor.permission.enums import CheckoutPermissions

from ...approvals.models import CheckoutApproval as CheckoutApprovalModel
from ...approvals.queue import decidable_by
from ...buyers.context import of_customer
from ..core import ADDED_IN_B2B_01, plugin_active
from ..schema_extension import TypeExtension
from .types import CheckoutApprovalCountableConnection


def _is_self(root: UserModel, info: ResolveInfo) -> bool:
    requestor = get_user_or_app_from_context(info.context)
    return bool(requestor) and requestor == root


def _slice(qs, info: ResolveInfo, kwargs):
    return create_connection_slice(
        qs, info, kwargs, CheckoutApprovalCountableConnection
    )


class UserCheckoutApprovals(TypeExtension):
    extends = User

    checkout_approvals = ConnectionField(
        CheckoutApprovalCountableConnection,
        description=(
            "The approval requests the customer made, newest first. For the "
            "customer themself (none while the plugin is inactive) and for staff "
            "and apps with MANAGE_CHECKOUTS." + ADDED_IN_B2B_01
        ),
    )
    checkout_approval_queue = ConnectionField(
        CheckoutApprovalCountableConnection,
        description=(
            "Requests waiting at a level the user may decide now: they hold the "
            "level's role in its group, did not request it and did not decide an "
            "earlier level. Newest first. For the user themself only." + ADDED_IN_B2B_01
        ),
    )

    @staticmethod
    def resolve_checkout_approvals(root: UserModel, info: ResolveInfo, **kwargs):
        requestor = get_user_or_app_from_context(info.context)
        is_self = _is_self(root, info)
        if not is_self and not (
            requestor and requestor.has_perm(CheckoutPermissions.MANAGE_CHECKOUTS)
        ):
            raise PermissionDenied(
                permissions=[
                    AuthorizationFilters.OWNER,
                    CheckoutPermissions.MANAGE_CHECKOUTS,
                ]
            )
        qs = CheckoutApprovalModel.objects.using(
            get_database_connection_name(info.context)
        ).select_related("group")
        if is_self and not plugin_active(info):
            return _slice(qs.none(), info, kwargs)
        return _slice(qs.filter(requested_by_id=root.pk), info, kwargs)

    @staticmethod
    def resolve_checkout_approval_queue(root: UserModel, info: ResolveInfo, **kwargs):
        if not _is_self(root, info):
            raise PermissionDenied(permissions=[AuthorizationFilters.OWNER])
        database = get_database_connection_name(info.context)
        qs = CheckoutApprovalModel.objects.using(database).select_related("group")
        if not plugin_active(info):
            return _slice(qs.none(), info, kwargs)
        groups = of_customer(root.pk, database).all_groups
        return _slice(decidable_by(qs, groups, timezone.now()), info, kwargs)
