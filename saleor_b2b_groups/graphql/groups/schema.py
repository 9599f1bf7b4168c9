import graphene
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.connection import (
    create_connection_slice,
    filter_connection_queryset,
)
from saleor.graphql.core.context import get_database_connection_name
from saleor.graphql.core.doc_category import DOC_CATEGORY_USERS
from saleor.graphql.core.fields import FilterConnectionField, PermissionsField
from saleor.graphql.core.utils import from_global_id_or_error
from saleor.graphql.core.validators import validate_one_of_args_is_in_query

from ...groups.models import CustomerGroup as CustomerGroupModel
from ..core import ADDED_IN_B2B_01
from .filters import CustomerGroupFilterInput
from .mutations.group_create import CustomerGroupCreate
from .mutations.group_delete import CustomerGroupDelete
from .mutations.group_update import CustomerGroupUpdate
from .mutations.member_update import CustomerGroupMemberUpdate
from .mutations.members_add import CustomerGroupMembersAdd
from .mutations.members_remove import CustomerGroupMembersRemove
from .sorters import CustomerGroupSortingInput
from .types import ADMIN_PERMISSIONS, CustomerGroup, CustomerGroupCountableConnection


class CustomerGroupQueries(graphene.ObjectType):
    customer_groups = FilterConnectionField(
        CustomerGroupCountableConnection,
        filter=CustomerGroupFilterInput(description="Filtering options."),
        sort_by=CustomerGroupSortingInput(description="Sort customer groups."),
        description="List of customer groups." + ADDED_IN_B2B_01,
        permissions=ADMIN_PERMISSIONS,
        doc_category=DOC_CATEGORY_USERS,
    )
    customer_group = PermissionsField(
        CustomerGroup,
        id=graphene.Argument(graphene.ID, description="ID of the group."),
        slug=graphene.Argument(graphene.String, description="Slug of the group."),
        external_reference=graphene.Argument(
            graphene.String, description="External reference of the group."
        ),
        description="Look up a customer group by ID, slug or external reference."
        + ADDED_IN_B2B_01,
        permissions=ADMIN_PERMISSIONS,
        doc_category=DOC_CATEGORY_USERS,
    )

    @staticmethod
    def resolve_customer_groups(_root, info: ResolveInfo, **kwargs):
        qs = CustomerGroupModel.objects.using(
            get_database_connection_name(info.context)
        )
        qs = filter_connection_queryset(
            qs, kwargs, allow_replica=info.context.allow_replica
        )
        return create_connection_slice(
            qs, info, kwargs, CustomerGroupCountableConnection
        )

    @staticmethod
    def resolve_customer_group(
        _root, info: ResolveInfo, *, id=None, slug=None, external_reference=None
    ):
        validate_one_of_args_is_in_query(
            "id", id, "slug", slug, "external_reference", external_reference
        )
        qs = CustomerGroupModel.objects.using(
            get_database_connection_name(info.context)
        )
        if id:
            _, pk = from_global_id_or_error(id, "CustomerGroup", raise_error=True)
            return qs.filter(pk=pk).first()
        if slug:
            return qs.filter(slug=slug).first()
        return qs.filter(external_reference=external_reference).first()


class CustomerGroupMutations(graphene.ObjectType):
    customer_group_create = CustomerGroupCreate.Field()
    customer_group_update = CustomerGroupUpdate.Field()
    customer_group_delete = CustomerGroupDelete.Field()
    customer_group_members_add = CustomerGroupMembersAdd.Field()
    customer_group_members_remove = CustomerGroupMembersRemove.Field()
    customer_group_member_update = CustomerGroupMemberUpdate.Field()
