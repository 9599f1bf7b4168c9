"""What checkout approvals rely on in Saleor 3.23; fails loudly when an upgrade
moves it.

The checkouts are taken to an order by Saleor's own paths (``conftest.py``), with
the plugin's ``preprocess_order_creation`` hook recorded or made to refuse.
"""

import inspect
from functools import wraps

import graphene
import pytest
from saleor.checkout import complete_checkout
from saleor.checkout.models import Checkout, CheckoutLine
from saleor.graphql.checkout.dataloaders import calculations
from saleor.graphql.checkout.dataloaders.calculations import (
    CheckoutPriceCalculationByCheckoutIdAndWebhookSyncAndForceStatusUpdateLoader,
)
from saleor.graphql.checkout.mutations import order_create_from_checkout
from saleor.graphql.tests.utils import get_graphql_content
from saleor.order.models import Order

from saleor_b2b_groups import order_creation, patches
from saleor_b2b_groups.approvals import completion

from .conftest import (
    AUTOMATIC,
    CALLERS,
    LEGACY,
    ORDER_CREATE_FROM_CHECKOUT_PATH,
    PATHS,
    REFUSAL_FIELD,
    TRANSACTIONS,
    checkout_row_is_locked,
)

#: What the refusal of a check becomes on each path (automatic completion logs it).
REFUSED_WITH = {
    TRANSACTIONS: [(REFUSAL_FIELD, "INVALID")],
    LEGACY: [(REFUSAL_FIELD, "INVALID")],
    ORDER_CREATE_FROM_CHECKOUT_PATH: [(REFUSAL_FIELD, "GRAPHQL_ERROR")],
    AUTOMATIC: None,
}


def codes(errors: list[dict] | None) -> list[tuple[str, str]] | None:
    if errors is None:
        return None
    return [(error["field"], error["code"]) for error in errors]


@pytest.mark.parametrize("path", PATHS)
def test_every_path_to_an_order_runs_the_hook(
    path, checkout_with_item, order_creation_hook, complete_by
):
    # checkoutComplete, Transactions API; legacy payment flow; orderCreateFromCheckout;
    # automatic completion, which goes through complete_checkout and swallows refusals
    # given: the package's checks refuse
    checkout = checkout_with_item
    order_creation_hook.refuse = True

    # when
    completed = complete_by(path, checkout)

    # then: no order, the refusal answered with the path's own error codes
    assert completed.order is None
    assert codes(completed.errors) == REFUSED_WITH[path]
    assert Checkout.objects.filter(pk=checkout.pk).exists()
    assert order_creation_hook.called_from(CALLERS[path])
    if path == AUTOMATIC:
        assert order_creation_hook.called_from("automatic_checkout_completion_task")
        assert order_creation_hook.called_from("complete_checkout")


class _WithoutTheHook:
    """A plugin manager whose ``preprocess_order_creation`` does nothing."""

    def __init__(self, manager):
        self._manager = manager

    def __getattr__(self, name):
        return getattr(self._manager, name)

    def preprocess_order_creation(self, checkout_info, lines=None):
        return None


#: Where each path calls the hook: (module, function), called with ``manager=``.
HOOK_SITES = {
    TRANSACTIONS: (complete_checkout, "_prepare_checkout_with_transactions"),
    LEGACY: (complete_checkout, "_prepare_order_data"),
    ORDER_CREATE_FROM_CHECKOUT_PATH: (order_create_from_checkout, "validate_checkout"),
}


@pytest.mark.parametrize("path", HOOK_SITES)
def test_a_path_that_stops_calling_the_hook_is_caught(
    path, monkeypatch, checkout_with_item, order_creation_hook, complete_by
):
    # The negative of the test above: were this function of Saleor's to stop
    # calling the hook, the order would be placed despite the refusal.
    module, name = HOOK_SITES[path]
    saleors = getattr(module, name)

    @wraps(saleors)
    def without_the_hook(*args, manager, **kwargs):
        return saleors(*args, manager=_WithoutTheHook(manager), **kwargs)

    monkeypatch.setattr(module, name, without_the_hook)
    order_creation_hook.refuse = True

    completed = complete_by(path, checkout_with_item)

    assert order_creation_hook.calls == []
    assert completed.order is not None


def test_the_approval_check_runs_after_the_price_check():
    assert order_creation.CHECKS.index(
        "saleor_b2b_groups.approvals.completion.check_approval_before_order"
    ) > order_creation.CHECKS.index(
        "saleor_b2b_groups.pricing.checkout.check_group_prices_before_order"
    )


def _change_quantity(checkout_line_pk, quantity: int):
    """After the hook checked the checkout, its line changes."""

    def change(_call):
        CheckoutLine.objects.filter(pk=checkout_line_pk).update(quantity=quantity)

    return change


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("transactional_completion")
@pytest.mark.parametrize("path", [TRANSACTIONS, ORDER_CREATE_FROM_CHECKOUT_PATH])
def test_orders_are_built_under_the_lock_by_the_function_we_wrap(
    path, monkeypatch, checkout_with_item, order_creation_hook, complete_by
):
    # given: what approvals.completion wraps takes these parameters
    parameters = inspect.signature(
        inspect.unwrap(complete_checkout._create_order_from_checkout)
    ).parameters
    assert {"checkout_info", "checkout_lines_info", "manager"} <= set(parameters)
    # the line changes after the hook ran, before Saleor locks the checkout
    checkout = checkout_with_item
    assert not checkout_row_is_locked(checkout.pk)  # the probe tells them apart
    line = checkout.lines.get()
    assert line.quantity != 2
    order_creation_hook.then = _change_quantity(line.pk, 2)
    # and the function the package wraps is watched, on top of its wrapper
    installed = complete_checkout._create_order_from_checkout
    assert getattr(installed, completion._WRAPPED_MARK, False)
    seen = []

    def watched(*, checkout_info, checkout_lines_info, **kwargs):
        seen.append(
            (
                checkout_row_is_locked(checkout_info.checkout.pk),
                [info.line.quantity for info in checkout_lines_info],
            )
        )
        return installed(
            checkout_info=checkout_info,
            checkout_lines_info=checkout_lines_info,
            **kwargs,
        )

    monkeypatch.setattr(complete_checkout, "_create_order_from_checkout", watched)

    # when
    completed = complete_by(path, checkout)

    # then: called once, under the checkout's row lock, with the lines read again
    # under it; the order is built from those
    assert completed.errors == []
    assert seen == [(True, [2])]
    assert [line.quantity for line in completed.order.lines.all()] == [2]


def test_the_second_look_is_installed():
    assert "saleor_b2b_groups.approvals.completion.install" in patches.PATCHES
    wrapped = complete_checkout._create_order_from_checkout
    assert getattr(wrapped, completion._WRAPPED_MARK, False)
    completion.install()  # idempotent
    assert complete_checkout._create_order_from_checkout is wrapped


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("transactional_completion")
def test_the_legacy_flow_checks_under_its_lock_and_builds_from_what_it_checked(
    checkout_with_item, order_creation_hook, complete_by
):
    # given: while the hook runs, is the checkout locked? Then its line changes.
    checkout = checkout_with_item
    assert not checkout_row_is_locked(checkout.pk)  # the probe tells them apart
    line = checkout.lines.get()
    checked_quantity = line.quantity
    locked = []
    change = _change_quantity(line.pk, checked_quantity + 1)

    def look_then_change(call):
        locked.append(checkout_row_is_locked(checkout.pk))
        change(call)

    order_creation_hook.then = look_then_change

    # when
    completed = complete_by(LEGACY, checkout)

    # then: checked under the lock, in the payment flow; the order is what was
    # checked, not what the line became
    assert completed.errors == []
    assert order_creation_hook.called_from("complete_checkout_with_payment")
    assert locked == [True]
    assert [line.quantity for line in completed.order.lines.all()] == [checked_quantity]


def test_a_checkout_is_known_by_its_token_and_so_is_its_order():
    assert Checkout._meta.pk.name == "token"
    field = Order._meta.get_field("checkout_token")
    assert field.get_internal_type() == "CharField"
    indexed = [index.fields for index in Order._meta.indexes]
    assert ["checkout_token"] in indexed


CHECKOUT_TOTAL = """
query ($id: ID) { checkout(id: $id) { totalPrice { gross { amount } } } }
"""
CHECKOUT_TOTAL_AND_APPROVAL = """
query ($id: ID) {
  checkout(id: $id) { totalPrice { gross { amount } } approval { state } }
}
"""


def test_checkout_approval_reads_saleors_price_calculation(
    monkeypatch, user_api_client, checkout_with_item, customer_user
):
    # Checkout.approval loads this loader: it must be the calculation totalPrice shows.
    # given: the loader's batches and Saleor's price calculation are watched
    loader = (
        CheckoutPriceCalculationByCheckoutIdAndWebhookSyncAndForceStatusUpdateLoader
    )
    batches = []
    calculated = []
    batch_load = loader.batch_load
    fetch_checkout_data = calculations.fetch_checkout_data

    def watched_batch(self, keys):
        batches.append(list(keys))
        return batch_load(self, keys)

    def watched_calculation(checkout_info, *args, **kwargs):
        calculated.append(checkout_info.checkout.pk)
        return fetch_checkout_data(checkout_info, *args, **kwargs)

    monkeypatch.setattr(loader, "batch_load", watched_batch)
    monkeypatch.setattr(calculations, "fetch_checkout_data", watched_calculation)
    checkout = checkout_with_item
    checkout.user = customer_user
    checkout.save(update_fields=["user"])
    variables = {"id": graphene.Node.to_global_id("Checkout", checkout.pk)}

    # when: totalPrice alone
    response = user_api_client.post_graphql(CHECKOUT_TOTAL, variables)

    # then: Saleor's calculation, through the loader
    total = get_graphql_content(response)["data"]["checkout"]["totalPrice"]
    assert total["gross"]["amount"] > 0
    assert len(batches) == 1
    [(token, _allow_sync_webhooks, force_update)] = batches[0]
    assert (token, force_update) == (checkout.pk, False)
    assert calculated == [checkout.pk]

    # when: totalPrice and the approval together
    batches.clear()
    calculated.clear()
    response = user_api_client.post_graphql(CHECKOUT_TOTAL_AND_APPROVAL, variables)

    # then: one calculation serves both
    assert get_graphql_content(response)["data"]["checkout"]["approval"] is not None
    assert [len(keys) for keys in batches] == [1]
    assert calculated == [checkout.pk]
