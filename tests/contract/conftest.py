"""Taking a checkout to an order by each of Saleor's paths, watching the hook.

The package's last word before an order exists is its plugin's
``preprocess_order_creation`` (``order_creation.run_checks``). The contract tests of
pricing and approvals complete a checkout by every path Saleor has and observe
that hook being called (``order_creation_hook``), where and how.
"""

import sys
from collections.abc import Callable
from dataclasses import dataclass, field

import graphene
import pytest
from django.conf import settings
from django.contrib.sites.models import Site
from django.db import connections
from django.utils import timezone
from saleor.checkout import CheckoutAuthorizeStatus, calculations
from saleor.checkout.error_codes import CheckoutErrorCode
from saleor.checkout.fetch import (
    CheckoutInfo,
    CheckoutLineInfo,
    fetch_checkout_info,
    fetch_checkout_lines,
)
from saleor.checkout.models import Checkout
from saleor.checkout.tasks import trigger_automatic_checkout_completion_task
from saleor.graphql.tests.utils import get_graphql_content
from saleor.order.models import Order
from saleor.plugins.manager import get_plugins_manager

from saleor_b2b_groups import order_creation, plugin
from tests.fixtures.checkout_flow import CHECKOUT_COMPLETE, ORDER_CREATE_FROM_CHECKOUT

#: The paths from a checkout to an order.
TRANSACTIONS = "checkoutComplete"  # with the Transactions API
LEGACY = "checkoutComplete-legacy-payment"
ORDER_CREATE_FROM_CHECKOUT_PATH = "orderCreateFromCheckout"
AUTOMATIC = "automatic-completion"
PATHS = [TRANSACTIONS, LEGACY, ORDER_CREATE_FROM_CHECKOUT_PATH, AUTOMATIC]
#: The function of Saleor's that calls the hook on each path.
CALLERS = {
    TRANSACTIONS: "_prepare_checkout_with_transactions",
    LEGACY: "_prepare_order_data",
    ORDER_CREATE_FROM_CHECKOUT_PATH: "validate_checkout",
    AUTOMATIC: "_prepare_checkout_with_transactions",
}

REFUSAL_FIELD = "contract"


@dataclass
class HookCall:
    checkout_info: CheckoutInfo
    lines: list[CheckoutLineInfo]
    #: The names of the functions the hook was called from, innermost first.
    callers: list[str]


@dataclass
class OrderCreationHook:
    """Records each call of the plugin's ``preprocess_order_creation``."""

    calls: list[HookCall] = field(default_factory=list)
    #: Refuse the order, as a check of the package does.
    refuse: bool = False
    #: Run after each call is recorded (and before a refusal).
    then: Callable[[HookCall], None] | None = None

    def called_from(self, name: str) -> bool:
        return any(name in call.callers for call in self.calls)


def _callers() -> list[str]:
    frame = sys._getframe(2)
    names = []
    while frame is not None:
        names.append(frame.f_code.co_name)
        frame = frame.f_back
    return names


@pytest.fixture
def order_creation_hook(monkeypatch) -> OrderCreationHook:
    hook = OrderCreationHook()
    checks = plugin.run_checks

    def recording_checks(checkout_info, lines):
        call = HookCall(checkout_info, list(lines), _callers())
        hook.calls.append(call)
        checks(checkout_info, lines)
        if hook.then is not None:
            hook.then(call)
        if hook.refuse:
            order_creation.refuse(
                "Refused by the contract test.",
                checkout_code=CheckoutErrorCode.INVALID,
                field=REFUSAL_FIELD,
            )

    monkeypatch.setattr(plugin, "run_checks", recording_checks)
    return hook


@dataclass
class Completion:
    """What a path answered: the mutation's errors (None: a background task) and
    the order, if one was placed."""

    errors: list[dict] | None
    order: Order | None


@pytest.fixture
def complete_by(
    user_api_client,
    app_api_client,
    permission_handle_checkouts,
    customer_user,
    address,
    checkout_delivery,
    payment_dummy,
    pay_and_prepare_checkout,
):
    """``complete_by(path, checkout)``: pay for the checkout as the path needs and
    take it to an order by that path, as the buyer (an app for
    ``orderCreateFromCheckout``, Saleor's beat task for automatic completion)."""
    app_api_client.app.permissions.add(permission_handle_checkouts)

    def complete(path: str, checkout: Checkout) -> Completion:
        checkout_id = graphene.Node.to_global_id("Checkout", checkout.pk)
        if path == LEGACY:
            _pay_legacy(
                checkout, customer_user, address, checkout_delivery, payment_dummy
            )
        else:
            pay_and_prepare_checkout(checkout, user=customer_user)
        errors: list[dict] | None = None
        if path in (TRANSACTIONS, LEGACY):
            response = user_api_client.post_graphql(
                CHECKOUT_COMPLETE, {"id": checkout_id}
            )
            errors = get_graphql_content(response)["data"]["checkoutComplete"]["errors"]
        elif path == ORDER_CREATE_FROM_CHECKOUT_PATH:
            response = app_api_client.post_graphql(
                ORDER_CREATE_FROM_CHECKOUT, {"id": checkout_id}
            )
            data = get_graphql_content(response)["data"]
            errors = data["orderCreateFromCheckout"]["errors"]
        else:
            _complete_automatically(checkout)
        order = Order.objects.filter(checkout_token=str(checkout.pk)).first()
        return Completion(errors, order)

    return complete


def _pay_legacy(checkout, user, address, checkout_delivery, payment):
    """A Payment of the dummy gateway covering the total: the legacy flow."""
    checkout.user = user
    checkout.shipping_address = address
    checkout.billing_address = address
    checkout.assigned_delivery = checkout_delivery(checkout)
    checkout.price_expiration = timezone.now()
    checkout.save()
    manager = get_plugins_manager(allow_replica=False)
    lines, _ = fetch_checkout_lines(checkout)
    info = fetch_checkout_info(checkout, lines, manager)
    total = calculations.calculate_checkout_total_with_gift_cards(manager, info, lines)
    payment.order = None
    payment.checkout = checkout
    payment.is_active = True
    payment.total = total.gross.amount
    payment.currency = total.gross.currency
    payment.save()


def _complete_automatically(checkout: Checkout) -> None:
    channel = checkout.channel
    channel.automatically_complete_fully_paid_checkouts = True
    channel.automatic_completion_delay = 0
    channel.save(
        update_fields=[
            "automatically_complete_fully_paid_checkouts",
            "automatic_completion_delay",
        ]
    )
    Checkout.objects.filter(pk=checkout.pk).update(
        authorize_status=CheckoutAuthorizeStatus.FULL
    )
    trigger_automatic_checkout_completion_task()


def checkout_row_is_locked(checkout_pk) -> bool:
    """Whether another transaction holds the checkout's row lock (Saleor's
    ``select_for_update``), asked on a connection of its own.

    Needs a transactional test: the row must be committed to be seen."""
    connection = connections.create_connection(
        settings.DATABASE_CONNECTION_DEFAULT_NAME
    )
    table = Checkout._meta.db_table
    try:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT 1 FROM {table} WHERE token = %s", [checkout_pk])
            assert cursor.fetchone(), "the checkout is not committed"
            cursor.execute(
                f"SELECT 1 FROM {table} WHERE token = %s FOR UPDATE SKIP LOCKED",
                [checkout_pk],
            )
            return cursor.fetchone() is None
    finally:
        connection.close()


@pytest.fixture
def transactional_completion():
    """What a transactional test completing checkouts needs: a flushed database
    has new sites, so Django's cache of the current one is dropped."""
    Site.objects.clear_cache()
    yield
    Site.objects.clear_cache()
