"""A change committed between the approval check and the order is caught.

With the Transactions API (and ``orderCreateFromCheckout``) Saleor runs
``preprocess_order_creation`` before it locks the checkout and reads it again to
build the order; ``approvals.completion`` checks once more under that lock. Here
the buyer's change lands exactly in that window, from another connection.
"""

import threading

import pytest
from django.db import connections
from saleor.checkout import complete_checkout
from saleor.graphql.tests.fixtures import ApiClient
from saleor.order.models import Order

from saleor_b2b_groups import plugin
from saleor_b2b_groups.approvals import completion
from tests.graphql.approvals.operations import (
    change_shipping_address,
    complete,
    error_codes,
    request_and_approve,
)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("concurrent_connections"),
]


@pytest.fixture
def change_after_the_checks(monkeypatch, approval_setup):
    """Once Saleor's hook has run this package's checks, the buyer changes the
    shipping address in another transaction, which commits."""

    def install(checkout):
        original = plugin.run_checks

        def run_checks_then_change(checkout_info, lines):
            original(checkout_info, lines)
            errors = []

            def change():
                try:
                    change_shipping_address(
                        ApiClient(user=approval_setup.buyer), checkout
                    )
                except Exception as e:  # surfaced below
                    errors.append(e)
                finally:
                    connections.close_all()

            thread = threading.Thread(target=change)
            thread.start()
            thread.join(timeout=30)
            assert not thread.is_alive(), "the change waited on a lock"
            assert errors == []

        monkeypatch.setattr(plugin, "run_checks", run_checks_then_change)

    return install


def approved_checkout(setup, buyer_checkout, client):
    checkout = buyer_checkout(4)
    request_and_approve(client, checkout.id, setup.client(setup.approver))
    return checkout


def test_a_change_in_the_window_is_refused_under_the_lock(
    approval_setup, buyer_checkout, user_api_client, change_after_the_checks
):
    # given
    checkout = approved_checkout(approval_setup, buyer_checkout, user_api_client)
    change_after_the_checks(checkout)

    # when
    refused = complete(user_api_client, checkout.id)

    # then
    assert refused["order"] is None
    assert error_codes(refused) == [("approval", "INVALID")]
    assert "changed after approval" in refused["errors"][0]["message"]
    assert not Order.objects.exists()


def test_without_the_second_look_the_unapproved_change_would_be_ordered(
    monkeypatch,
    approval_setup,
    buyer_checkout,
    user_api_client,
    change_after_the_checks,
):
    # given: Saleor's function as it is, unwrapped
    wrapped = complete_checkout._create_order_from_checkout
    assert getattr(wrapped, "__wrapped__", None) is not None
    monkeypatch.setattr(
        complete_checkout, "_create_order_from_checkout", wrapped.__wrapped__
    )
    checkout = approved_checkout(approval_setup, buyer_checkout, user_api_client)
    change_after_the_checks(checkout)

    # when
    completed = complete(user_api_client, checkout.id)

    # then: the race is real; the patch is what closes it
    assert completed["errors"] == []
    order = Order.objects.get()
    assert order.shipping_address.street_address_1 == "Tęczowa 9"
    assert completion.SALEOR_FUNCTION == "_create_order_from_checkout"
