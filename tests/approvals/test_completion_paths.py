"""Every path from a checkout to an order asks: automatic completion and the
legacy payment flow (``checkoutComplete`` with the Transactions API and
``orderCreateFromCheckout`` are in tests/graphql/approvals/test_flow.py)."""

import logging

import pytest
from django.utils import timezone
from saleor.checkout import CheckoutAuthorizeStatus, calculations
from saleor.checkout.fetch import fetch_checkout_info, fetch_checkout_lines
from saleor.checkout.models import Checkout
from saleor.checkout.tasks import trigger_automatic_checkout_completion_task
from saleor.order.models import Order
from saleor.payment import ChargeStatus
from saleor.plugins.manager import get_plugins_manager

from tests.graphql.approvals.operations import (
    complete,
    error_codes,
    request_and_approve,
)


class Records(logging.Handler):
    def __init__(self):
        super().__init__(logging.INFO)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        self.records.append(record)


@pytest.fixture
def completion_log():
    """What Saleor's automatic completion task logs (its logger does not
    propagate to pytest's)."""
    logger = logging.getLogger("saleor.checkout.tasks")
    handler = Records()
    logger.addHandler(handler)
    yield handler.records
    logger.removeHandler(handler)


@pytest.fixture
def automatic_completion(channel_USD):
    channel_USD.automatically_complete_fully_paid_checkouts = True
    channel_USD.automatic_completion_delay = 0
    channel_USD.save(
        update_fields=[
            "automatically_complete_fully_paid_checkouts",
            "automatic_completion_delay",
        ]
    )
    return channel_USD


def fully_authorized(checkout) -> Checkout:
    checkout = checkout.refresh()
    checkout.authorize_status = CheckoutAuthorizeStatus.FULL
    checkout.save(update_fields=["authorize_status"])
    return checkout


def test_automatic_completion_waits_for_the_approval(
    automatic_completion,
    approval_setup,
    buyer_checkout,
    user_api_client,
    completion_log,
):
    # given: a paid checkout that needs one approval
    setup = approval_setup
    checkout = buyer_checkout(4)
    fully_authorized(checkout)

    # when Saleor's beat task picks fully paid checkouts up
    trigger_automatic_checkout_completion_task()

    # then: not completed, and the log says why
    assert not Order.objects.exists()
    assert Checkout.objects.filter(pk=checkout.checkout.pk).exists()
    failures = [r for r in completion_log if r.levelno == logging.WARNING]
    assert len(failures) == 1
    assert "Checkout approval required" in failures[0].error

    # when approved, the next run completes it
    request_and_approve(user_api_client, checkout.id, setup.client(setup.approver))
    fully_authorized(checkout)
    trigger_automatic_checkout_completion_task()

    # then
    order = Order.objects.get()
    assert order.checkout_token == str(checkout.checkout.pk)


def test_automatic_completion_of_a_checkout_needing_no_approval(
    automatic_completion, approval_setup, buyer_checkout
):
    checkout = buyer_checkout(1)
    fully_authorized(checkout)

    trigger_automatic_checkout_completion_task()

    assert Order.objects.filter(checkout_token=str(checkout.checkout.pk)).exists()


@pytest.fixture
def legacy_payment(payment_dummy, address, checkout_delivery):
    """A checkout paid the legacy way: a Payment of the dummy gateway."""

    def pay(checkout: Checkout):
        checkout.shipping_address = address
        checkout.billing_address = address
        checkout.assigned_delivery = checkout_delivery(checkout)
        checkout.price_expiration = timezone.now()
        checkout.save()
        manager = get_plugins_manager(allow_replica=False)
        lines, _ = fetch_checkout_lines(checkout)
        info = fetch_checkout_info(checkout, lines, manager)
        total = calculations.calculate_checkout_total_with_gift_cards(
            manager, info, lines
        )
        payment = payment_dummy
        payment.order = None
        payment.checkout = checkout
        payment.is_active = True
        payment.total = total.gross.amount
        payment.currency = total.gross.currency
        payment.save()
        return payment

    return pay


def test_the_legacy_payment_flow_is_refused_before_charging(
    approval_setup, buyer_checkout, user_api_client, legacy_payment
):
    # given
    setup = approval_setup
    checkout = buyer_checkout(4, pay=False)
    payment = legacy_payment(checkout.checkout)

    # when
    refused = complete(user_api_client, checkout.id)

    # then: refused before the gateway was asked for anything
    assert error_codes(refused) == [("approval", "INVALID")]
    payment.refresh_from_db()
    assert payment.charge_status == ChargeStatus.NOT_CHARGED
    assert not payment.transactions.exists()

    # when approved
    request_and_approve(user_api_client, checkout.id, setup.client(setup.approver))
    completed = complete(user_api_client, checkout.id)

    # then the payment is taken and the order placed
    assert completed["errors"] == []
    payment.refresh_from_db()
    assert payment.charge_status == ChargeStatus.FULLY_CHARGED
    assert completed["order"]["checkoutApproval"]["state"] == "APPROVED"
