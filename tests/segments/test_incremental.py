from django.db import connection
from django.test.utils import CaptureQueriesContext
from saleor.plugins.manager import get_plugins_manager

from saleor_b2b_groups.groups import MembershipSource
from saleor_b2b_groups.groups.models import CustomerGroupMembership
from saleor_b2b_groups.segments.services import recompute_customers, set_rules
from tests.fixtures.groups import create_group

from .helpers import make_customer


def test_a_customer_is_matched_against_every_segment_in_one_query(db):
    # given: ten segments, a customer who matches two of them
    groups = []
    for i in range(10):
        group = create_group(f"Segment {i}")
        domain = "acme.com" if i < 2 else f"other{i}.com"
        set_rules(group, {"email_domain": {"domains": [domain]}})
        groups.append(group)
    customer = make_customer("buyer@acme.com")
    manager = get_plugins_manager(allow_replica=False)

    # when
    changed = recompute_customers([customer.pk], manager)
    with CaptureQueriesContext(connection) as captured:
        unchanged = recompute_customers([customer.pk], manager)

    # then: joined the two; a second pass reads segments, matches, memberships
    assert set(changed) == {groups[0].pk, groups[1].pk}
    assert sorted(
        CustomerGroupMembership.objects.filter(user=customer).values_list(
            "group__name", "source"
        )
    ) == [
        ("Segment 0", MembershipSource.SEGMENT),
        ("Segment 1", MembershipSource.SEGMENT),
    ]
    assert unchanged == {}
    statements = [q["sql"] for q in captured if "SAVEPOINT" not in q["sql"]]
    assert len(statements) == 3, statements
