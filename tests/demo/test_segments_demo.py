from saleor_b2b_groups.demo import segments
from saleor_b2b_groups.groups import MembershipSource
from saleor_b2b_groups.groups.models import CustomerGroupMembership


def test_demo_segments_load_once_with_their_members(default_customer_type, channel_USD):
    # when: loading twice is loading once
    segments.load(lambda _message: None)
    segments.load(lambda _message: None)

    # then
    assert segments.is_loaded()
    assert list(
        CustomerGroupMembership.objects.values_list(
            "group__slug", "user__email", "source"
        )
    ) == [("german-trade", segments.GERMAN_TRADER, MembershipSource.SEGMENT)]
