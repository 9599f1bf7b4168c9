"""No order from a checkout that needs approval and is not approved as it is.

``check_approval_before_order`` is in ``order_creation.CHECKS``: Saleor's
``preprocess_order_creation`` runs it on every path that turns a checkout into an
order (``checkoutComplete`` with the Transactions API and with the legacy payment
flow, ``orderCreateFromCheckout``, automatic completion), after Saleor's own price
calculation and after the group price check.

With the Transactions API and ``orderCreateFromCheckout``, Saleor runs that hook
*before* it locks the checkout and reads it again to build the order, so a line
change committed in between would reach the order unapproved. ``install`` (listed
in ``patches.PATCHES``) therefore wraps Saleor's ``_create_order_from_checkout``,
which runs under that lock on the lines the order is built from, to check once
more there. The legacy payment flow needs no second look: it runs the hook under
its lock and builds the order from the data it checked.
"""

import inspect
from collections.abc import Callable
from functools import wraps

from django.core.exceptions import ImproperlyConfigured
from saleor.checkout.error_codes import CheckoutErrorCode

from ..activation import is_plugin_active
from ..buyers.context import of_checkout_info
from ..buyers.guests import check_guest_is_not_member
from ..order_creation import refuse
from ..patches import record
from .actions import view_of

SALEOR_MODULE = "saleor.checkout.complete_checkout"
SALEOR_FUNCTION = "_create_order_from_checkout"
_WRAPPED_MARK = "__b2b_groups_approval_check__"

#: The error's ``field``, so that storefronts can tell this refusal apart.
ERROR_FIELD = "approval"


def check_approval_before_order(checkout_info, lines) -> None:
    buyer = of_checkout_info(checkout_info).groups
    if not buyer.is_member:
        return  # no group, no policy: Saleor as it is
    view = view_of(checkout_info, lines, buyer=buyer)
    if view.allows_order:
        return
    refuse(
        f"Checkout approval {view.state.replace('_', ' ')}: {view.message}",
        checkout_code=CheckoutErrorCode.INVALID,
        field=ERROR_FIELD,
    )


def check_again_under_lock(create: Callable) -> Callable:
    """Wrap Saleor's ``_create_order_from_checkout`` (see the module docstring)."""
    if getattr(create, _WRAPPED_MARK, False):
        return create
    signature = inspect.signature(create)
    for name in ("checkout_info", "checkout_lines_info", "manager"):
        if name not in signature.parameters:
            raise ImproperlyConfigured(
                f"{SALEOR_MODULE}.{SALEOR_FUNCTION} no longer takes '{name}': this "
                "Saleor version is not supported by saleor-b2b-groups."
            )

    @wraps(create)
    def create_order_from_approved_checkout(*args, **kwargs):
        bound = signature.bind(*args, **kwargs)
        manager = bound.arguments["manager"]
        if is_plugin_active(manager):
            checkout_info = bound.arguments["checkout_info"]
            lines = bound.arguments["checkout_lines_info"]
            # Saleor has just given a guest checkout to the account with its e-mail
            # (assign_checkout_user): the buyer rule of ``buyers`` holds here too.
            check_guest_is_not_member(checkout_info, lines)
            check_approval_before_order(checkout_info, lines)
        return create(*args, **kwargs)

    setattr(create_order_from_approved_checkout, _WRAPPED_MARK, True)
    return create_order_from_approved_checkout


def install() -> None:
    """Idempotent; called once from ``AppConfig.ready`` (``patches.PATCHES``)."""
    from importlib import import_module

    module = import_module(SALEOR_MODULE)
    create = getattr(module, SALEOR_FUNCTION, None)
    if create is None:
        raise ImproperlyConfigured(
            f"{SALEOR_MODULE}.{SALEOR_FUNCTION} is gone: this Saleor version is not "
            "supported by saleor-b2b-groups."
        )
    setattr(module, SALEOR_FUNCTION, check_again_under_lock(create))
    record(f"{SALEOR_MODULE}.{SALEOR_FUNCTION}", __name__)
