"""``customerGroupMembershipBulkUpsert``: customers in groups, by the ERP's keys.

The work is ``groups.bulk.upsert_memberships`` (shared with ``b2b_import``).
"""

import graphene
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.doc_category import DOC_CATEGORY_USERS
from saleor.graphql.core.types import BaseInputObjectType, NonNullList
from saleor.graphql.plugins.dataloaders import get_plugin_manager_promise

from ...groups.bulk import MAX_ROWS, upsert_memberships
from ...rows import read_membership_row
from ..core import ADDED_IN_B2B_01
from ..groups.enums import CustomerGroupRoleEnum
from ..groups.types import CustomerGroupMembership
from .groups import (
    BulkRowError,
    ErpBulkUpsert,
    ErrorPolicyArgument,
    all_or_nothing,
    too_many_rows,
)


class CustomerGroupMembershipBulkInput(BaseInputObjectType):
    group_external_reference = graphene.String(
        description="The group by its external reference."
    )
    group = graphene.ID(description="Or the group by its ID.")
    customer_email = graphene.String(
        description="The customer by email (as given, or lowercased)."
    )
    customer_external_reference = graphene.String(
        description="Or the customer by its external reference."
    )
    customer = graphene.ID(description="Or the customer by its ID.")
    role = CustomerGroupRoleEnum(description="Role in the group; BUYER by default.")

    class Meta:
        description = (
            "A customer's membership of a group: the group by exactly one of "
            "`groupExternalReference`, `group`; the customer by exactly one of "
            "`customerEmail`, `customerExternalReference`, `customer`."
            + ADDED_IN_B2B_01
        )
        doc_category = DOC_CATEGORY_USERS


class CustomerGroupMembershipBulkResult(graphene.ObjectType):
    membership = graphene.Field(
        CustomerGroupMembership, description="The membership; null when refused."
    )
    errors = NonNullList(BulkRowError, required=True, description="Row errors.")

    class Meta:
        doc_category = DOC_CATEGORY_USERS


class CustomerGroupMembershipBulkUpsert(ErpBulkUpsert):
    count = graphene.Int(
        required=True, description="Rows stored as asked: added, changed or equal."
    )
    results = NonNullList(
        CustomerGroupMembershipBulkResult,
        required=True,
        description="One per input row, in order.",
    )

    class Arguments(ErrorPolicyArgument):
        memberships = NonNullList(
            CustomerGroupMembershipBulkInput,
            required=True,
            description=f"Up to {MAX_ROWS} memberships.",
        )

    class Meta:
        description = (
            "Puts customers in groups with a role, or changes their role; repeating "
            "a call changes nothing. Memberships the rows do not name are kept."
            + ADDED_IN_B2B_01
        )

    @classmethod
    def perform_mutation(  # type: ignore[override]
        cls, _root, info: ResolveInfo, /, *, memberships, error_policy=None
    ):
        if len(memberships) > MAX_ROWS:
            return cls(count=0, results=[], errors=[too_many_rows("memberships")])
        outcome = upsert_memberships(
            [read_membership_row(row) for row in memberships],
            all_or_nothing=all_or_nothing(error_policy),
            manager=get_plugin_manager_promise(info.context).get(),
        )
        return cls(
            count=outcome.count,
            results=[
                CustomerGroupMembershipBulkResult(
                    membership=membership,
                    errors=[BulkRowError(**e) for e in outcome.errors.get(i, [])],
                )
                for i, membership in enumerate(outcome.rows)
            ],
        )
