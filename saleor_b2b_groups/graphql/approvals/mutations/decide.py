import graphene
from saleor.core.db.connection import allow_writer
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.mutations import BaseMutation
from saleor.graphql.plugins.dataloaders import get_plugin_manager_promise
from saleor.graphql.utils import get_user_or_app_from_context
from saleor.permission.auth_filters import AuthorizationFilters
from saleor.permission.enums import CheckoutPermissions

from ....activation import is_plugin_active
from ....approvals.actions import DecisionInput, decide
from ....approvals.error_codes import CheckoutApprovalErrorCode
from ..actor import request_actor
from ..types import CheckoutApproval
from .base import checkout_token, error, integer_pk, run

ID_DESCRIPTION = (
    "ID of the checkout approval (as listed in the approver's queue): the request "
    "the decider reviewed. A checkout's ID means its latest request."
)
DECIDERS = (
    "An eligible approver decides: a member with the current level's role in its "
    "group (the purchasing group's approvers, or the managers of the group higher "
    "up that the rule names), or staff and apps with MANAGE_CHECKOUTS. Nobody "
    "decides on their own checkout, and one person decides one level."
)
#: Signed-in users (eligibility is checked per request), or MANAGE_CHECKOUTS (apps).
DECIDER_PERMISSIONS = (
    AuthorizationFilters.AUTHENTICATED_USER,
    CheckoutPermissions.MANAGE_CHECKOUTS,
)


class CheckoutApprovalDecide(BaseMutation):
    approval = graphene.Field(
        CheckoutApproval, description="The request, with the decision."
    )

    class Meta:
        abstract = True

    decision: str = ""

    @classmethod
    def decide(cls, info: ResolveInfo, id: str, comment: str):
        type_name, pk = integer_pk(id, ("CheckoutApproval", "Checkout"), "id")
        token = checkout_token(id) if type_name == "Checkout" else None
        with allow_writer():
            manager = get_plugin_manager_promise(info.context).get()
            if not is_plugin_active(manager):
                raise error(
                    "id",
                    "Checkout approvals are switched off.",
                    CheckoutApprovalErrorCode.INACTIVE,
                )
            actor = request_actor(info.context)
            assert actor is not None  # the mutation's permissions require one
            view = run(
                lambda: decide(
                    DecisionInput(
                        actor=actor,
                        decision=cls.decision,
                        comment=comment,
                        approval_id=pk if token is None else None,
                        checkout_token=token,
                    ),
                    manager,
                    get_user_or_app_from_context(info.context),
                )
            )
        return cls(approval=view.request)
