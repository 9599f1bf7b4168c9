import graphene
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.connection import create_connection_slice
from saleor.graphql.core.context import get_database_connection_name
from saleor.graphql.core.doc_category import DOC_CATEGORY_USERS
from saleor.graphql.core.fields import ConnectionField, PermissionsField
from saleor.graphql.core.validators import validate_one_of_args_is_in_query
from saleor.permission.enums import AccountPermissions, OrderPermissions

from ...credit.models import CreditAccount as CreditAccountModel
from ..core import ADDED_IN_B2B_01
from .mutations.account_create import CreditAccountCreate
from .mutations.account_delete import CreditAccountDelete
from .mutations.account_update import CreditAccountUpdate
from .mutations.adjustment_record import CreditAdjustmentRecord
from .mutations.base import pk_of
from .mutations.checkout_pay_on_account import CheckoutPayOnAccount
from .mutations.payment_record import CreditPaymentRecord
from .mutations.sub_limit_delete import CreditSubLimitDelete
from .mutations.sub_limit_set import CreditSubLimitSet
from .types import CreditAccount, CreditAccountCountableConnection

#: Staff who manage accounts or record payments read them.
READ_PERMISSIONS = [AccountPermissions.MANAGE_USERS, OrderPermissions.MANAGE_ORDERS]


class CreditQueries(graphene.ObjectType):
    credit_account = PermissionsField(
        CreditAccount,
        id=graphene.Argument(graphene.ID, description="ID of the account."),
        group=graphene.Argument(graphene.ID, description="The owner group's ID."),
        description="A credit account, by ID or by its owner group." + ADDED_IN_B2B_01,
        permissions=READ_PERMISSIONS,
        doc_category=DOC_CATEGORY_USERS,
    )
    credit_accounts = ConnectionField(
        CreditAccountCountableConnection,
        description="Every credit account." + ADDED_IN_B2B_01,
        permissions=READ_PERMISSIONS,
        doc_category=DOC_CATEGORY_USERS,
    )

    @staticmethod
    def resolve_credit_account(_root, info: ResolveInfo, *, id=None, group=None):
        validate_one_of_args_is_in_query("id", id, "group", group)
        qs = CreditAccountModel.objects.using(
            get_database_connection_name(info.context)
        )
        if id:
            return qs.filter(pk=pk_of(id, "CreditAccount", "id")).first()
        return qs.filter(group_id=pk_of(group, "CustomerGroup", "group")).first()

    @staticmethod
    def resolve_credit_accounts(_root, info: ResolveInfo, **kwargs):
        qs = CreditAccountModel.objects.using(
            get_database_connection_name(info.context)
        )
        return create_connection_slice(
            qs, info, kwargs, CreditAccountCountableConnection
        )


class CreditMutations(graphene.ObjectType):
    credit_account_create = CreditAccountCreate.Field()
    credit_account_update = CreditAccountUpdate.Field()
    credit_account_delete = CreditAccountDelete.Field()
    credit_sub_limit_set = CreditSubLimitSet.Field()
    credit_sub_limit_delete = CreditSubLimitDelete.Field()
    credit_payment_record = CreditPaymentRecord.Field()
    credit_adjustment_record = CreditAdjustmentRecord.Field()
    checkout_pay_on_account = CheckoutPayOnAccount.Field()
