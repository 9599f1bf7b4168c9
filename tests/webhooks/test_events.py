"""The outbox: events exist exactly when their change commits, numbered per aggregate."""

import pytest
from django.db import transaction

from saleor_b2b_groups.webhooks import ErpEventType, payloads
from saleor_b2b_groups.webhooks.events import Aggregate, aggregate_of, emit, emit_many
from saleor_b2b_groups.webhooks.models import ErpEndpoint, EventDelivery, OutboxEvent
from tests.fixtures.groups import create_group
from tests.graphql.groups.utils import group_id
from tests.groups.test_tree_concurrency import run_concurrently

UPDATED = ErpEventType.CUSTOMER_GROUP_UPDATED


def update_of(group):
    return (UPDATED, group, payloads.customer_group(group))


def test_emit_writes_the_event_in_the_callers_transaction(db):
    # given
    group = create_group("ACME")

    # when the change rolls back
    def change_then_fail():
        with transaction.atomic():
            emit(*update_of(group))
            raise RuntimeError

    with pytest.raises(RuntimeError):
        change_then_fail()

    # then there is no event
    assert not OutboxEvent.objects.exists()

    # when it commits
    event = emit(*update_of(group))

    # then
    stored = OutboxEvent.objects.get()
    assert stored.pk == event.pk
    assert stored.aggregate_type == "customer_group"
    assert stored.aggregate_id == group_id(group)
    assert stored.sequence == 1
    assert stored.payload == payloads.customer_group(group)


def test_sequence_numbers_count_per_aggregate(db):
    # given
    one, two = create_group("One"), create_group("Two")

    # when
    emit(*update_of(one))
    emit_many([update_of(one), update_of(two), update_of(one)])

    # then
    sequences = list(
        OutboxEvent.objects.order_by("aggregate_id", "sequence").values_list(
            "aggregate_id", "sequence"
        )
    )
    assert sorted(sequences) == sorted(
        [(group_id(one), 1), (group_id(one), 2), (group_id(one), 3), (group_id(two), 1)]
    )


def test_unknown_event_type_is_refused(db):
    with pytest.raises(ValueError, match="Unknown ERP event type"):
        emit("nonsense", Aggregate("customer_group", "1"), {})
    assert not OutboxEvent.objects.exists()


def test_deliveries_for_endpoints_that_want_the_type_paused_ones_included(db):
    # given
    everything = ErpEndpoint.objects.create(name="all", target_url="http://x/")
    groups_only = ErpEndpoint.objects.create(
        name="groups", target_url="http://x/", events=[UPDATED]
    )
    ErpEndpoint.objects.create(
        name="orders", target_url="http://x/", events=[ErpEventType.ORDER_PLACED]
    )
    paused = ErpEndpoint.objects.create(
        name="off", target_url="http://x/", is_active=False
    )

    # when
    event = emit(*update_of(create_group("ACME")))

    # then
    assert set(
        EventDelivery.objects.filter(event=event).values_list("endpoint", flat=True)
    ) == {everything.pk, groups_only.pk, paused.pk}


@pytest.mark.django_db(transaction=True)
def test_concurrent_changes_of_one_aggregate_get_distinct_sequences():
    # given
    group = create_group("Race")
    aggregate = aggregate_of(group)

    def change():
        with transaction.atomic():
            return emit(*update_of(group)).sequence

    # when eight transactions emit for the same aggregate at once
    results = run_concurrently(*[change] * 8)

    # then the numbers are 1..8, no gaps, no duplicates
    assert sorted(results) == list(range(1, 9)), results
    assert sorted(
        OutboxEvent.objects.filter(aggregate_id=aggregate.id).values_list(
            "sequence", flat=True
        )
    ) == list(range(1, 9))
