from io import StringIO

from django.core.management import call_command

from saleor_b2b_groups.groups import MembershipSource
from saleor_b2b_groups.segments.services import set_rules
from tests.fixtures.groups import create_group

from .helpers import make_customer


def test_the_command_recomputes_every_segment_with_progress(db):
    # given
    acme = create_group("ACME buyers")
    set_rules(acme, {"email_domain": {"domains": ["acme.com"]}})
    make_customer("a@acme.com")
    make_customer("b@globex.com")
    out = StringIO()

    # when
    call_command("b2b_segments_recompute", stdout=out)

    # then
    assert list(acme.memberships.values_list("user__email", "source")) == [
        ("a@acme.com", MembershipSource.SEGMENT)
    ]
    assert "segments" in out.getvalue()
    assert "1 joined, 0 left." in out.getvalue()
