from decimal import Decimal

import graphene
from django.utils import timezone
from prices import Money
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.connection import (
    CountableConnection,
    create_connection_slice,
    filter_connection_queryset,
)
from saleor.graphql.core.context import get_database_connection_name
from saleor.graphql.core.doc_category import DOC_CATEGORY_USERS
from saleor.graphql.core.fields import FilterConnectionField
from saleor.graphql.core.scalars import UUID, Date, DateTime
from saleor.graphql.core.types import ModelObjectType, NonNullList
from saleor.graphql.core.types import Money as MoneyType

from ...credit import models
from ...credit.figures import Figures, figures_of
from ..core import ADDED_IN_B2B_01
from ..groups.dataloaders import CustomerGroupByIdLoader
from ..groups.types import CustomerGroup
from .dataloaders import SubLimitsByCreditAccountIdLoader
from .enums import CreditExceedPolicyEnum, CreditLedgerEntryTypeEnum
from .filters import CreditLedgerEntryFilterInput


class CreditFigures(graphene.ObjectType):
    limit = graphene.Field(MoneyType, required=True, description="The limit.")
    outstanding = graphene.Field(
        MoneyType,
        required=True,
        description="Charged, minus paid and credited, plus adjustments.",
    )
    held = graphene.Field(
        MoneyType,
        required=True,
        description="Held for checkouts paid on account and not yet ordered.",
    )
    available = graphene.Field(
        MoneyType,
        required=True,
        description="limit - outstanding - held; below zero after an allowed excess.",
    )

    class Meta:
        description = "The figures of a credit account or sub-limit." + ADDED_IN_B2B_01
        doc_category = DOC_CATEGORY_USERS

    @staticmethod
    def resolve_limit(root: Figures, _info):
        return Money(root.limit, root.currency)

    @staticmethod
    def resolve_outstanding(root: Figures, _info):
        return Money(root.outstanding, root.currency)

    @staticmethod
    def resolve_held(root: Figures, _info):
        return Money(root.held, root.currency)

    @staticmethod
    def resolve_available(root: Figures, _info):
        return Money(root.available, root.currency)


class CreditSubLimit(ModelObjectType[models.CreditSubLimit]):
    id = graphene.GlobalID(required=True, description="The ID of the sub-limit.")
    group = graphene.Field(
        CustomerGroup, required=True, description="The group it caps, with those below."
    )
    figures = graphene.Field(CreditFigures, required=True, description="Its figures.")
    ledger = FilterConnectionField(
        lambda: CreditLedgerEntryCountableConnection,
        filter=CreditLedgerEntryFilterInput(description="Filtering options."),
        description="The entries that went through this sub-limit, oldest first.",
    )

    class Meta:
        description = (
            "A cap inside a credit pool for a group below the account's owner."
            + ADDED_IN_B2B_01
        )
        interfaces = [graphene.relay.Node]
        model = models.CreditSubLimit
        doc_category = DOC_CATEGORY_USERS

    @staticmethod
    def resolve_group(root: models.CreditSubLimit, info: ResolveInfo):
        return CustomerGroupByIdLoader(info.context).load(root.group_id)

    @staticmethod
    def resolve_figures(root: models.CreditSubLimit, _info: ResolveInfo):
        return figures_of(root, root.account.currency)

    @staticmethod
    def resolve_ledger(root: models.CreditSubLimit, info: ResolveInfo, **kwargs):
        qs = (
            models.CreditLedgerEntry.objects.using(
                get_database_connection_name(info.context)
            )
            .filter(account_id=root.account_id, sub_limit_ids__contains=[root.pk])
            .select_related("draw")
        )
        return _ledger_page(qs, info, kwargs)


class CreditLedgerEntry(ModelObjectType[models.CreditLedgerEntry]):
    id = graphene.GlobalID(required=True, description="The ID of the entry.")
    type = CreditLedgerEntryTypeEnum(required=True, description="The kind of entry.")
    amount = graphene.Field(
        MoneyType,
        required=True,
        description="The amount; an adjustment's sign says which way it goes.",
    )
    group = graphene.Field(CustomerGroup, description="The group that drew.")
    checkout_token = UUID(description="The checkout paid on account.")
    order_id = graphene.ID(description="The ID of the order charged or paid.")
    external_reference = graphene.String(description="The ERP's document number.")
    reason = graphene.String(required=True, description="Why (adjustments).")
    exceeded = graphene.Boolean(
        required=True, description="Placed over the available amount."
    )
    due_date = Date(description="When the charge is due (charges).")
    created_at = DateTime(required=True, description="When it was recorded.")

    class Meta:
        description = "An entry of a credit account's ledger." + ADDED_IN_B2B_01
        interfaces = [graphene.relay.Node]
        model = models.CreditLedgerEntry
        doc_category = DOC_CATEGORY_USERS

    @staticmethod
    def resolve_amount(root: models.CreditLedgerEntry, _info):
        return Money(root.amount, root.currency)

    @staticmethod
    def resolve_group(root: models.CreditLedgerEntry, info: ResolveInfo):
        if root.group_id is None:
            return None
        return CustomerGroupByIdLoader(info.context).load(root.group_id)

    @staticmethod
    def resolve_order_id(root: models.CreditLedgerEntry, _info):
        if root.order_id is None:
            return None
        return graphene.Node.to_global_id("Order", root.order_id)

    @staticmethod
    def resolve_due_date(root: models.CreditLedgerEntry, _info):
        draw = root.draw if root.draw_id is not None else None
        if root.type != "charge" or draw is None:
            return None
        return draw.due_date


class CreditLedgerEntryCountableConnection(CountableConnection):
    class Meta:
        doc_category = DOC_CATEGORY_USERS
        node = CreditLedgerEntry


class CreditAccount(ModelObjectType[models.CreditAccount]):
    id = graphene.GlobalID(required=True, description="The ID of the account.")
    group = graphene.Field(
        CustomerGroup, required=True, description="The group that owns it."
    )
    currency = graphene.String(required=True, description="Its currency.")
    exceed_policy = CreditExceedPolicyEnum(
        required=True, description="What happens over the limit."
    )
    block_when_overdue_days = graphene.Int(
        description=(
            "New on-account checkouts are refused while a charge is overdue by more "
            "than this many days; null: never for that."
        )
    )
    figures = graphene.Field(
        CreditFigures, required=True, description="The pool's figures."
    )
    sub_limits = NonNullList(
        CreditSubLimit, required=True, description="The caps inside the pool."
    )
    ledger = FilterConnectionField(
        CreditLedgerEntryCountableConnection,
        filter=CreditLedgerEntryFilterInput(description="Filtering options."),
        description="The ledger, oldest first.",
    )
    created_at = DateTime(required=True, description="When it was opened.")

    class Meta:
        description = (
            "A group's credit line; groups below it without their own draw on it."
            + ADDED_IN_B2B_01
        )
        interfaces = [graphene.relay.Node]
        model = models.CreditAccount
        doc_category = DOC_CATEGORY_USERS

    @staticmethod
    def resolve_group(root: models.CreditAccount, info: ResolveInfo):
        return CustomerGroupByIdLoader(info.context).load(root.group_id)

    @staticmethod
    def resolve_figures(root: models.CreditAccount, _info):
        return figures_of(root, root.currency)

    @staticmethod
    def resolve_sub_limits(root: models.CreditAccount, info: ResolveInfo):
        def with_account(subs):
            for sub in subs:
                sub.account = root
            return subs

        return (
            SubLimitsByCreditAccountIdLoader(info.context)
            .load(root.pk)
            .then(with_account)
        )

    @staticmethod
    def resolve_ledger(root: models.CreditAccount, info: ResolveInfo, **kwargs):
        qs = (
            models.CreditLedgerEntry.objects.using(
                get_database_connection_name(info.context)
            )
            .filter(account_id=root.pk)
            .select_related("draw")
        )
        return _ledger_page(qs, info, kwargs)


def _ledger_page(qs, info: ResolveInfo, kwargs):
    qs = filter_connection_queryset(
        qs, kwargs, allow_replica=info.context.allow_replica
    )
    return create_connection_slice(
        qs, info, kwargs, CreditLedgerEntryCountableConnection
    )


class CreditAccountCountableConnection(CountableConnection):
    class Meta:
        doc_category = DOC_CATEGORY_USERS
        node = CreditAccount


class OrderPaymentTerms(graphene.ObjectType):
    days = graphene.Int(required=True, description="Days to pay after the order.")
    due_date = Date(required=True, description="When payment is due.")
    outstanding = graphene.Field(
        MoneyType, required=True, description="Not yet paid or credited."
    )
    is_overdue = graphene.Boolean(
        required=True, description="Past the due date with an amount outstanding."
    )

    class Meta:
        description = "The terms of an order paid on account." + ADDED_IN_B2B_01
        doc_category = DOC_CATEGORY_USERS

    @staticmethod
    def resolve_days(root: models.CreditDraw, _info):
        return root.payment_terms_days

    @staticmethod
    def resolve_outstanding(root: models.CreditDraw, _info):
        return Money(max(root.amount - root.settled, Decimal(0)), root.currency)

    @staticmethod
    def resolve_is_overdue(root: models.CreditDraw, _info):
        return bool(
            root.due_date
            and root.amount > root.settled
            and root.due_date < timezone.localdate()
        )
