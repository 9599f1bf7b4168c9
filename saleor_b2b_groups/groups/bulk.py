"""Groups and memberships in bulk, keyed by the ERP's references: the ERP's path in.

Used by ``customerGroupBulkUpsert``, ``customerGroupMembershipBulkUpsert`` and the
``b2b_import`` command alike. A row equal to what is stored writes nothing and
raises no event, so repeating a call changes nothing. Errors are per row
(``RowErrors``: row index -> errors); with ``all_or_nothing`` any error writes
nothing (Saleor's ``REJECT_EVERYTHING``), otherwise the valid rows are written
(``REJECT_FAILED_ROWS``).
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify
from graphene.utils.str_converters import to_camel_case
from saleor.account.models import User
from saleor.plugins.manager import PluginsManager

from ..validation import input_problem, slug_problem
from ..webhooks import ErpEventType, payloads
from ..webhooks.error_codes import ErpIntegrationErrorCode as Code
from ..webhooks.events import emit_many
from . import CustomerGroupRole, MembershipSource, tree
from .customers import customers_updated
from .models import CustomerGroup, CustomerGroupMembership
from .validation import GroupFieldError, clean_name, clean_terms

#: Rows per call; larger imports go in several calls (``b2b_import`` batches).
MAX_ROWS = 10_000

RowErrors = dict[int, list[dict]]


def row_error(path: str, message: str, code: Code = Code.INVALID) -> dict:
    """``path``: the row's input field, camel case, as the API names it."""
    return {"path": path, "message": message, "code": code.value}


class TooManyRows(ValueError):
    """More than ``MAX_ROWS`` rows in one call."""


def check_size(count: int) -> None:
    if count > MAX_ROWS:
        raise TooManyRows(f"At most {MAX_ROWS} rows per call; got {count}.")


# Groups


def _clean_group_rows(rows: list[dict]) -> list[dict]:
    """References without surrounding blanks; an empty parent reference is none."""
    return [
        {
            **row,
            "external_reference": (row.get("external_reference") or "").strip(),
            "parent_external_reference": (
                row.get("parent_external_reference") or ""
            ).strip()
            or None,
        }
        for row in rows
    ]


def validate_group_rows(rows: list[dict]) -> RowErrors:
    errors: RowErrors = defaultdict(list)
    seen: dict[str, int] = {}
    for index, row in enumerate(rows):
        if found := input_problem(row):
            field, message = found
            errors[index].append(row_error(to_camel_case(field), message))
            continue  # PostgreSQL could not even compare it
        ref = row["external_reference"]
        if not ref:
            errors[index].append(
                row_error("externalReference", "Required.", Code.REQUIRED)
            )
        elif ref in seen:
            errors[index].append(
                row_error(
                    "externalReference",
                    f"Also in row {seen[ref]}.",
                    Code.DUPLICATED_INPUT_ITEM,
                )
            )
        else:
            seen[ref] = index
        try:
            clean_name(row.get("name"))
        except GroupFieldError as e:
            errors[index].append(row_error("name", str(e), Code.REQUIRED))
        for problem in clean_terms(row)[1]:
            errors[index].append(row_error(to_camel_case(problem.field), str(problem)))
        if row["parent_external_reference"] and row["parent_external_reference"] == ref:
            errors[index].append(
                row_error(
                    "parentExternalReference", "A group cannot be its own parent."
                )
            )
    return errors


def upsert_groups(
    rows: list[dict], *, all_or_nothing: bool
) -> tuple[list[CustomerGroup | None], RowErrors]:
    """Create or update groups by external reference; (group or None per row, errors).

    ``rows``: ``external_reference``, ``name``, ``slug`` (new groups; default: from
    the reference), ``description``, ``parent_external_reference`` (a stored group
    or a row of the same call, in any order), ``is_active``, ``payment_terms_days``.
    A row states the whole group: an omitted field takes its default.
    """
    check_size(len(rows))
    rows = _clean_group_rows(rows)
    errors = validate_group_rows(rows)
    results: list[CustomerGroup | None] = [None] * len(rows)
    with transaction.atomic():
        tree.lock_tree()
        # a value PostgreSQL cannot even compare stays out of every query
        readable = [r for r in rows if input_problem(r) is None]
        refs = {r["external_reference"] for r in readable} | {
            r["parent_external_reference"]
            for r in readable
            if r["parent_external_reference"]
        }
        by_ref = {
            g.external_reference: g
            for g in CustomerGroup.objects.filter(external_reference__in=refs)
        }
        row_of = {
            r["external_reference"]: i for i, r in enumerate(rows) if i not in errors
        }
        new_slugs = _new_slugs(rows, by_ref, errors)
        events: list = []
        done: set[int] = set()

        def write(index: int, stack: tuple[int, ...] = ()) -> CustomerGroup | None:
            if index in errors:
                return None
            if index in done:
                return results[index]
            row = rows[index]
            parent = None
            parent_ref = row["parent_external_reference"]
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
                            Code.NOT_FOUND,
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
            for name, value in values.items():
                setattr(group, name, value)
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
                    payloads.customer_group(group, parent),
                )
            )
            return group

        for index in range(len(rows)):
            write(index)
        if errors and all_or_nothing:
            transaction.set_rollback(True)
            return [None] * len(rows), errors
        emit_many(events)
    return results, errors


def _new_slugs(
    rows: list[dict], by_ref: dict[str | None, CustomerGroup], errors: RowErrors
) -> dict[int, str]:
    """Slugs of the groups the call creates; ``UNIQUE`` when stored or repeated."""
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
    first_row: dict[str, int] = {}
    for i, slug in new_slugs.items():
        if slug and (problem := slug_problem(slug)):
            errors[i].append(row_error("slug", problem, Code.INVALID))
        elif not slug or slug in taken:
            message = f"Slug '{slug}' is taken: give the row a slug of its own."
            errors[i].append(row_error("slug", message, Code.UNIQUE))
        elif slug in first_row:
            message = (
                f"Row {first_row[slug]} makes the same slug '{slug}': give a slug."
            )
            errors[i].append(row_error("slug", message, Code.UNIQUE))
        else:
            first_row[slug] = i
    return new_slugs


# Memberships


@dataclass
class MembershipRow:
    """A customer in a group with a role; each by exactly one of its keys."""

    group_external_reference: str | None = None
    group_id: int | None = None
    customer_email: str | None = None
    customer_external_reference: str | None = None
    customer_id: int | None = None
    #: As stored (``CustomerGroupRole``); None: BUYER.
    role: str | None = None
    #: Errors the caller found reading the row (e.g. a malformed ID).
    errors: list[dict] = field(default_factory=list)


@dataclass
class MembershipOutcome:
    rows: list[CustomerGroupMembership | None]
    errors: RowErrors
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def count(self) -> int:
        """Rows now stored as the call asked: written or already equal."""
        return self.created + self.updated + self.unchanged


def _membership_row_errors(row: MembershipRow) -> list[dict]:
    errors = list(row.errors)
    stored = {
        "group_external_reference": row.group_external_reference,
        "email": row.customer_email,
        "user_external_reference": row.customer_external_reference,
    }
    if found := input_problem(stored):
        field, message = found
        path = {
            "email": "customerEmail",
            "user_external_reference": "customerExternalReference",
        }
        errors.append(row_error(path.get(field, to_camel_case(field)), message))
        return errors
    group_keys = [k for k in (row.group_external_reference, row.group_id) if k]
    if len(group_keys) != 1 and not any(e["path"] == "group" for e in errors):
        message = "Give exactly one of group, groupExternalReference."
        code = Code.INVALID if group_keys else Code.REQUIRED
        errors.append(row_error("groupExternalReference", message, code))
    customer_keys = [
        k
        for k in (row.customer_email, row.customer_external_reference, row.customer_id)
        if k
    ]
    if len(customer_keys) != 1 and not any(e["path"] == "customer" for e in errors):
        message = (
            "Give exactly one of customer, customerEmail, customerExternalReference."
        )
        code = Code.INVALID if customer_keys else Code.REQUIRED
        errors.append(row_error("customerEmail", message, code))
    if row.role is not None and row.role not in dict(CustomerGroupRole.CHOICES):
        errors.append(row_error("role", f"Unknown role '{row.role}'."))
    return errors


def _find_groups(rows: Sequence[MembershipRow]) -> tuple[dict, dict]:
    refs = {r.group_external_reference for r in rows if r.group_external_reference}
    ids = {r.group_id for r in rows if r.group_id}
    found = CustomerGroup.objects.filter(
        Q(external_reference__in=refs) | Q(pk__in=ids)
    ).order_by("pk")
    found = found.select_for_update(of=("self",))  # one writer of a group's members
    groups = list(found)
    return (
        {g.external_reference: g for g in groups if g.external_reference},
        {g.pk: g for g in groups},
    )


def _find_customers(rows: Sequence[MembershipRow]) -> tuple[dict, dict, dict]:
    """Customers by email (as given or lowercased), external reference and id.

    Plain ``IN`` lists, so that Saleor's unique index on the email serves them.
    """
    given = {r.customer_email.strip() for r in rows if r.customer_email}
    emails = given | {email.lower() for email in given}
    refs = {
        r.customer_external_reference for r in rows if r.customer_external_reference
    }
    ids = {r.customer_id for r in rows if r.customer_id}
    users = list(
        User.objects.filter(
            Q(email__in=emails) | Q(external_reference__in=refs) | Q(pk__in=ids)
        ).only("pk", "email", "external_reference")
    )
    return (
        {u.email.lower(): u for u in users},
        {u.external_reference: u for u in users if u.external_reference},
        {u.pk: u for u in users},
    )


def upsert_memberships(
    rows: Sequence[MembershipRow],
    *,
    all_or_nothing: bool,
    manager: PluginsManager,
) -> MembershipOutcome:
    """Put customers in groups with a role, or change their role; idempotent.

    A customer already in the group with the row's role is left alone. Memberships
    the rows do not name are kept (remove members with customerGroupMembersRemove).
    Raises one ``customer_group_membership_changed`` per group changed, and Saleor's
    ``customer_updated`` for each customer whose memberships changed.
    """
    check_size(len(rows))
    errors: RowErrors = defaultdict(list)
    for index, row in enumerate(rows):
        errors[index].extend(_membership_row_errors(row))
    outcome = MembershipOutcome(rows=[None] * len(rows), errors=errors)
    # a value PostgreSQL cannot even compare stays out of every query
    readable = [row for index, row in enumerate(rows) if not errors[index]]
    with transaction.atomic():
        groups_by_ref, groups_by_id = _find_groups(readable)
        by_email, by_ref, by_id = _find_customers(readable)
        keys: list[tuple[CustomerGroup, User] | None] = []
        for index, row in enumerate(rows):
            group = user = None
            if not errors[index]:
                group, user = _resolve_membership(
                    row,
                    index,
                    errors,
                    (groups_by_ref, groups_by_id),
                    (by_email, by_ref, by_id),
                )
            keys.append((group, user) if group and user else None)
        _mark_duplicate_memberships(keys, errors)
        stored = _stored_memberships(keys)
        to_create: list[CustomerGroupMembership] = []
        to_update: list[tuple[CustomerGroupMembership, str]] = []
        for index, key in enumerate(keys):
            if key is None or errors[index]:
                continue
            group, user = key
            role = rows[index].role or CustomerGroupRole.BUYER
            membership = stored.get((group.pk, user.pk))
            if membership is not None:
                membership.group, membership.user = group, user
            if membership is None:
                membership = CustomerGroupMembership(group=group, user=user, role=role)
                to_create.append(membership)
            elif membership.role != role:
                to_update.append((membership, membership.role))
                membership.role = role
            else:
                outcome.unchanged += 1
            outcome.rows[index] = membership
        outcome.errors = {i: found for i, found in errors.items() if found}
        if outcome.errors and all_or_nothing:
            outcome.rows = [None] * len(rows)
            outcome.unchanged = 0
            return outcome
        CustomerGroupMembership.objects.bulk_create(to_create, batch_size=2000)
        for role in {m.role for m, _ in to_update}:
            # a role the ERP states is its decision: a segment member becomes manual
            CustomerGroupMembership.objects.filter(
                pk__in=[m.pk for m, _ in to_update if m.role == role]
            ).update(role=role, source=MembershipSource.MANUAL)
        outcome.created, outcome.updated = len(to_create), len(to_update)
        _emit_membership_events(to_create, to_update)
        customers_updated(
            manager,
            [m.user_id for m in to_create] + [m.user_id for m, _ in to_update],
        )
    return outcome


def _resolve_membership(row, index, errors, groups, customers):
    groups_by_ref, groups_by_id = groups
    by_email, by_ref, by_id = customers
    if row.group_external_reference:
        group = groups_by_ref.get(row.group_external_reference)
        group_path = "groupExternalReference"
    else:
        group, group_path = groups_by_id.get(row.group_id), "group"
    if group is None:
        errors[index].append(row_error(group_path, "No such group.", Code.NOT_FOUND))
    if row.customer_email:
        user = by_email.get(row.customer_email.strip().lower())
        user_path = "customerEmail"
    elif row.customer_external_reference:
        user = by_ref.get(row.customer_external_reference)
        user_path = "customerExternalReference"
    else:
        user, user_path = by_id.get(row.customer_id), "customer"
    if user is None:
        message = "No such customer: create the customer in Saleor first."
        errors[index].append(row_error(user_path, message, Code.NOT_FOUND))
    return group, user


def _mark_duplicate_memberships(keys, errors: RowErrors) -> None:
    rows_by_key: dict[tuple[int, int], list[int]] = defaultdict(list)
    for index, key in enumerate(keys):
        if key is not None:
            rows_by_key[(key[0].pk, key[1].pk)].append(index)
    for indexes in rows_by_key.values():
        if len(indexes) > 1:
            for index in indexes:
                message = f"Rows {', '.join(map(str, indexes))} name the same member."
                errors[index].append(
                    row_error("customerEmail", message, Code.DUPLICATED_INPUT_ITEM)
                )


def _stored_memberships(keys) -> dict[tuple[int, int], CustomerGroupMembership]:
    group_ids = {key[0].pk for key in keys if key}
    user_ids = {key[1].pk for key in keys if key}
    if not group_ids:
        return {}
    stored = CustomerGroupMembership.objects.filter(
        group_id__in=group_ids, user_id__in=user_ids
    )
    return {(m.group_id, m.user_id): m for m in stored}


def _emit_membership_events(
    created: list[CustomerGroupMembership],
    updated: list[tuple[CustomerGroupMembership, str]],
) -> None:
    changes: dict[int, list[dict]] = defaultdict(list)
    groups: dict[int, CustomerGroup] = {}
    for membership in created:
        groups[membership.group_id] = membership.group
        changes[membership.group_id].append(
            {
                "user": membership.user,
                "action": payloads.MembershipAction.ADDED,
                "role": membership.role,
            }
        )
    for membership, previous in updated:
        groups[membership.group_id] = membership.group
        changes[membership.group_id].append(
            {
                "user": membership.user,
                "action": payloads.MembershipAction.ROLE_CHANGED,
                "role": membership.role,
                "previous_role": previous,
            }
        )
    emit_many(
        (
            ErpEventType.CUSTOMER_GROUP_MEMBERSHIP_CHANGED,
            groups[group_id],
            payloads.membership_changes(groups[group_id], group_changes),
        )
        for group_id, group_changes in sorted(changes.items())
    )
