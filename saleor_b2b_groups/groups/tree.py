"""The one place that writes the shape of the customer group tree.

Structure changes (create under a parent, move, delete) take one transaction-level
advisory lock, so they apply one at a time: two concurrent moves can never build a
cycle, and a child never copies a parent's path that is being rewritten. They are
rare admin or ERP operations, so serialising them costs nothing that matters; reads
never take the lock.
"""

from collections.abc import Iterable

from django.db import connection, transaction

from .models import CustomerGroup

#: pg_advisory_xact_lock key for tree structure changes.
TREE_LOCK_ID = 0x5A1E0C61


class CycleError(ValueError):
    """The new parent is the group itself or one of its descendants."""


class HasChildrenError(ValueError):
    """A group with child groups cannot be deleted; move or delete them first."""


def lock_tree() -> None:
    """Serialise tree structure changes until the current transaction ends."""
    if not connection.in_atomic_block:
        raise RuntimeError("lock_tree() must run inside transaction.atomic().")
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [TREE_LOCK_ID])


def path_below(parent: CustomerGroup | None) -> list[int]:
    """The ``ancestor_ids`` of a child of ``parent``."""
    if parent is None:
        return []
    return [*parent.ancestor_ids, parent.pk]


def validate_parent(group: CustomerGroup, parent: CustomerGroup | None) -> None:
    """Refuse a parent that is the group itself or below it."""
    if parent is None or group.pk is None:
        return
    if parent.pk == group.pk or group.pk in parent.ancestor_ids:
        raise CycleError(
            f"'{parent.slug}' is '{group.slug}' itself or one of its descendants."
        )


@transaction.atomic
def save_group(group: CustomerGroup, parent: CustomerGroup | None) -> CustomerGroup:
    """Create or update ``group`` under ``parent``, keeping every path right."""
    lock_tree()
    if parent is not None:
        # Re-read under the lock: its path may have moved since it was loaded.
        parent = CustomerGroup.objects.select_for_update().get(pk=parent.pk)
    validate_parent(group, parent)
    new_path = path_below(parent)
    if group.pk is None:
        group.parent = parent
        group.ancestor_ids = new_path
        group.save()
        return group

    current = CustomerGroup.objects.select_for_update().get(pk=group.pk)
    group.parent = parent
    group.ancestor_ids = new_path
    group.save()
    if current.ancestor_ids != new_path:
        _move_descendants(group.pk, len(current.ancestor_ids), new_path)
    return group


def _move_descendants(group_id: int, old_depth: int, new_path: list[int]) -> None:
    """Replace the old path prefix of every descendant with the new one."""
    table = CustomerGroup._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} "
            "SET ancestor_ids = %s::integer[] || ancestor_ids[%s:] "
            "WHERE ancestor_ids @> ARRAY[%s]::integer[]",
            [new_path, old_depth + 1, group_id],
        )


@transaction.atomic
def delete_group(group: CustomerGroup) -> None:
    """Delete a leaf group; its memberships go with it, its members stay."""
    lock_tree()
    if CustomerGroup.objects.filter(parent_id=group.pk).exists():
        raise HasChildrenError(
            f"'{group.slug}' has child groups: move or delete them first."
        )
    group.delete()


def descendants(groups: Iterable[CustomerGroup]):
    """Every group below any of ``groups``, in one query."""
    ids = [group.pk for group in groups]
    return CustomerGroup.objects.filter(ancestor_ids__overlap=ids)
