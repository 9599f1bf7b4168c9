import graphene
from graphene import relay
from saleor.core.exceptions import PermissionDenied
from saleor.graphql.account.dataloaders import UserByUserIdLoader
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.connection import CountableConnection, create_connection_slice
from saleor.graphql.core.doc_category import DOC_CATEGORY_USERS
from saleor.graphql.core.fields import ConnectionField, PermissionsField
from saleor.graphql.core.scalars import DateTime
from saleor.graphql.core.types import ModelObjectType, NonNullList
from saleor.graphql.meta.resolvers import resolve_metadata
from saleor.graphql.meta.types import ObjectWithMetadata
from saleor.permission.enums import AccountPermissions
from saleor.permission.utils import one_of_permissions_or_auth_filter_required

from ... import models
from ...groups.terms import TERMS, EffectiveTerm, effective_terms
from ..core import ADDED_IN_B2B_01
from .dataloaders import (
    AncestorsByCustomerGroupLoader,
    ChildrenByCustomerGroupIdLoader,
    CustomerGroupByIdLoader,
    MembershipsByCustomerGroupIdLoader,
)
from .enums import CustomerGroupRoleEnum, CustomerGroupTermEnum

ADMIN_PERMISSIONS = [AccountPermissions.MANAGE_USERS]


def manage_customer_groups_permissions(_info: ResolveInfo, _object_pk) -> list:
    """For Saleor's metadata mutations on a group."""
    return list(ADMIN_PERMISSIONS)


def check_can_manage_groups(info: ResolveInfo) -> None:
    if not one_of_permissions_or_auth_filter_required(info.context, ADMIN_PERMISSIONS):
        raise PermissionDenied(permissions=ADMIN_PERMISSIONS)


class CustomerGroupTermSource(graphene.ObjectType):
    term = CustomerGroupTermEnum(required=True, description="The term.")
    is_inherited = graphene.Boolean(
        required=True,
        description="False when the group sets the value itself.",
    )
    group = graphene.Field(
        lambda: CustomerGroup,
        description=(
            "The group whose own value applies: the group itself or its nearest "
            "ancestor that sets it. Null when no group sets it and the default applies."
        ),
    )

    class Meta:
        description = "Where a group's effective value of a term comes from." + (
            ADDED_IN_B2B_01
        )
        doc_category = DOC_CATEGORY_USERS


class CustomerGroupTerms(graphene.ObjectType):
    """Resolved from ``dict[str, EffectiveTerm]`` (``groups.terms.effective_terms``).

    Features add their terms' fields with a ``TypeExtension`` of this type and read
    ``root[<term field>].value``.
    """

    payment_terms_days = graphene.Int(
        required=True, description=TERMS["payment_terms_days"].description
    )
    sources = NonNullList(
        CustomerGroupTermSource,
        required=True,
        description="For each term, the group its value comes from.",
    )

    class Meta:
        description = (
            "The terms that apply to a group: its own values, and for those it does "
            "not set, its nearest ancestor's." + ADDED_IN_B2B_01
        )
        doc_category = DOC_CATEGORY_USERS

    @staticmethod
    def resolve_payment_terms_days(root: dict[str, EffectiveTerm], _info: ResolveInfo):
        return root["payment_terms_days"].value

    @staticmethod
    def resolve_sources(root: dict[str, EffectiveTerm], _info: ResolveInfo):
        return [
            CustomerGroupTermSource(
                term=name, is_inherited=term.is_inherited, group=term.source
            )
            for name, term in root.items()
        ]


class CustomerGroup(ModelObjectType[models.CustomerGroup]):
    id = graphene.GlobalID(required=True, description="The ID of the customer group.")
    name = graphene.String(required=True, description="Name of the group.")
    slug = graphene.String(required=True, description="Slug of the group.")
    description = graphene.String(required=True, description="Description.")
    is_active = graphene.Boolean(
        required=True,
        description=(
            "An inactive group, and every group below it, gives its members no terms."
        ),
    )
    external_reference = PermissionsField(
        graphene.String,
        description="The group's key in the ERP.",
        permissions=ADMIN_PERMISSIONS,
    )
    parent = graphene.Field(lambda: CustomerGroup, description="The parent group.")
    depth = graphene.Int(required=True, description="0 for a root group.")
    ancestors = NonNullList(
        lambda: CustomerGroup,
        required=True,
        description="Every group above this one, root first.",
    )
    children = PermissionsField(
        NonNullList(lambda: CustomerGroup, required=True),
        description="The groups directly below this one.",
        permissions=ADMIN_PERMISSIONS,
    )
    members = ConnectionField(
        lambda: CustomerGroupMembershipCountableConnection,
        role=CustomerGroupRoleEnum(description="Only members with this role."),
        description="The group's own members (not those of groups below it).",
        permissions=ADMIN_PERMISSIONS,
    )
    payment_terms_days = graphene.Int(
        description=(
            "The group's own payment terms in days; null inherits the parent's."
        )
    )
    effective_terms = graphene.Field(
        CustomerGroupTerms,
        required=True,
        description="Every term as it applies to this group, with where it comes from.",
    )
    created_at = DateTime(required=True)
    updated_at = DateTime(required=True)

    class Meta:
        description = (
            "A B2B customer group: an account, region or branch in a hierarchy, "
            "whose members share its terms." + ADDED_IN_B2B_01
        )
        interfaces = [relay.Node, ObjectWithMetadata]
        model = models.CustomerGroup
        doc_category = DOC_CATEGORY_USERS

    @staticmethod
    def resolve_parent(root: models.CustomerGroup, info: ResolveInfo):
        if root.parent_id is None:
            return None
        return CustomerGroupByIdLoader(info.context).load(root.parent_id)

    @staticmethod
    def resolve_depth(root: models.CustomerGroup, _info: ResolveInfo):
        return root.depth

    @staticmethod
    def resolve_ancestors(root: models.CustomerGroup, info: ResolveInfo):
        return AncestorsByCustomerGroupLoader(info.context).load(root)

    @staticmethod
    def resolve_children(root: models.CustomerGroup, info: ResolveInfo):
        return ChildrenByCustomerGroupIdLoader(info.context).load(root.pk)

    @staticmethod
    def resolve_members(root: models.CustomerGroup, info: ResolveInfo, **kwargs):
        role = kwargs.get("role")

        def slice_members(memberships):
            if role:
                memberships = [m for m in memberships if m.role == role]
            return create_connection_slice(
                memberships, info, kwargs, CustomerGroupMembershipCountableConnection
            )

        return (
            MembershipsByCustomerGroupIdLoader(info.context)
            .load(root.pk)
            .then(slice_members)
        )

    @staticmethod
    def resolve_effective_terms(root: models.CustomerGroup, info: ResolveInfo):
        def build(ancestors):
            return effective_terms([root, *reversed(ancestors)])

        return AncestorsByCustomerGroupLoader(info.context).load(root).then(build)

    @staticmethod
    def resolve_private_metadata(root: models.CustomerGroup, info: ResolveInfo):
        check_can_manage_groups(info)
        return resolve_metadata(root.private_metadata)

    @staticmethod
    def resolve_private_metafield(
        root: models.CustomerGroup, info: ResolveInfo, *, key: str
    ):
        check_can_manage_groups(info)
        return root.private_metadata.get(key)

    @staticmethod
    def resolve_private_metafields(
        root: models.CustomerGroup, info: ResolveInfo, *, keys=None
    ):
        check_can_manage_groups(info)
        metadata = root.private_metadata
        return {k: v for k, v in metadata.items() if keys is None or k in keys}


class CustomerGroupCountableConnection(CountableConnection):
    class Meta:
        doc_category = DOC_CATEGORY_USERS
        node = CustomerGroup


class CustomerGroupMembership(ModelObjectType[models.CustomerGroupMembership]):
    id = graphene.GlobalID(required=True, description="The ID of the membership.")
    group = graphene.Field(CustomerGroup, required=True, description="The group.")
    user = graphene.Field(
        "saleor.graphql.account.types.User", required=True, description="The member."
    )
    role = CustomerGroupRoleEnum(required=True, description="The member's role.")
    created_at = DateTime(required=True, description="When the member joined.")

    class Meta:
        description = "A customer's membership of a group, with a role." + (
            ADDED_IN_B2B_01
        )
        interfaces = [relay.Node]
        model = models.CustomerGroupMembership
        doc_category = DOC_CATEGORY_USERS

    @staticmethod
    def resolve_group(root: models.CustomerGroupMembership, info: ResolveInfo):
        return CustomerGroupByIdLoader(info.context).load(root.group_id)

    @staticmethod
    def resolve_user(root: models.CustomerGroupMembership, info: ResolveInfo):
        return UserByUserIdLoader(info.context).load(root.user_id)


class CustomerGroupMembershipCountableConnection(CountableConnection):
    class Meta:
        doc_category = DOC_CATEGORY_USERS
        node = CustomerGroupMembership
