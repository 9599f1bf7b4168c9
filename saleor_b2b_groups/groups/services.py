"""Every write to a customer group or a membership, with its events.

The admin API writes through here, the bulk API and ``b2b_import`` through
``groups.bulk``; both emit their ERP events in the same transaction as the write
(the outbox), and Saleor's own ``CUSTOMER_UPDATED`` for each customer whose groups
changed, once the transaction commits. The GraphQL layer finds the objects, parses
IDs and maps the errors raised here to its codes.
"""

from collections.abc import Iterable, Sequence

from django.db import IntegrityError, transaction
from saleor.account.models import User
from saleor.plugins.manager import PluginsManager

from ..webhooks import ErpEventType, payloads
from ..webhooks.events import aggregate_of, emit
from . import CustomerGroupRole, MembershipSource, tree
from .customers import customers_updated
from .error_codes import CustomerGroupErrorCode
from .models import CustomerGroup, CustomerGroupMembership

# Re-exported: the refusals of ``save_group`` and ``delete_group``.
CycleError = tree.CycleError
HasChildrenError = tree.HasChildrenError


class TakenError(ValueError):
    """A concurrent write took the slug or external reference after validation."""


class MembershipError(ValueError):
    """A membership change refused as a whole; ``user_ids``: the customers at fault."""

    def __init__(
        self, message: str, code: CustomerGroupErrorCode, user_ids: Sequence[int]
    ) -> None:
        super().__init__(message)
        self.code = code
        self.user_ids = list(user_ids)


def save_group(group: CustomerGroup, parent: CustomerGroup | None) -> CustomerGroup:
    """Create or update ``group`` under ``parent``; ``CUSTOMER_GROUP_CREATED`` or
    ``_UPDATED`` to the ERP. Raises ``CycleError``, ``TakenError``."""
    creating = group.pk is None
    try:
        with transaction.atomic():
            tree.save_group(group, parent)
            emit(
                ErpEventType.CUSTOMER_GROUP_CREATED
                if creating
                else ErpEventType.CUSTOMER_GROUP_UPDATED,
                group,
                payloads.customer_group(group),
            )
    except IntegrityError as e:
        if creating:
            group.pk = None
        raise TakenError(str(e)) from e
    return group


def delete_group(group: CustomerGroup, manager: PluginsManager) -> None:
    """Delete a leaf group; its members stay customers, each gets CUSTOMER_UPDATED.

    Raises ``HasChildrenError``.
    """
    with transaction.atomic():
        member_ids = list(group.memberships.values_list("user_id", flat=True))
        aggregate, payload = aggregate_of(group), payloads.customer_group(group)
        tree.delete_group(group)
        emit(ErpEventType.CUSTOMER_GROUP_DELETED, aggregate, payload)
        customers_updated(manager, member_ids)


def _locked(group: CustomerGroup) -> CustomerGroup:
    """The group's row locked: one writer of its members at a time."""
    return CustomerGroup.objects.select_for_update(of=("self",)).get(pk=group.pk)


def _emit_membership_changes(
    group: CustomerGroup,
    changes: list[tuple[int, str, str | None, str | None]],
    source: str = MembershipSource.MANUAL,
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
                {
                    "user": users[u],
                    "action": a,
                    "role": r,
                    "previous_role": p,
                    "source": source,
                }
                for u, a, r, p in changes
            ],
        ),
    )


def add_members(
    group: CustomerGroup,
    members: Sequence[tuple[int, str]],
    manager: PluginsManager,
) -> None:
    """Add (user id, role) pairs, all or none: ``ALREADY_A_MEMBER`` refuses."""
    with transaction.atomic():
        group = _locked(group)
        user_ids = [user_id for user_id, _ in members]
        already = set(
            CustomerGroupMembership.objects.filter(
                group=group, user_id__in=user_ids
            ).values_list("user_id", flat=True)
        )
        if already:
            raise MembershipError(
                "Some customers are already members.",
                CustomerGroupErrorCode.ALREADY_A_MEMBER,
                [user_id for user_id in user_ids if user_id in already],
            )
        created = CustomerGroupMembership.objects.bulk_create(
            CustomerGroupMembership(group=group, user_id=user_id, role=role)
            for user_id, role in members
        )
        _emit_membership_changes(
            group,
            [
                (m.user_id, payloads.MembershipAction.ADDED, m.role, None)
                for m in created
            ],
        )
        customers_updated(manager, user_ids)


def remove_members(
    group: CustomerGroup, user_ids: Iterable[int], manager: PluginsManager
) -> None:
    """Remove customers, all or none: ``NOT_A_MEMBER`` refuses."""
    user_ids = list(user_ids)
    with transaction.atomic():
        group = _locked(group)
        memberships = CustomerGroupMembership.objects.filter(
            group=group, user_id__in=user_ids
        )
        removed = list(memberships.values_list("user_id", "role"))
        members = {user_id for user_id, _ in removed}
        if not_members := [u for u in user_ids if u not in members]:
            raise MembershipError(
                "Some customers are not members of this group.",
                CustomerGroupErrorCode.NOT_A_MEMBER,
                not_members,
            )
        memberships.delete()
        _emit_membership_changes(
            group,
            [
                (user_id, payloads.MembershipAction.REMOVED, None, role)
                for user_id, role in removed
            ],
        )
        customers_updated(manager, user_ids)


def change_role(
    group: CustomerGroup, user_id: int, role: str, manager: PluginsManager
) -> None:
    """Give a member another role: ``NOT_A_MEMBER`` refuses.

    A segment's member given another role becomes a manual member: an admin's
    decision that a recompute must not undo.
    """
    with transaction.atomic():
        group = _locked(group)
        membership = (
            CustomerGroupMembership.objects.select_for_update()
            .filter(group=group, user_id=user_id)
            .first()
        )
        if membership is None:
            raise MembershipError(
                "The customer is not a member of this group.",
                CustomerGroupErrorCode.NOT_A_MEMBER,
                [user_id],
            )
        if membership.role != role:
            previous, membership.role = membership.role, role
            membership.source = MembershipSource.MANUAL
            membership.save(update_fields=["role", "source"])
            _emit_membership_changes(
                group,
                [(user_id, payloads.MembershipAction.ROLE_CHANGED, role, previous)],
            )
        customers_updated(manager, [user_id])


def apply_segment(
    group: CustomerGroup,
    matched_ids: Iterable[int],
    manager: PluginsManager,
    *,
    among: Iterable[int] | None = None,
) -> tuple[list[int], list[int]]:
    """Make the group's segment memberships follow ``matched_ids``; (added, removed).

    Adds each matched customer who is not a member yet as a ``BUYER`` with source
    ``SEGMENT``; removes each segment member no longer matched. Manual memberships
    are never touched, and a matched manual member stays manual. ``among``: only
    these customers are considered (the incremental path); None: every customer.
    One transaction with the ERP event (``source: SEGMENT``) and, after the
    commit, ``CUSTOMER_UPDATED`` for each customer who joined or left. A constant
    number of queries whatever the number of customers.
    """
    matched = set(matched_ids)
    with transaction.atomic():
        group = _locked(group)
        memberships = CustomerGroupMembership.objects.filter(group=group)
        if among is not None:
            scope = set(among)
            matched &= scope
            memberships = memberships.filter(user_id__in=scope)
        current = {
            user_id: (source, role)
            for user_id, source, role in memberships.values_list(
                "user_id", "source", "role"
            )
        }
        added = sorted(matched - current.keys())
        removed = sorted(
            user_id
            for user_id, (source, _role) in current.items()
            if source == MembershipSource.SEGMENT and user_id not in matched
        )
        if removed:
            CustomerGroupMembership.objects.filter(
                group=group, user_id__in=removed, source=MembershipSource.SEGMENT
            ).delete()
        CustomerGroupMembership.objects.bulk_create(
            (
                CustomerGroupMembership(
                    group=group,
                    user_id=user_id,
                    role=CustomerGroupRole.BUYER,
                    source=MembershipSource.SEGMENT,
                )
                for user_id in added
            ),
            batch_size=5000,
        )
        _emit_membership_changes(
            group,
            [
                *(
                    (u, payloads.MembershipAction.ADDED, CustomerGroupRole.BUYER, None)
                    for u in added
                ),
                *(
                    (u, payloads.MembershipAction.REMOVED, None, current[u][1])
                    for u in removed
                ),
            ],
            MembershipSource.SEGMENT,
        )
        customers_updated(manager, [*added, *removed])
    return added, removed
