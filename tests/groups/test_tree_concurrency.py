"""Concurrent structure changes, in real concurrent transactions."""

import threading
import time

import pytest
from django.db import connections, transaction

from saleor_b2b_groups.groups import tree
from saleor_b2b_groups.groups.models import CustomerGroup
from tests.fixtures.groups import create_group


def run_concurrently(*actions):
    """Start every action together, each in its own thread and connection."""
    barrier = threading.Barrier(len(actions))
    results: list = [None] * len(actions)

    def run(index, action):
        try:
            barrier.wait(timeout=10)
            results[index] = action()
        except Exception as e:
            results[index] = e
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=run, args=(i, action))
        for i, action in enumerate(actions)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


class Handshake:
    """Orders two transactions: the first changes the tree and stays open until
    the second has started, so the second really runs against an uncommitted
    change."""

    def __init__(self):
        self.first_changed = threading.Event()
        self.second_started = threading.Event()

    def first(self, change):
        def run():
            with transaction.atomic():
                result = change()
                self.first_changed.set()
                self.second_started.wait(timeout=10)
                time.sleep(0.3)  # the second transaction is now waiting on us
            return result

        return run

    def second(self, change):
        def run():
            self.first_changed.wait(timeout=10)
            self.second_started.set()
            return change()

        return run


def move(group_pk: int, parent_pk: int):
    def change():
        group = CustomerGroup.objects.get(pk=group_pk)
        parent = CustomerGroup.objects.get(pk=parent_pk)
        return tree.save_group(group, parent)

    return change


@pytest.mark.django_db(transaction=True)
def test_crossed_moves_cannot_build_a_cycle():
    # given: two sibling roots, each about to be moved under the other
    a = create_group("A")
    b = create_group("B")

    # when: the first move is still uncommitted when the second starts
    handshake = Handshake()
    results = run_concurrently(
        handshake.first(move(a.pk, b.pk)), handshake.second(move(b.pk, a.pk))
    )

    # then: the first wins, the second sees the cycle once the first commits
    assert [type(r).__name__ for r in results] == ["CustomerGroup", "CycleError"]
    a.refresh_from_db()
    b.refresh_from_db()
    roots = [g for g in (a, b) if g.parent_id is None]
    assert len(roots) == 1
    child = b if roots[0] == a else a
    assert child.ancestor_ids == [roots[0].pk]


@pytest.mark.django_db(transaction=True)
def test_child_created_during_a_move_gets_the_new_path():
    # given
    root_a = create_group("Root A")
    root_b = create_group("Root B")
    region = create_group("Region", root_a)

    def create_branch():
        return tree.save_group(
            CustomerGroup(name="Branch", slug="branch"),
            CustomerGroup.objects.get(pk=region.pk),
        )

    # when: the branch is created while the move is still uncommitted
    handshake = Handshake()
    results = run_concurrently(
        handshake.first(move(region.pk, root_b.pk)), handshake.second(create_branch)
    )

    # then: the branch waited for the move and copied the new path
    assert not [r for r in results if isinstance(r, Exception)]
    branch = CustomerGroup.objects.get(slug="branch")
    region.refresh_from_db()
    assert region.ancestor_ids == [root_b.pk]
    assert branch.ancestor_ids == [root_b.pk, region.pk]
