import graphene
from saleor.core.db.connection import allow_writer
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.doc_category import DOC_CATEGORY_CHECKOUT
from saleor.graphql.core.mutations import BaseMutation
from saleor.graphql.plugins.dataloaders import get_plugin_manager_promise
from saleor.permission.auth_filters import AuthorizationFilters

from ....activation import is_plugin_active
from ....approvals.actions import RequestInput, request_approval
from ....approvals.error_codes import CheckoutApprovalErrorCode
from ...core import ADDED_IN_B2B_01
from ..types import CheckoutApproval
from .base import CheckoutApprovalError, checkout_token, error, integer_pk, run


class CheckoutApprovalRequest(BaseMutation):
    approval = graphene.Field(
        CheckoutApproval, description="The request, with its state and levels."
    )

    class Arguments:
        id = graphene.ID(required=True, description="ID of the checkout.")
        note = graphene.String(description="A note for the approvers.")
        group = graphene.ID(
            description=(
                "The purchasing group, whose policy and approvers apply. Required "
                "when the buyer belongs to several groups and has selected none; "
                "naming it selects it (purchasingGroupSelect), so the checkout is "
                "priced under it too. Otherwise the buyer's purchasing group."
            )
        )

    class Meta:
        description = (
            "Asks for approval of the checkout as it is now, by its customer. Asking "
            "again while an unchanged request is pending or approved returns it; "
            "otherwise a new request replaces the previous one. A request is "
            "recorded even when the policy asks for no approval (state "
            "NOT_REQUIRED): it records the purchasing group." + ADDED_IN_B2B_01
        )
        doc_category = DOC_CATEGORY_CHECKOUT
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)
        error_type_class = CheckoutApprovalError
        error_type_field = "checkout_approval_errors"

    @classmethod
    def perform_mutation(  # type: ignore[override]
        cls, _root, info: ResolveInfo, /, *, id, note=None, group=None
    ):
        user = info.context.user
        assert user is not None  # the mutation's permissions require one
        token = checkout_token(id)
        group_id = integer_pk(group, ("CustomerGroup",), "group")[1] if group else None
        with allow_writer():
            manager = get_plugin_manager_promise(info.context).get()
            if not is_plugin_active(manager):
                raise error(
                    "id",
                    "Checkout approvals are switched off: no checkout needs one.",
                    CheckoutApprovalErrorCode.INACTIVE,
                )
            view = run(
                lambda: request_approval(
                    RequestInput(token, user, group_id, note or ""),
                    manager,
                )
            )
        return cls(approval=view.request)
