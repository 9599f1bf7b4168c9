"""What the customer group mutations share: errors, lookups, input cleaning."""

from collections import defaultdict

import graphene
from django.core.exceptions import ValidationError
from django.utils.text import slugify
from saleor.core.utils.metadata_manager import (
    MetadataEmptyKeyError,
    MetadataType,
    create_from_graphql_input,
    store_on_instance,
)
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.doc_category import DOC_CATEGORY_USERS
from saleor.graphql.core.types import BaseInputObjectType, Error, NonNullList
from saleor.graphql.meta.inputs import MetadataInput
from saleor.permission.enums import AccountPermissions

from ....approvals.warnings import ApprovalPolicyWarningCode, policy_warnings
from ....groups.error_codes import CustomerGroupErrorCode
from ....groups.models import CustomerGroup
from ....groups.validation import GroupFieldError, clean_name, clean_terms
from ....validation import slug_problem
from ...core import ADDED_IN_B2B_01
from ...lookups import error, get_or_error
from ...mutation_base import FeatureMutation
from ..enums import CustomerGroupErrorCodeEnum

PERMISSIONS = (AccountPermissions.MANAGE_USERS,)


ApprovalPolicyWarningCodeEnum = graphene.Enum.from_enum(ApprovalPolicyWarningCode)
ApprovalPolicyWarningCodeEnum.doc_category = DOC_CATEGORY_USERS


class CustomerGroupWarning(graphene.ObjectType):
    field = graphene.String(
        required=True, description="The input field: `approvalPolicy`."
    )
    message = graphene.String(required=True, description="What may be wrong.")
    code = ApprovalPolicyWarningCodeEnum(required=True, description="The code.")

    class Meta:
        description = (
            "Something stored as asked that may not do what was meant; nothing was "
            "refused." + ADDED_IN_B2B_01
        )
        doc_category = DOC_CATEGORY_USERS


def group_warnings(data: dict, group: CustomerGroup) -> list[CustomerGroupWarning]:
    """Warnings about what the input set: its approval policy's currencies."""
    if not data.get("approval_policy"):
        return []
    return [
        CustomerGroupWarning(
            field="approvalPolicy", message=w.message, code=w.code.value
        )
        for w in policy_warnings(group.approval_policy)
    ]


class CustomerGroupError(Error):
    code = CustomerGroupErrorCodeEnum(description="The error code.", required=True)
    users = NonNullList(
        graphene.ID,
        description="The users the error is about, for member mutations.",
        required=False,
    )

    class Meta:
        doc_category = DOC_CATEGORY_USERS


class CustomerGroupMutation(FeatureMutation):
    """What every groups mutation shares (see ``FeatureMutation``)."""

    DEFAULTS = {
        "doc_category": DOC_CATEGORY_USERS,
        "permissions": PERMISSIONS,
        "error_type_class": CustomerGroupError,
        "error_type_field": "customer_group_errors",
    }

    class Meta:
        abstract = True


class CustomerGroupInput(BaseInputObjectType):
    name = graphene.String(description="Name of the group.")
    slug = graphene.String(description="Slug; generated from the name when omitted.")
    description = graphene.String(description="Description of the group.")
    parent = graphene.ID(
        description="The parent group; null makes the group a root group."
    )
    is_active = graphene.Boolean(
        description="An inactive group, and every group below it, gives no terms."
    )
    external_reference = graphene.String(description="The group's key in the ERP.")
    payment_terms_days = graphene.Int(
        description="Payment terms in days; null inherits the parent's."
    )
    metadata = NonNullList(MetadataInput, description="Public metadata to set.")
    private_metadata = NonNullList(
        MetadataInput, description="Private metadata to set."
    )

    class Meta:
        doc_category = DOC_CATEGORY_USERS


def get_group_or_error(
    *,
    id: str | None = None,
    external_reference: str | None = None,
    field: str = "id",
    lock: bool = False,
) -> CustomerGroup:
    """Find a group by global ID or by external reference (exactly one of them)."""
    return get_or_error(
        CustomerGroup,
        CustomerGroupErrorCode,
        id=id,
        external_reference=external_reference,
        id_arg=field,
        lock=lock,
    )


def clean_group_input(info: ResolveInfo, instance: CustomerGroup, data: dict) -> dict:
    """Validate create/update input; all errors at once, field by field.

    Returns the cleaned values; ``parent`` is there only when the input sets it
    (a group, or None for a root group).
    """
    errors: defaultdict[str, list[ValidationError]] = defaultdict(list)
    cleaned: dict = {}
    creating = instance.pk is None

    if "name" in data or creating:
        try:
            cleaned["name"] = clean_name(data.get("name"))
        except GroupFieldError as e:
            errors["name"].append(error(str(e), CustomerGroupErrorCode.REQUIRED))
            cleaned["name"] = ""
    if "slug" in data or creating:
        slug = (data.get("slug") or "").strip()
        derived = not slug and creating
        if derived:
            slug = slugify(cleaned.get("name", ""), allow_unicode=True)
        if derived and "name" in errors:
            pass  # the name's error says it all
        elif not slug:
            errors["slug"].append(
                error("The slug cannot be blank.", CustomerGroupErrorCode.REQUIRED)
            )
        elif problem := slug_problem(slug):
            errors["slug"].append(error(problem, CustomerGroupErrorCode.INVALID))
        elif CustomerGroup.objects.filter(slug=slug).exclude(pk=instance.pk).exists():
            errors["slug"].append(
                error(f"Slug '{slug}' is taken.", CustomerGroupErrorCode.UNIQUE)
            )
        cleaned["slug"] = slug
    if "description" in data:
        cleaned["description"] = data["description"] or ""
    if "is_active" in data:
        if data["is_active"] is None:
            errors["is_active"].append(
                error("isActive cannot be null.", CustomerGroupErrorCode.REQUIRED)
            )
        cleaned["is_active"] = data["is_active"]
    if "external_reference" in data:
        reference = data["external_reference"] or None
        if (
            reference
            and CustomerGroup.objects.filter(external_reference=reference)
            .exclude(pk=instance.pk)
            .exists()
        ):
            errors["external_reference"].append(
                error(
                    f"External reference '{reference}' is taken.",
                    CustomerGroupErrorCode.UNIQUE,
                )
            )
        cleaned["external_reference"] = reference
    # Every inherited term: null clears the group's own value (inherit).
    terms, term_problems = clean_terms(data)
    cleaned.update(terms)
    for term_problem in term_problems:
        errors[term_problem.field].append(
            error(str(term_problem), CustomerGroupErrorCode.INVALID)
        )

    if "parent" in data:
        cleaned["parent"] = None
        if data["parent"]:
            try:
                cleaned["parent"] = get_group_or_error(
                    id=data["parent"], field="parent"
                )
            except ValidationError as e:
                errors["parent"].extend(e.error_dict["parent"])

    for field in ("metadata", "private_metadata"):
        if data.get(field):
            try:
                cleaned[field] = create_from_graphql_input(data[field])
            except MetadataEmptyKeyError:
                errors[field].append(
                    error(
                        "Metadata key cannot be empty.", CustomerGroupErrorCode.REQUIRED
                    )
                )
    if errors:
        raise ValidationError(errors)
    return cleaned


def apply_group_input(group: CustomerGroup, cleaned: dict) -> CustomerGroup | None:
    """Set the cleaned values on ``group``; return its parent, new or current."""
    parent = cleaned.pop("parent", group.parent)
    for field, value in cleaned.items():
        if field == "metadata":
            store_on_instance(value, group, MetadataType.PUBLIC)
        elif field == "private_metadata":
            store_on_instance(value, group, MetadataType.PRIVATE)
        else:
            setattr(group, field, value)
    return parent
