import graphene
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.connection import (
    create_connection_slice,
    filter_connection_queryset,
)
from saleor.graphql.core.context import get_database_connection_name
from saleor.graphql.core.doc_category import DOC_CATEGORY_CHECKOUT
from saleor.graphql.core.fields import BaseField, FilterConnectionField
from saleor.graphql.core.utils import from_global_id_or_error
from saleor.permission.enums import CheckoutPermissions

from ...approvals.eligibility import can_see
from ...approvals.models import CheckoutApproval as CheckoutApprovalModel
from ..core import ADDED_IN_B2B_01
from .actor import request_actor
from .dataloaders import ApprovalViewByApprovalLoader
from .filters import CheckoutApprovalFilterInput
from .mutations.approve import CheckoutApprove
from .mutations.reject import CheckoutReject
from .mutations.request import CheckoutApprovalRequest
from .sorters import CheckoutApprovalSortingInput
from .types import CheckoutApproval, CheckoutApprovalCountableConnection


class CheckoutApprovalQueries(graphene.ObjectType):
    checkout_approvals = FilterConnectionField(
        CheckoutApprovalCountableConnection,
        filter=CheckoutApprovalFilterInput(description="Filtering options."),
        sort_by=CheckoutApprovalSortingInput(description="Sort the requests."),
        description=(
            "Every checkout approval request, newest first (staff and apps)."
            + ADDED_IN_B2B_01
        ),
        permissions=[CheckoutPermissions.MANAGE_CHECKOUTS],
        doc_category=DOC_CATEGORY_CHECKOUT,
    )
    checkout_approval = BaseField(
        CheckoutApproval,
        id=graphene.Argument(graphene.ID, required=True, description="Its ID."),
        description=(
            "A checkout approval request: for staff and apps with MANAGE_CHECKOUTS, "
            "its buyer and the members who may decide one of its levels; null for "
            "anyone else." + ADDED_IN_B2B_01
        ),
        doc_category=DOC_CATEGORY_CHECKOUT,
    )

    @staticmethod
    def resolve_checkout_approvals(_root, info: ResolveInfo, **kwargs):
        qs = CheckoutApprovalModel.objects.using(
            get_database_connection_name(info.context)
        ).select_related("group")
        qs = filter_connection_queryset(
            qs, kwargs, allow_replica=info.context.allow_replica
        )
        return create_connection_slice(
            qs, info, kwargs, CheckoutApprovalCountableConnection
        )

    @staticmethod
    def resolve_checkout_approval(_root, info: ResolveInfo, *, id):
        _, pk = from_global_id_or_error(id, "CheckoutApproval", raise_error=True)
        actor = request_actor(info.context)
        if actor is None:
            return None
        approval = (
            CheckoutApprovalModel.objects.using(
                get_database_connection_name(info.context)
            )
            .select_related("group")
            .filter(pk=pk)
            .first()
        )
        if approval is None:
            return None

        def visible(view):
            return approval if can_see(view, actor) else None

        return ApprovalViewByApprovalLoader(info.context).load(approval).then(visible)


class CheckoutApprovalMutations(graphene.ObjectType):
    checkout_approval_request = CheckoutApprovalRequest.Field()
    checkout_approve = CheckoutApprove.Field()
    checkout_reject = CheckoutReject.Field()
