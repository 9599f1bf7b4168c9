"""Membership mutations: add, remove, change role. All or nothing."""

import graphene
from django.core.exceptions import ValidationError
from django.db import transaction
from saleor.account.models import User
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.doc_category import DOC_CATEGORY_USERS
from saleor.graphql.core.mutations import BaseMutation
from saleor.graphql.core.types import BaseInputObjectType, NonNullList
from saleor.graphql.core.utils import from_global_id_or_error

from ....groups import CustomerGroupRole
from ....groups.error_codes import CustomerGroupErrorCode
from ....groups.models import CustomerGroup, CustomerGroupMembership
from ....webhooks import ErpEventType, payloads
from ....webhooks.events import emit
from ...core import ADDED_IN_B2B_01
from ..enums import CustomerGroupRoleEnum
from ..types import CustomerGroup as CustomerGroupType
from .base import PERMISSIONS, CustomerGroupError, error, get_group_or_error
from .events import notify_customers_updated


class CustomerGroupMemberInput(BaseInputObjectType):
    user = graphene.ID(required=True, description="ID of the customer.")
    role = CustomerGroupRoleEnum(description="Role in the group; BUYER by default.")

    class Meta:
        doc_category = DOC_CATEGORY_USERS


def resolve_user_ids(global_ids: list[str], field: str) -> dict[str, int]:
    """Map each global ID to a user pk; unknown or malformed IDs are one error."""
    pks: dict[str, int] = {}
    invalid: list[str] = []
    for global_id in global_ids:
        try:
            _, pk = from_global_id_or_error(global_id, "User", raise_error=True)
            pks[global_id] = int(pk)
        except Exception:
            invalid.append(global_id)
    existing = set(
        User.objects.filter(pk__in=pks.values()).values_list("pk", flat=True)
    )
    invalid += [gid for gid, pk in pks.items() if pk not in existing]
    if invalid:
        raise ValidationError(
            {
                field: error(
                    "Unknown users.", CustomerGroupErrorCode.NOT_FOUND, users=invalid
                )
            }
        )
    return pks


def reject_duplicates(global_ids: list[str], field: str) -> None:
    seen: set[str] = set()
    duplicates = [gid for gid in global_ids if gid in seen or seen.add(gid)]  # type: ignore[func-returns-value]
    if duplicates:
        raise ValidationError(
            {
                field: error(
                    "Users are listed more than once.",
                    CustomerGroupErrorCode.INVALID,
                    users=duplicates,
                )
            }
        )


def emit_membership_changes(
    group: CustomerGroup, changes: list[tuple[int, str, str | None, str | None]]
) -> None:
    """One ERP event per call: (user id, action, role, previous role) each."""
    if not changes:
        return  # nothing changed: no event (the contract wants at least one change)
    users = User.objects.in_bulk([user_id for user_id, *_ in changes])
    emit(
        ErpEventType.CUSTOMER_GROUP_MEMBERSHIP_CHANGED,
        group,
        payloads.membership_changes(
            group,
            [
                {"user": users[u], "action": a, "role": r, "previous_role": p}
                for u, a, r, p in changes
            ],
        ),
    )


class MemberMutation(BaseMutation):
    customer_group = graphene.Field(CustomerGroupType, description="The group.")

    class Meta:
        abstract = True

    @classmethod
    def locked_group(cls, info: ResolveInfo, group_id: str) -> CustomerGroup:
        return get_group_or_error(info, id=group_id, field="group", lock=True)


class CustomerGroupMembersAdd(MemberMutation):
    class Arguments:
        group = graphene.ID(required=True, description="ID of the group.")
        members = NonNullList(
            CustomerGroupMemberInput, required=True, description="Customers to add."
        )

    class Meta:
        description = (
            "Adds customers to a group with a role. Fails as a whole, changing "
            "nothing, if any customer is unknown or already a member. Each added "
            "customer gets a CUSTOMER_UPDATED event." + ADDED_IN_B2B_01
        )
        doc_category = DOC_CATEGORY_USERS
        permissions = PERMISSIONS
        error_type_class = CustomerGroupError
        error_type_field = "customer_group_errors"

    @classmethod
    def perform_mutation(  # type: ignore[override]
        cls, _root, info: ResolveInfo, /, *, group, members
    ):
        global_ids = [member["user"] for member in members]
        reject_duplicates(global_ids, "members")
        with transaction.atomic():
            customer_group = cls.locked_group(info, group)
            pks = resolve_user_ids(global_ids, "members")
            already = set(
                CustomerGroupMembership.objects.filter(
                    group=customer_group, user_id__in=pks.values()
                ).values_list("user_id", flat=True)
            )
            if already:
                raise ValidationError(
                    {
                        "members": error(
                            "Some customers are already members.",
                            CustomerGroupErrorCode.ALREADY_A_MEMBER,
                            users=[gid for gid, pk in pks.items() if pk in already],
                        )
                    }
                )
            created = CustomerGroupMembership.objects.bulk_create(
                CustomerGroupMembership(
                    group=customer_group,
                    user_id=pks[member["user"]],
                    role=member.get("role") or CustomerGroupRole.BUYER,
                )
                for member in members
            )
            emit_membership_changes(
                customer_group,
                [
                    (m.user_id, payloads.MembershipAction.ADDED, m.role, None)
                    for m in created
                ],
            )
            notify_customers_updated(info, pks.values())
        return cls(customer_group=customer_group)


class CustomerGroupMembersRemove(MemberMutation):
    class Arguments:
        group = graphene.ID(required=True, description="ID of the group.")
        users = NonNullList(
            graphene.ID, required=True, description="Customers to remove."
        )

    class Meta:
        description = (
            "Removes customers from a group. Fails as a whole, changing nothing, if "
            "any of them is not a member. Each removed customer gets a "
            "CUSTOMER_UPDATED event." + ADDED_IN_B2B_01
        )
        doc_category = DOC_CATEGORY_USERS
        permissions = PERMISSIONS
        error_type_class = CustomerGroupError
        error_type_field = "customer_group_errors"

    @classmethod
    def perform_mutation(  # type: ignore[override]
        cls, _root, info: ResolveInfo, /, *, group, users
    ):
        reject_duplicates(users, "users")
        with transaction.atomic():
            customer_group = cls.locked_group(info, group)
            pks = resolve_user_ids(users, "users")
            memberships = CustomerGroupMembership.objects.filter(
                group=customer_group, user_id__in=pks.values()
            )
            members = set(memberships.values_list("user_id", flat=True))
            not_members = [gid for gid, pk in pks.items() if pk not in members]
            if not_members:
                raise ValidationError(
                    {
                        "users": error(
                            "Some customers are not members of this group.",
                            CustomerGroupErrorCode.NOT_A_MEMBER,
                            users=not_members,
                        )
                    }
                )
            removed = list(memberships.values_list("user_id", "role"))
            memberships.delete()
            emit_membership_changes(
                customer_group,
                [
                    (user_id, payloads.MembershipAction.REMOVED, None, role)
                    for user_id, role in removed
                ],
            )
            notify_customers_updated(info, pks.values())
        return cls(customer_group=customer_group)


class CustomerGroupMemberUpdate(MemberMutation):
    class Arguments:
        group = graphene.ID(required=True, description="ID of the group.")
        user = graphene.ID(required=True, description="ID of the member.")
        role = CustomerGroupRoleEnum(required=True, description="The new role.")

    class Meta:
        description = "Changes a member's role in a group." + ADDED_IN_B2B_01
        doc_category = DOC_CATEGORY_USERS
        permissions = PERMISSIONS
        error_type_class = CustomerGroupError
        error_type_field = "customer_group_errors"

    @classmethod
    def perform_mutation(  # type: ignore[override]
        cls, _root, info: ResolveInfo, /, *, group, user, role
    ):
        with transaction.atomic():
            customer_group = cls.locked_group(info, group)
            pk = resolve_user_ids([user], "user")[user]
            previous = (
                CustomerGroupMembership.objects.filter(group=customer_group, user_id=pk)
                .values_list("role", flat=True)
                .first()
            )
            updated = CustomerGroupMembership.objects.filter(
                group=customer_group, user_id=pk
            ).update(role=role)
            if updated and previous != role:
                emit_membership_changes(
                    customer_group,
                    [(pk, payloads.MembershipAction.ROLE_CHANGED, role, previous)],
                )
            if not updated:
                raise ValidationError(
                    {
                        "user": error(
                            "The customer is not a member of this group.",
                            CustomerGroupErrorCode.NOT_A_MEMBER,
                            users=[user],
                        )
                    }
                )
            notify_customers_updated(info, [pk])
        return cls(customer_group=customer_group)
