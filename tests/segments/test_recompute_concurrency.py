"""Recomputes racing each other and an admin, in real concurrent transactions."""

import pytest
from saleor.plugins.manager import get_plugins_manager

from saleor_b2b_groups.groups import MembershipSource, services
from saleor_b2b_groups.groups.models import CustomerGroupMembership
from saleor_b2b_groups.segments import services as segment_services
from saleor_b2b_groups.segments.models import CustomerGroupSegment
from saleor_b2b_groups.webhooks.models import OutboxEvent
from tests.fixtures.groups import create_group
from tests.groups.test_tree_concurrency import run_concurrently

from .helpers import make_customer

pytestmark = pytest.mark.django_db(transaction=True)


def recompute(group_pk):
    def run():
        segment = CustomerGroupSegment.objects.select_related("group").get(
            group_id=group_pk
        )
        return segment_services.recompute_group(
            segment, get_plugins_manager(allow_replica=False)
        )

    return run


def test_two_recomputes_at_once_add_each_customer_once():
    # given
    group = create_group("ACME buyers")
    segment_services.set_rules(group, {"email_domain": {"domains": ["acme.com"]}})
    for i in range(5):
        make_customer(f"c{i}@acme.com")

    # when
    results = run_concurrently(recompute(group.pk), recompute(group.pk))

    # then: no error; the first adds everyone, the second finds nothing to do
    assert not [r for r in results if isinstance(r, Exception)], results
    assert sorted(len(r.added) for r in results) == [0, 5]
    assert CustomerGroupMembership.objects.filter(group=group).count() == 5
    assert (
        OutboxEvent.objects.filter(
            event_type="customer_group_membership_changed"
        ).count()
        == 1
    )


def test_a_recompute_racing_an_admin_who_adds_the_customer():
    # given
    group = create_group("ACME buyers")
    segment_services.set_rules(group, {"email_domain": {"domains": ["acme.com"]}})
    customer = make_customer("c@acme.com")

    def admin_adds():
        services.add_members(
            group, [(customer.pk, "approver")], get_plugins_manager(allow_replica=False)
        )

    # when
    results = run_concurrently(recompute(group.pk), admin_adds)

    # then: one membership; whoever came first decided its source, and no
    # IntegrityError reached either side unhandled
    errors = [r for r in results if isinstance(r, Exception)]
    assert all(isinstance(e, services.MembershipError) for e in errors), errors
    [membership] = CustomerGroupMembership.objects.filter(group=group)
    if errors:  # the recompute came first: the admin was told ALREADY_A_MEMBER
        assert membership.source == MembershipSource.SEGMENT
    else:
        assert (membership.source, membership.role) == (
            MembershipSource.MANUAL,
            "approver",
        )
