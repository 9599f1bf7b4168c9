"""Group prices follow every checkout mutation that can change them.

After Saleor's own mutation has done its work, the checkout's lines are brought to
the buyer's group prices (``pricing.checkout.apply_group_prices``) before the
response is resolved, so the payload already shows what the buyer will pay. Wrapping
the mutations, rather than reacting to Saleor's deprecated ``checkout_updated``
plugin hook, keeps this inside the request whatever the transaction state (the
hook runs ``on_commit`` inside atomic blocks).
"""

from collections.abc import Callable
from functools import partial

from saleor.core.db.connection import allow_writer
from saleor.graphql.core import ResolveInfo
from saleor.graphql.plugins.dataloaders import get_plugin_manager_promise

from ...activation import is_plugin_active
from ...buyers.context import of_checkout
from ...patches import record
from ...pricing.checkout import (
    PRICED_IN_PLACE,
    apply_group_prices,
    price_lines_in_place,
)
from ..schema_extension import ResolverWrapper

#: Saleor mutations after which a line's price may differ: lines, quantities
#: (tiers) or the customer changed.
REPRICING_MUTATIONS = [
    "checkout_create",
    "checkout_create_from_order",
    "checkout_lines_add",
    "checkout_lines_update",
    "checkout_lines_delete",
    "checkout_line_delete",
    "checkout_customer_attach",
    "checkout_customer_detach",
]


def _reprice_after(resolve: Callable, *, guest_lines_are_new: bool = False) -> Callable:
    def resolve_and_reprice(root, info: ResolveInfo, **kwargs):
        result = resolve(root, info, **kwargs)
        context_checkout = getattr(result, "checkout", None)
        checkout = getattr(context_checkout, "node", context_checkout)
        if checkout is None or getattr(result, "errors", None):
            return result
        if guest_lines_are_new and checkout.user_id is None:
            return result  # a guest's new lines are at Saleor's prices: nothing to read
        if getattr(checkout, PRICED_IN_PLACE, False):
            return result  # priced inside Saleor's mutation (price_lines_in_place)
        with allow_writer():  # a mutation: read and write the primary database
            manager = get_plugin_manager_promise(info.context).get()
            if is_plugin_active(manager):
                buyer = of_checkout(checkout, requestor=info.context.user)
                apply_group_prices(checkout, manager, buyer=buyer)
        return result

    return resolve_and_reprice


CHECKOUT_REPRICING = [
    ResolverWrapper(
        "Mutation",
        name,
        partial(_reprice_after, guest_lines_are_new=name == "checkout_create"),
    )
    for name in REPRICING_MUTATIONS
]


#: Saleor's class whose ``process_lines_input`` writes the lines of
#: ``checkoutLinesAdd`` and ``checkoutLinesUpdate`` (a subclass calling it) and
#: returns them freshly fetched, right before the mutation calculates the checkout.
SALEOR_LINES_MUTATION = (
    "saleor.graphql.checkout.mutations.checkout_lines_add.CheckoutLinesAdd"
)
_PRICES_IN_PLACE_MARK = "__b2b_groups_prices_in_place__"


def prices_in_place(process_lines_input: Callable) -> Callable:
    """Wrap ``CheckoutLinesAdd.process_lines_input`` (the bound classmethod's
    function): the lines it returns get the buyer's group prices before Saleor
    calculates the checkout from them, so the re-pricing after the mutation has
    nothing left to do (no second fetch of lines and checkout info)."""

    def process_lines_input_at_group_prices(
        cls, info: ResolveInfo, checkout, *args, **kwargs
    ):
        lines = process_lines_input(cls, info, checkout, *args, **kwargs)
        manager = get_plugin_manager_promise(info.context).get()  # loaded already
        if is_plugin_active(manager):
            buyer = of_checkout(checkout, requestor=info.context.user)
            price_lines_in_place(checkout, lines, buyer)
        return lines

    process_lines_input_at_group_prices.__wrapped__ = process_lines_input  # type: ignore[attr-defined]
    setattr(process_lines_input_at_group_prices, _PRICES_IN_PLACE_MARK, True)
    return process_lines_input_at_group_prices


def install() -> None:
    """Idempotent; called once from ``AppConfig.ready`` (``patches.PATCHES``)."""
    from importlib import import_module

    module_name, class_name = SALEOR_LINES_MUTATION.rsplit(".", 1)
    mutation = getattr(import_module(module_name), class_name)
    current = mutation.__dict__["process_lines_input"].__func__
    if not getattr(current, _PRICES_IN_PLACE_MARK, False):
        mutation.process_lines_input = classmethod(prices_in_place(current))
    record(f"{SALEOR_LINES_MUTATION}.process_lines_input", __name__)
