"""``customerGroupBulkUpsert``: groups keyed by ``externalReference``, idempotent.

The work is ``groups.bulk.upsert_groups`` (shared with ``b2b_import``): a row whose
values equal what is stored changes nothing and raises no event, so repeating a call
changes nothing. Parents are referenced by external reference and may be rows of
the same call (parents are written before their children).
"""

import graphene
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.doc_category import DOC_CATEGORY_USERS
from saleor.graphql.core.enums import ErrorPolicy, ErrorPolicyEnum
from saleor.graphql.core.types import BaseInputObjectType, NonNullList
from saleor.permission.enums import AccountPermissions

from ...groups.bulk import MAX_ROWS, upsert_groups
from ...webhooks.error_codes import ErpIntegrationErrorCode
from ..core import ADDED_IN_B2B_01
from ..groups.types import CustomerGroup as CustomerGroupType
from ..mutation_base import FeatureMutation
from ..webhooks.types import ErpIntegrationErrorCodeEnum


def all_or_nothing(error_policy: str | None) -> bool:
    """Saleor's REJECT_EVERYTHING, the default; the other policies keep good rows."""
    return error_policy in (None, ErrorPolicy.REJECT_EVERYTHING)


def too_many_rows(field: str) -> "BulkRowError":
    return BulkRowError(
        path=field,
        message=f"At most {MAX_ROWS} rows per call: split the import.",
        code=ErpIntegrationErrorCode.INVALID.value,
    )


class BulkRowError(graphene.ObjectType):
    path = graphene.String(description="The input field the error is about.")
    message = graphene.String(description="What is wrong.")
    code = ErpIntegrationErrorCodeEnum(required=True, description="The error code.")

    class Meta:
        doc_category = DOC_CATEGORY_USERS


class ErpBulkUpsert(FeatureMutation):
    """What the ERP's bulk upserts of groups and memberships share (``BulkRowError``
    errors, ``MANAGE_USERS``, Saleor's error policies)."""

    DEFAULTS = {
        "doc_category": DOC_CATEGORY_USERS,
        "permissions": (AccountPermissions.MANAGE_USERS,),
        "error_type_class": BulkRowError,
        "error_type_field": "bulk_errors",
    }

    class Meta:
        abstract = True


class ErrorPolicyArgument:
    error_policy = graphene.Argument(
        ErrorPolicyEnum,
        description="REJECT_EVERYTHING (default) or REJECT_FAILED_ROWS.",
    )


class CustomerGroupBulkInput(BaseInputObjectType):
    external_reference = graphene.String(
        required=True, description="The group's key in the ERP: the upsert key."
    )
    name = graphene.String(required=True, description="Name of the group.")
    slug = graphene.String(description="Slug for a new group; from the reference.")
    description = graphene.String(description="Description.")
    parent_external_reference = graphene.String(
        description="The parent's external reference; null: a root group."
    )
    is_active = graphene.Boolean(description="Active; true when omitted.")
    payment_terms_days = graphene.Int(description="Own payment terms; null inherits.")

    class Meta:
        doc_category = DOC_CATEGORY_USERS


class CustomerGroupBulkResult(graphene.ObjectType):
    customer_group = graphene.Field(CustomerGroupType, description="The group.")
    errors = NonNullList(BulkRowError, required=True, description="Row errors.")

    class Meta:
        doc_category = DOC_CATEGORY_USERS


class CustomerGroupBulkUpsert(ErpBulkUpsert):
    count = graphene.Int(required=True, description="Rows written or unchanged.")
    results = NonNullList(
        CustomerGroupBulkResult, required=True, description="One per input row."
    )

    class Arguments(ErrorPolicyArgument):
        groups = NonNullList(
            CustomerGroupBulkInput,
            required=True,
            description=f"Up to {MAX_ROWS} groups.",
        )

    class Meta:
        description = (
            "Creates or updates customer groups by external reference; repeating "
            "a call changes nothing." + ADDED_IN_B2B_01
        )

    @classmethod
    def perform_mutation(  # type: ignore[override]
        cls, _root, info: ResolveInfo, /, *, groups, error_policy=None
    ):
        if len(groups) > MAX_ROWS:
            return cls(count=0, results=[], errors=[too_many_rows("groups")])
        rows = [dict(row) for row in groups]
        results, errors = upsert_groups(
            rows, all_or_nothing=all_or_nothing(error_policy)
        )
        return cls(
            count=sum(1 for r in results if r is not None),
            results=[
                CustomerGroupBulkResult(
                    customer_group=group,
                    errors=[BulkRowError(**e) for e in errors.get(i, [])],
                )
                for i, group in enumerate(results)
            ],
        )
