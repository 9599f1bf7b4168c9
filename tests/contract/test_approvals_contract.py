"""What checkout approvals rely on in Saleor 3.23; fails loudly when an upgrade
moves it."""

import inspect

from saleor.checkout import checkout_cleaner, complete_checkout, tasks
from saleor.checkout.models import Checkout
from saleor.graphql.api import schema
from saleor.graphql.checkout.dataloaders.calculations import (
    CheckoutPriceCalculationByCheckoutIdAndWebhookSyncAndForceStatusUpdateLoader,
)
from saleor.order.models import Order

from saleor_b2b_groups import order_creation, patches
from saleor_b2b_groups.approvals import completion


def source(function) -> str:
    return inspect.getsource(inspect.unwrap(function))


def test_every_path_to_an_order_runs_the_hook():
    # checkoutComplete, Transactions API; legacy payment flow; orderCreateFromCheckout
    assert "manager.preprocess_order_creation(" in source(
        complete_checkout._prepare_checkout_with_transactions
    )
    assert "manager.preprocess_order_creation(" in source(
        complete_checkout._prepare_order_data
    )
    assert "manager.preprocess_order_creation(" in source(
        checkout_cleaner.validate_checkout
    )
    # automatic completion goes through complete_checkout and swallows refusals
    automatic = source(tasks.automatic_checkout_completion_task)
    assert "complete_checkout(" in automatic
    assert "except ValidationError" in automatic


def test_the_approval_check_runs_after_the_price_check():
    assert order_creation.CHECKS.index(
        "saleor_b2b_groups.approvals.completion.check_approval_before_order"
    ) > order_creation.CHECKS.index(
        "saleor_b2b_groups.pricing.checkout.check_group_prices_before_order"
    )


def test_orders_are_built_under_the_lock_by_the_function_we_wrap():
    create = source(complete_checkout.create_order_from_checkout)
    locked = create.index("Checkout.objects.select_for_update()")
    refetched = create.index("fetch_checkout_lines(checkout")
    built = create.index("_create_order_from_checkout(")
    assert locked < refetched < built
    parameters = inspect.signature(
        inspect.unwrap(complete_checkout._create_order_from_checkout)
    ).parameters
    assert {"checkout_info", "checkout_lines_info", "manager"} <= set(parameters)


def test_the_second_look_is_installed():
    assert "saleor_b2b_groups.approvals.completion.install" in patches.PATCHES
    wrapped = complete_checkout._create_order_from_checkout
    assert getattr(wrapped, completion._WRAPPED_MARK, False)
    completion.install()  # idempotent
    assert complete_checkout._create_order_from_checkout is wrapped


def test_the_legacy_flow_checks_under_its_lock_and_builds_from_what_it_checked():
    flow = source(complete_checkout.complete_checkout_with_payment)
    assert flow.index("select_for_update()") < flow.index(
        "complete_checkout_pre_payment_part("
    )
    assert "order_data=order_data" in flow


def test_a_checkout_is_known_by_its_token_and_so_is_its_order():
    assert Checkout._meta.pk.name == "token"
    field = Order._meta.get_field("checkout_token")
    assert field.get_internal_type() == "CharField"
    indexed = [index.fields for index in Order._meta.indexes]
    assert ["checkout_token"] in indexed


def test_checkout_approval_reads_saleors_price_calculation():
    loader = (
        CheckoutPriceCalculationByCheckoutIdAndWebhookSyncAndForceStatusUpdateLoader
    )
    assert "fetch_checkout_data(" in inspect.getsource(loader.batch_load)
    checkout_type = inspect.getsource(schema.get_type("Checkout").graphene_type)
    total_price = checkout_type[checkout_type.index("def resolve_total_price(") :]
    total_price = total_price[: total_price.index("@staticmethod")]
    assert loader.__name__ in total_price  # the same calculation totalPrice shows
