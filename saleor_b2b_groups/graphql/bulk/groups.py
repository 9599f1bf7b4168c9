"""``customerGroupBulkUpsert``: groups keyed by ``externalReference``, idempotent.

A row whose values equal what is stored changes nothing and raises no event, so
repeating a call changes nothing. Parents are referenced by external reference and
may be rows of the same call (parents are written before their children).
"""

from collections import defaultdict

import graphene
from django.db import transaction
from django.utils.text import slugify
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.doc_category import DOC_CATEGORY_USERS
from saleor.graphql.core.enums import ErrorPolicy, ErrorPolicyEnum
from saleor.graphql.core.mutations import BaseMutation
from saleor.graphql.core.types import BaseInputObjectType, NonNullList
from saleor.permission.enums import AccountPermissions

from ...groups import tree
from ...groups.models import CustomerGroup
from ...webhooks import ErpEventType, payloads
from ...webhooks.error_codes import ErpIntegrationErrorCode
from ...webhooks.events import emit_many
from ..core import ADDED_IN_B2B_01
from ..groups.types import CustomerGroup as CustomerGroupType
from ..webhooks.types import ErpIntegrationErrorCodeEnum

#: Rows per call; larger imports go in several calls (or ``b2b_import``).
MAX_ROWS = 10_000
FIELDS = ("name", "description", "is_active", "payment_terms_days")


class BulkRowError(graphene.ObjectType):
    path = graphene.String(description="The input field the error is about.")
    message = graphene.String(description="What is wrong.")
    code = ErpIntegrationErrorCodeEnum(required=True, description="The error code.")

    class Meta:
        doc_category = DOC_CATEGORY_USERS


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


def row_error(path: str, message: str, code=ErpIntegrationErrorCode.INVALID):
    return {"path": path, "message": message, "code": code.value}


def validate_rows(rows: list[dict]) -> dict[int, list[dict]]:
    errors: dict[int, list[dict]] = defaultdict(list)
    seen: dict[str, int] = {}
    for index, row in enumerate(rows):
        ref = (row.get("external_reference") or "").strip()
        if not ref:
            errors[index].append(
                row_error(
                    "externalReference", "Required.", ErpIntegrationErrorCode.REQUIRED
                )
            )
        elif ref in seen:
            errors[index].append(
                row_error(
                    "externalReference",
                    f"Also in row {seen[ref]}.",
                    ErpIntegrationErrorCode.DUPLICATED_INPUT_ITEM,
                )
            )
        else:
            seen[ref] = index
        if not (row.get("name") or "").strip():
            errors[index].append(
                row_error("name", "Required.", ErpIntegrationErrorCode.REQUIRED)
            )
        terms = row.get("payment_terms_days")
        if terms is not None and terms < 0:
            errors[index].append(row_error("paymentTermsDays", "Must be >= 0."))
        if (
            row.get("parent_external_reference")
            and row.get("parent_external_reference") == ref
        ):
            errors[index].append(
                row_error(
                    "parentExternalReference", "A group cannot be its own parent."
                )
            )
    return errors


def upsert_groups(rows: list[dict], policy: str) -> tuple[list, dict[int, list[dict]]]:
    """Returns (group or None per row, errors per row index)."""
    errors = validate_rows(rows)
    results: list[CustomerGroup | None] = [None] * len(rows)
    with transaction.atomic():
        tree.lock_tree()
        refs = {r["external_reference"] for r in rows} | {
            r["parent_external_reference"]
            for r in rows
            if r.get("parent_external_reference")
        }
        by_ref = {
            g.external_reference: g
            for g in CustomerGroup.objects.filter(external_reference__in=refs)
        }
        row_of = {
            r["external_reference"]: i for i, r in enumerate(rows) if i not in errors
        }
        new_slugs = {
            i: (r.get("slug") or slugify(r["external_reference"], allow_unicode=True))
            for i, r in enumerate(rows)
            if i not in errors and r["external_reference"] not in by_ref
        }
        taken = set(
            CustomerGroup.objects.filter(slug__in=new_slugs.values()).values_list(
                "slug", flat=True
            )
        )
        for i, slug in new_slugs.items():
            if not slug or slug in taken:
                errors[i].append(
                    row_error(
                        "slug",
                        f"Slug '{slug}' is taken.",
                        ErpIntegrationErrorCode.UNIQUE,
                    )
                )
        events = []
        done: set[int] = set()

        def write(index: int, stack: tuple[int, ...] = ()) -> CustomerGroup | None:
            if index in errors:
                return None
            if index in done:
                return results[index]
            row = rows[index]
            parent = None
            parent_ref = row.get("parent_external_reference")
            if parent_ref:
                if parent_ref in row_of and row_of[parent_ref] not in done:
                    if row_of[parent_ref] in stack:
                        errors[index].append(
                            row_error("parentExternalReference", "A cycle in the rows.")
                        )
                        return None
                    write(row_of[parent_ref], (*stack, index))
                parent = by_ref.get(parent_ref)
                if parent is None or (
                    parent_ref in row_of and row_of[parent_ref] in errors
                ):
                    errors[index].append(
                        row_error(
                            "parentExternalReference",
                            f"No group '{parent_ref}'.",
                            ErpIntegrationErrorCode.NOT_FOUND,
                        )
                    )
                    return None
            group = by_ref.get(row["external_reference"])
            creating = group is None
            values = {
                "name": row["name"].strip(),
                "description": row.get("description") or "",
                "is_active": row.get("is_active") is not False,
                "payment_terms_days": row.get("payment_terms_days"),
            }
            if group is None:
                group = CustomerGroup(
                    external_reference=row["external_reference"], slug=new_slugs[index]
                )
            elif group.parent_id == (parent.pk if parent else None) and all(
                getattr(group, f) == v for f, v in values.items()
            ):
                done.add(index)
                results[index] = group
                return group  # unchanged: no write, no event
            for field, value in values.items():
                setattr(group, field, value)
            try:
                with transaction.atomic():
                    tree.save_group(group, parent)
            except tree.CycleError as e:
                errors[index].append(row_error("parentExternalReference", str(e)))
                return None
            by_ref[group.external_reference] = group
            done.add(index)
            results[index] = group
            events.append(
                (
                    ErpEventType.CUSTOMER_GROUP_CREATED
                    if creating
                    else ErpEventType.CUSTOMER_GROUP_UPDATED,
                    group,
                    payloads.customer_group(group),
                )
            )
            return group

        for index in range(len(rows)):
            write(index)
        if errors and policy == ErrorPolicy.REJECT_EVERYTHING:
            transaction.set_rollback(True)
            return [None] * len(rows), errors
        emit_many(events)
    return results, errors


class CustomerGroupBulkUpsert(BaseMutation):
    count = graphene.Int(required=True, description="Rows written or unchanged.")
    results = NonNullList(
        CustomerGroupBulkResult, required=True, description="One per input row."
    )

    class Arguments:
        groups = NonNullList(
            CustomerGroupBulkInput,
            required=True,
            description=f"Up to {MAX_ROWS} groups.",
        )
        error_policy = graphene.Argument(
            ErrorPolicyEnum,
            description="REJECT_EVERYTHING (default) or REJECT_FAILED_ROWS.",
        )

    class Meta:
        description = (
            "Creates or updates customer groups by external reference; repeating "
            "a call changes nothing." + ADDED_IN_B2B_01
        )
        doc_category = DOC_CATEGORY_USERS
        permissions = (AccountPermissions.MANAGE_USERS,)
        error_type_class = BulkRowError
        error_type_field = "bulk_errors"

    @classmethod
    def perform_mutation(  # type: ignore[override]
        cls, _root, info: ResolveInfo, /, *, groups, error_policy=None
    ):
        if len(groups) > MAX_ROWS:
            return cls(
                count=0,
                results=[],
                errors=[
                    BulkRowError(
                        path="groups",
                        message=f"At most {MAX_ROWS} rows per call.",
                        code=ErpIntegrationErrorCode.INVALID.value,
                    )
                ],
            )
        policy = error_policy or ErrorPolicy.REJECT_EVERYTHING
        rows = [dict(row) for row in groups]
        results, errors = upsert_groups(rows, policy)
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
