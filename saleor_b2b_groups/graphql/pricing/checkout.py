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
from ...pricing.checkout import apply_group_prices
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
