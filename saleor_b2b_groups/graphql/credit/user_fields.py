"""``User.credit``: what the signed-in buyer may draw on account, and, for the
managers and approvers of the pool, its figures and ledger."""

from dataclasses import dataclass
from decimal import Decimal

import graphene
from prices import Money
from saleor.account.models import User as UserModel
from saleor.core.db.connection import allow_writer_in_context
from saleor.graphql.account.types import User
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.context import get_database_connection_name
from saleor.graphql.core.doc_category import DOC_CATEGORY_USERS
from saleor.graphql.core.types import Money as MoneyType
from saleor.graphql.utils import get_user_or_app_from_context

from ...buyers.context import BuyerContext
from ...credit.figures import available_through
from ...credit.pool import Pool, pool_of
from ...groups import CustomerGroupRole
from ...groups.terms import TERMS, effective_term
from ..buyer import request_buyer
from ..core import ADDED_IN_B2B_01
from ..groups.types import CustomerGroup
from ..schema_extension import TypeExtension
from .types import CreditAccount, CreditSubLimit

#: Roles that see the figures of their group's account or sub-limit.
OVERSEERS = {CustomerGroupRole.MANAGER, CustomerGroupRole.APPROVER}


@dataclass(frozen=True)
class BuyerCreditView:
    buyer: BuyerContext
    pool: Pool | None


class BuyerCredit(graphene.ObjectType):
    purchasing_group = graphene.Field(
        CustomerGroup, description="The group whose credit this is."
    )
    can_pay_on_account = graphene.Boolean(
        required=True,
        description=(
            "Whether the purchasing group draws on an account with an amount "
            "available. A checkout above it may still be refused, or need approval."
        ),
    )
    available = graphene.Field(
        MoneyType,
        description=(
            "What the purchasing group may draw now: the least available of its "
            "pool and its sub-limits. Null: no account."
        ),
    )
    payment_terms_days = graphene.Int(
        required=True, description="Days to pay an order placed on account."
    )
    account = graphene.Field(
        CreditAccount,
        description=(
            "The pool's account, with its figures and ledger: for managers and "
            "approvers of the group that owns it."
        ),
    )
    sub_limits = graphene.List(
        graphene.NonNull(CreditSubLimit),
        required=True,
        description=(
            "The sub-limits the purchasing group draws through that the customer "
            "manages or approves for (at that group or above it)."
        ),
    )

    class Meta:
        description = "A buyer's credit." + ADDED_IN_B2B_01
        doc_category = DOC_CATEGORY_USERS

    @staticmethod
    def resolve_purchasing_group(root: BuyerCreditView, _info):
        return root.buyer.purchasing_group

    @staticmethod
    def resolve_can_pay_on_account(root: BuyerCreditView, _info):
        return root.pool is not None and available_through(root.pool.figures()) > 0

    @staticmethod
    def resolve_available(root: BuyerCreditView, _info):
        if root.pool is None:
            return None
        return Money(
            max(available_through(root.pool.figures()), Decimal(0)),
            root.pool.account.currency,
        )

    @staticmethod
    def resolve_payment_terms_days(root: BuyerCreditView, _info):
        return effective_term(
            TERMS["payment_terms_days"], root.buyer.purchasing_lineage()
        ).value

    @staticmethod
    def resolve_account(root: BuyerCreditView, _info):
        if root.pool is None:
            return None
        owner = root.pool.account.group_id
        return root.pool.account if owner in _overseen(root.buyer) else None

    @staticmethod
    def resolve_sub_limits(root: BuyerCreditView, _info):
        if root.pool is None:
            return []
        overseen = _overseen(root.buyer)
        lineage = [g.pk for g in root.buyer.purchasing_lineage()]
        visible = []
        for sub in root.pool.sub_limits:
            # The sub-limit's group and the groups above it, up to the owner.
            above = lineage[lineage.index(sub.group_id) :]
            if overseen.intersection(above):
                sub.account = root.pool.account
                visible.append(sub)
        return visible


def _overseen(buyer: BuyerContext) -> set[int]:
    return {m.group.pk for m in buyer.groups.memberships if m.role in OVERSEERS}


class UserCredit(TypeExtension):
    extends = User

    credit = graphene.Field(
        BuyerCredit,
        description=(
            "The customer's credit: for the customer themself, in their purchasing "
            "group (null: no purchasing group, or not a group member). Never "
            "another company's." + ADDED_IN_B2B_01
        ),
    )

    @staticmethod
    def resolve_credit(root: UserModel, info: ResolveInfo):
        requestor = get_user_or_app_from_context(info.context)
        if requestor is None or requestor != root:
            return None
        buyer = request_buyer(info.context)
        if buyer is None or buyer.purchasing_group is None:
            return None
        database = get_database_connection_name(info.context)
        with allow_writer_in_context(info.context):
            found = pool_of(buyer.purchasing_lineage(), database)
        return BuyerCreditView(buyer, found)
