"""The outbox: events exist exactly when their change commits, numbered per aggregate."""

import pytest
from django.db import transaction

from saleor_b2b_groups.webhooks import ErpEventType
from saleor_b2b_groups.webhooks.events import Aggregate, emit, emit_many
from saleor_b2b_groups.webhooks.models import ErpEndpoint, EventDelivery, OutboxEvent
from tests.fixtures.groups import create_group
from tests.groups.test_tree_concurrency import run_concurrently

UPDATED = ErpEventType.CUSTOMER_GROUP_UPDATED


def test_emit_writes_the_event_in_the_callers_transaction(db):
    # given
    group = create_group("ACME")

    # when the change rolls back
    def change_then_fail():
        with transaction.atomic():
            emit(UPDATED, group, {"n": 1})
            raise RuntimeError

    with pytest.raises(RuntimeError):
        change_then_fail()

    # then there is no event
    assert not OutboxEvent.objects.exists()

    # when it commits
    event = emit(UPDATED, group, {"n": 2})

    # then
    stored = OutboxEvent.objects.get()
    assert stored.pk == event.pk
    assert stored.aggregate_type == "customer_group"
    assert stored.aggregate_id == "Q3VzdG9tZXJHcm91cDo" + stored.aggregate_id[19:]
    assert stored.sequence == 1
    assert stored.payload == {"n": 2}


def test_sequence_numbers_count_per_aggregate(db):
    # given
    one, two = Aggregate("thing", "1"), Aggregate("thing", "2")

    # when
    emit(UPDATED, one, {})
    emit_many([(UPDATED, one, {}), (UPDATED, two, {}), (UPDATED, one, {})])

    # then
    sequences = list(
        OutboxEvent.objects.order_by("aggregate_id", "sequence").values_list(
            "aggregate_id", "sequence"
        )
    )
    assert sequences == [("1", 1), ("1", 2), ("1", 3), ("2", 1)]


def test_unknown_event_type_is_refused(db):
    with pytest.raises(ValueError, match="Unknown ERP event type"):
        emit("nonsense", Aggregate("thing", "1"), {})
    assert not OutboxEvent.objects.exists()


def test_deliveries_only_for_active_endpoints_that_want_the_type(db):
    # given
    everything = ErpEndpoint.objects.create(name="all", target_url="http://x/")
    groups_only = ErpEndpoint.objects.create(
        name="groups", target_url="http://x/", events=[UPDATED]
    )
    ErpEndpoint.objects.create(
        name="orders", target_url="http://x/", events=[ErpEventType.ORDER_PLACED]
    )
    ErpEndpoint.objects.create(name="off", target_url="http://x/", is_active=False)

    # when
    event = emit(UPDATED, Aggregate("thing", "1"), {})

    # then
    assert set(
        EventDelivery.objects.filter(event=event).values_list("endpoint", flat=True)
    ) == {everything.pk, groups_only.pk}


@pytest.mark.django_db(transaction=True)
def test_concurrent_changes_of_one_aggregate_get_distinct_sequences():
    # given
    aggregate = Aggregate("thing", "race")

    def change():
        with transaction.atomic():
            return emit(UPDATED, aggregate, {}).sequence

    # when eight transactions emit for the same aggregate at once
    results = run_concurrently(*[change] * 8)

    # then the numbers are 1..8, no gaps, no duplicates
    assert sorted(results) == list(range(1, 9)), results
    assert sorted(
        OutboxEvent.objects.filter(aggregate_id="race").values_list(
            "sequence", flat=True
        )
    ) == list(range(1, 9))
