"""Two writers adding the same variant to a list at once, in real concurrent
transactions: both quantities count, and the list keeps one line."""

import pytest

from saleor_b2b_groups.buyers.context import of_customer
from saleor_b2b_groups.groups import CustomerGroupRole
from saleor_b2b_groups.selfservice import RequisitionListVisibility
from saleor_b2b_groups.selfservice.lists import add_lines
from saleor_b2b_groups.selfservice.models import RequisitionList, RequisitionListLine
from saleor_b2b_groups.selfservice.rows import Row
from tests.approvals.conftest import concurrent_connections  # noqa: F401
from tests.fixtures.approvals import make_user
from tests.fixtures.groups import add_member
from tests.groups.test_tree_concurrency import Handshake, run_concurrently

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("concurrent_connections"),
]


def test_concurrent_adds_of_one_variant_make_one_line_with_both_quantities(
    group_tree, buyer_in_branch, product
):
    # given: the buyer's list shared with Berlin, whose manager edits it too
    manager = make_user("maria.manager@example.com")
    add_member(group_tree["berlin"], manager, CustomerGroupRole.MANAGER)
    found = RequisitionList.objects.create(
        name="Kit",
        owner=buyer_in_branch,
        visibility=RequisitionListVisibility.GROUP,
        group=group_tree["berlin"],
    )
    variant = product.variants.get()

    def adding(user, quantity):
        def run():
            buyer = of_customer(user.pk)
            row = Row(number=1, quantity=quantity, variant_id=variant.pk)
            return add_lines(buyer, user, found.pk, [row])

        return run

    # when
    handshake = Handshake()
    results = run_concurrently(
        handshake.first(adding(buyer_in_branch, 2)),
        handshake.second(adding(manager, 3)),
    )

    # then
    assert not any(isinstance(r, Exception) for r in results), results
    line = RequisitionListLine.objects.get()
    assert line.quantity == 5
