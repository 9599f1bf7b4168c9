import graphene
from graphene.utils.str_converters import to_camel_case
from saleor.graphql.account.types import User
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.doc_category import DOC_CATEGORY_USERS
from saleor.graphql.core.scalars import JSON, DateTime
from saleor.graphql.core.types import Error, NonNullList
from saleor.permission.utils import message_one_of_permissions_required

from ...groups.models import CustomerGroup as CustomerGroupModel
from ...groups.models import CustomerGroupMembership as MembershipModel
from ...segments.models import CustomerGroupSegment as SegmentModel
from ..core import ADDED_IN_B2B_01
from ..groups.types import (
    ADMIN_PERMISSIONS,
    CustomerGroup,
    CustomerGroupMembership,
    check_can_manage_groups,
)
from ..schema_extension import TypeExtension
from .dataloaders import SegmentByCustomerGroupIdLoader
from .enums import (
    CustomerGroupMembershipSourceEnum,
    CustomerGroupSegmentErrorCodeEnum,
)

#: Stored IDs shown as the API's global IDs.
_ID_TYPES = {
    "products": "Product",
    "categories": "Category",
    "collections": "Collection",
}


def rules_as_api(node):
    """The stored tree as the API takes it: camel case, global IDs, enum names."""
    if isinstance(node, list):
        return [rules_as_api(item) for item in node]
    if not isinstance(node, dict):
        return node
    shown = {}
    for key, value in node.items():
        if key in _ID_TYPES:
            value = [graphene.Node.to_global_id(_ID_TYPES[key], pk) for pk in value]
        elif key == "address":
            value = value.upper()
        else:
            value = rules_as_api(value)
        shown[to_camel_case(key)] = value
    return shown


class CustomerGroupSegmentError(Error):
    code = CustomerGroupSegmentErrorCodeEnum(
        description="The error code.", required=True
    )

    class Meta:
        doc_category = DOC_CATEGORY_USERS


class CustomerGroupSegment(graphene.ObjectType):
    rules = JSON(
        required=True,
        description="The rule tree, in the shape of CustomerGroupSegmentRuleInput.",
    )
    updated_at = DateTime(required=True, description="When the rules last changed.")
    last_computed_at = DateTime(description="When the last recompute committed.")
    last_duration_ms = graphene.Int(
        description="How long the last recompute of the group took (ms)."
    )
    last_matched_count = graphene.Int(
        description="Customers the rules matched at the last recompute."
    )

    class Meta:
        description = "A group's membership rules." + ADDED_IN_B2B_01
        doc_category = DOC_CATEGORY_USERS

    @staticmethod
    def resolve_rules(root: SegmentModel, _info: ResolveInfo):
        return rules_as_api(root.rules)


class CustomerGroupSegmentPreview(graphene.ObjectType):
    matched_count = graphene.Int(description="Customers the rules match now.")
    joining_count = graphene.Int(
        description="Matched customers not yet members of the group."
    )
    leaving_count = graphene.Int(
        description="Segment members of the group the rules no longer match."
    )
    matched = NonNullList(User, description="A sample of the matched customers.")
    joining = NonNullList(User, description="A sample of those who would join.")
    leaving = NonNullList(User, description="A sample of those who would leave.")
    errors = NonNullList(CustomerGroupSegmentError, required=True)

    class Meta:
        description = (
            "What a rule set would do, computed now and saved nowhere."
            + ADDED_IN_B2B_01
        )
        doc_category = DOC_CATEGORY_USERS


class CustomerGroupSegmentField(TypeExtension):
    extends = CustomerGroup

    # Not a PermissionsField: a TypeExtension's resolver checks instead.
    segment = graphene.Field(
        CustomerGroupSegment,
        description=(
            "The group's membership rules; null when its members are set by hand "
            "only."
            + ADDED_IN_B2B_01
            + message_one_of_permissions_required(ADMIN_PERMISSIONS)
        ),
    )

    @staticmethod
    def resolve_segment(root: CustomerGroupModel, info: ResolveInfo):
        check_can_manage_groups(info)
        return SegmentByCustomerGroupIdLoader(info.context).load(root.pk)


class CustomerGroupMembershipSourceField(TypeExtension):
    extends = CustomerGroupMembership

    source = CustomerGroupMembershipSourceEnum(
        required=True,
        description="Who made the membership: MANUAL or SEGMENT." + ADDED_IN_B2B_01,
    )

    @staticmethod
    def resolve_source(root: MembershipModel, _info: ResolveInfo):
        return root.source


TYPE_EXTENSIONS = [CustomerGroupSegmentField, CustomerGroupMembershipSourceField]
