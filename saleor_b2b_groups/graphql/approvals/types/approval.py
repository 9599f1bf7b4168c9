"""``CheckoutApproval`` and ``CheckoutApprovalStatus``: one approval, from one
``approvals.state.ApprovalView``."""

import graphene
from graphene import relay
from promise import Promise
from saleor.core.prices import quantize_price
from saleor.graphql.account.dataloaders import UserByUserIdLoader
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.connection import CountableConnection
from saleor.graphql.core.doc_category import DOC_CATEGORY_CHECKOUT
from saleor.graphql.core.scalars import DateTime
from saleor.graphql.core.types import ModelObjectType, NonNullList
from saleor.graphql.core.types import TaxedMoney as TaxedMoneyType
from saleor.permission.enums import CheckoutPermissions

from ....approvals import ApprovalState
from ....approvals.eligibility import eligible_members, is_own, refusal
from ....approvals.models import CheckoutApproval as CheckoutApprovalModel
from ....approvals.state import ApprovalView
from ....groups.fetch import MembershipInfo, lineage_is_active
from ...core import ADDED_IN_B2B_01
from ...groups.dataloaders import (
    AncestorsByCustomerGroupLoader,
    MembershipsByCustomerGroupIdLoader,
)
from ...groups.types import CustomerGroup
from ..actor import request_actor
from ..dataloaders import ApprovalViewByApprovalLoader
from ..enums import (
    CheckoutApprovalStateEnum,
    CheckoutApprovalStatusEnum,
)
from .actors import CheckoutApprovalActor, actor_of_user
from .decisions import CheckoutApprovalDecision, CheckoutApprovalLevel
from .lines import CheckoutApprovalLine, _taxed, snapshot_lines

# What both approval types show -------------------------------------------------


def _with_view(root, info: ResolveInfo, read):
    """Apply ``read`` to the view of ``root``: a view, or a request to load it for."""
    if isinstance(root, ApprovalView):
        return read(root)
    return ApprovalViewByApprovalLoader(info.context).load(root).then(read)


def _approvers(view: ApprovalView, info: ResolveInfo):
    """Who may decide the pending level now (members, not staff)."""
    level = view.pending_level
    if level is None or level.group is None:
        return []
    group = level.group

    def build(results):
        memberships, ancestors = results
        groups = {g.pk: g for g in [group, *ancestors]}
        if not lineage_is_active(group, groups):
            return []
        eligible = eligible_members(
            view, [MembershipInfo(m, group) for m in memberships]
        )
        users = UserByUserIdLoader(info.context).load_many(
            [m.membership.user_id for m in eligible]
        )
        return users.then(
            lambda found: [actor_of_user(user) for user in found if user is not None]
        )

    return Promise.all(
        [
            MembershipsByCustomerGroupIdLoader(info.context).load(group.pk),
            AncestorsByCustomerGroupLoader(info.context).load(group),
        ]
    ).then(build)


class ApprovalViewFields:
    """Fields of ``CheckoutApproval`` and ``CheckoutApprovalStatus``."""

    state = CheckoutApprovalStateEnum(required=True, description="The state.")
    message = graphene.String(
        required=True,
        description="The state in a sentence, with what to do next.",
    )
    group = graphene.Field(
        CustomerGroup,
        description=(
            "The purchasing group, whose policy and approvers apply; null while a "
            "buyer in several groups has not named it."
        ),
    )
    levels = NonNullList(
        CheckoutApprovalLevel,
        required=True,
        description=(
            "The levels, in the order they are decided: those of the request, or "
            "(REQUIRED) those a request would need now."
        ),
    )
    current_level = graphene.Int(
        description="PENDING: the level deciding now (1: first)."
    )
    level_count = graphene.Int(required=True, description="How many levels.")
    decisions = NonNullList(
        CheckoutApprovalDecision,
        required=True,
        description="Every decision, in level order: who, when, why.",
    )
    approvers = NonNullList(
        CheckoutApprovalActor,
        required=True,
        description=(
            "PENDING: the members who may decide the current level now (staff and "
            "apps with MANAGE_CHECKOUTS may too)."
        ),
    )
    can_decide = graphene.Boolean(
        required=True,
        description="Whether the requesting user or app may decide it now.",
    )
    expires_at = DateTime(
        description="When the request, or the approval, stops being valid."
    )

    @staticmethod
    def resolve_state(root, info: ResolveInfo):
        return _with_view(root, info, lambda view: view.state)

    @staticmethod
    def resolve_message(root, info: ResolveInfo):
        return _with_view(root, info, lambda view: view.message)

    @staticmethod
    def resolve_group(root, info: ResolveInfo):
        return _with_view(root, info, lambda view: view.group)

    @staticmethod
    def resolve_levels(root, info: ResolveInfo):
        return _with_view(root, info, lambda view: view.levels)

    @staticmethod
    def resolve_current_level(root, info: ResolveInfo):
        def current(view: ApprovalView):
            level = view.pending_level
            return level.index + 1 if level else None

        return _with_view(root, info, current)

    @staticmethod
    def resolve_level_count(root, info: ResolveInfo):
        return _with_view(root, info, lambda view: len(view.levels))

    @staticmethod
    def resolve_decisions(root, info: ResolveInfo):
        return _with_view(root, info, lambda view: view.decisions)

    @staticmethod
    def resolve_approvers(root, info: ResolveInfo):
        return _with_view(root, info, lambda view: _approvers(view, info))

    @staticmethod
    def resolve_can_decide(root, info: ResolveInfo):
        def can_decide(view: ApprovalView):
            actor = request_actor(info.context)
            return actor is not None and refusal(view, actor) is None

        return _with_view(root, info, can_decide)

    @staticmethod
    def resolve_expires_at(root, info: ResolveInfo):
        def expires_at(view: ApprovalView):
            if view.request is None or view.state not in (
                ApprovalState.PENDING,
                ApprovalState.APPROVED,
                ApprovalState.EXPIRED,
            ):
                return None
            return view.request.expires_at

        return _with_view(root, info, expires_at)


def can_see_checkout(approval: CheckoutApprovalModel, info: ResolveInfo) -> bool:
    """The checkout's ID is its key: only its buyer and checkout staff get it."""
    actor = request_actor(info.context)
    if actor is None:
        return False
    if actor.manages_checkouts:
        return True
    return actor.user_id is not None and actor.user_id == approval.requested_by_id


class CheckoutApproval(ApprovalViewFields, ModelObjectType[CheckoutApprovalModel]):
    id = graphene.GlobalID(required=True, description="The ID of the request.")
    status = CheckoutApprovalStatusEnum(
        required=True,
        description="What is recorded (see `state` for whether it still holds).",
    )
    checkout_id = graphene.ID(
        description=(
            "The checkout's ID; only for its buyer and for staff and apps with "
            "MANAGE_CHECKOUTS (the ID gives access to the checkout)."
        )
    )
    checkout = graphene.Field(
        "saleor.graphql.checkout.types.Checkout",
        description="The checkout, while it exists; same access as `checkoutId`.",
    )
    order = graphene.Field(
        "saleor.graphql.order.types.Order",
        description=(
            "The order placed with this approval; for its customer and staff with "
            "MANAGE_ORDERS."
        ),
    )
    requested_by = graphene.Field(
        CheckoutApprovalActor, required=True, description="The buyer who asked."
    )
    requested_at = DateTime(required=True, description="When.")
    decided_at = DateTime(description="When the last level approved, or one rejected.")
    note = graphene.String(required=True, description="The buyer's note.")
    fingerprint = graphene.String(
        required=True, description="The digest of the checkout as requested."
    )
    lines = NonNullList(
        CheckoutApprovalLine,
        required=True,
        description="The lines as requested: what the approvers decide on.",
    )
    total = graphene.Field(
        TaxedMoneyType, required=True, description="The total as requested."
    )

    class Meta:
        description = (
            "A request for approval of a checkout: what was asked, by whom, for "
            "which content, and every decision." + ADDED_IN_B2B_01
        )
        interfaces = [relay.Node]
        model = CheckoutApprovalModel
        doc_category = DOC_CATEGORY_CHECKOUT

    @staticmethod
    def resolve_checkout_id(root: CheckoutApprovalModel, info: ResolveInfo):
        if not can_see_checkout(root, info):
            return None
        return graphene.Node.to_global_id("Checkout", root.checkout_token)

    @staticmethod
    def resolve_checkout(root: CheckoutApprovalModel, info: ResolveInfo):
        if not can_see_checkout(root, info):
            return None
        from saleor.graphql.checkout.dataloaders import CheckoutByTokenLoader
        from saleor.graphql.core.context import SyncWebhookControlContext

        def wrap(checkout):
            if checkout is None:
                return None
            return SyncWebhookControlContext(node=checkout, allow_sync_webhooks=False)

        return CheckoutByTokenLoader(info.context).load(root.checkout_token).then(wrap)

    @staticmethod
    def resolve_order(root: CheckoutApprovalModel, info: ResolveInfo):
        from ..order_fields import resolve_order_of_approval

        return resolve_order_of_approval(root, info)

    @staticmethod
    def resolve_requested_by(root: CheckoutApprovalModel, info: ResolveInfo):
        if not root.requested_by_id:
            return actor_of_user(None, root.requested_by_email)
        return (
            UserByUserIdLoader(info.context)
            .load(root.requested_by_id)
            .then(lambda user: actor_of_user(user, root.requested_by_email))
        )

    @staticmethod
    def resolve_lines(root: CheckoutApprovalModel, _info: ResolveInfo):
        return snapshot_lines(root)

    @staticmethod
    def resolve_total(root: CheckoutApprovalModel, _info: ResolveInfo):
        return quantize_price(
            _taxed(root.total_net_amount, root.total_gross_amount, root.currency),
            root.currency,
        )


class CheckoutApprovalCountableConnection(CountableConnection):
    class Meta:
        doc_category = DOC_CATEGORY_CHECKOUT
        node = CheckoutApproval


class CheckoutApprovalStatus(ApprovalViewFields, graphene.ObjectType):
    request = graphene.Field(
        CheckoutApproval,
        description="The checkout's latest request; null when none was made.",
    )
    fingerprint = graphene.String(
        required=True,
        description=(
            "The digest of the checkout as it is now: equal to the request's while "
            "nothing changed."
        ),
    )
    groups_requiring_approval = NonNullList(
        CustomerGroup,
        required=True,
        description=(
            "REQUIRED for a buyer in several groups: the groups whose policies ask "
            "for approval; name one of the buyer's groups when requesting."
        ),
    )
    is_own = graphene.Boolean(
        required=True, description="Whether the requesting user is its buyer."
    )

    class Meta:
        description = (
            "Whether a checkout needs approval, and where that stands: what "
            "`checkoutComplete` will say." + ADDED_IN_B2B_01
        )
        doc_category = DOC_CATEGORY_CHECKOUT

    @staticmethod
    def resolve_request(root: ApprovalView, info: ResolveInfo):
        if root.request is not None:
            ApprovalViewByApprovalLoader(info.context).prime(root.request, root)
        return root.request

    @staticmethod
    def resolve_fingerprint(root: ApprovalView, _info: ResolveInfo):
        return root.snapshot.fingerprint if root.snapshot else ""

    @staticmethod
    def resolve_is_own(root: ApprovalView, info: ResolveInfo):
        actor = request_actor(info.context)
        return actor is not None and is_own(root, actor)


MANAGE_CHECKOUTS = CheckoutPermissions.MANAGE_CHECKOUTS
