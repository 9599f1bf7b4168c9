"""Quantity rules and order limits, checked once more before an order exists.

Rules or the buyer's groups may have changed since the lines were added, and
order limits are only checked here (a cart below the order minimum is normal
until the buyer completes it). Runs in ``order_creation.CHECKS`` on every path
that creates an order from a checkout, on the buyer context of the checkout
(``of_checkout_info``).

Codes: ``checkoutComplete`` answers Saleor's ``QUANTITY_GREATER_THAN_LIMIT``
(above a maximum) or ``INVALID`` (below a minimum, not a multiple, outside the
order limits) on ``lines``; ``orderCreateFromCheckout``, whose enum has neither,
``GRAPHQL_ERROR``. The message starts with this package's code
(``QuantityErrorCode``) and states the numbers.
"""

from saleor.checkout import calculations
from saleor.checkout.error_codes import CheckoutErrorCode
from saleor.checkout.fetch import CheckoutInfo, CheckoutLineInfo

from ..buyers.context import of_checkout_info
from ..order_creation import refuse
from .checks import check_order_subtotal, check_quantities
from .error_codes import QuantityErrorCode


def check_quantities_before_order(
    checkout_info: CheckoutInfo, lines: list[CheckoutLineInfo]
) -> None:
    buyer = of_checkout_info(checkout_info)
    if not buyer.is_member:
        return
    problems = check_quantities(
        buyer,
        checkout_info.channel,
        [(line.variant.pk, line.line.quantity) for line in lines if line.variant],
    )
    if not problems:
        subtotal = calculations.checkout_subtotal(
            manager=checkout_info.manager, checkout_info=checkout_info, lines=lines
        )
        problem = check_order_subtotal(buyer, subtotal.gross)
        problems = [problem] if problem else []
    if not problems:
        return
    first = problems[0]
    code = (
        CheckoutErrorCode.QUANTITY_GREATER_THAN_LIMIT
        if first.code == QuantityErrorCode.QUANTITY_ABOVE_MAXIMUM
        else CheckoutErrorCode.INVALID
    )
    refuse(
        " ".join(f"{p.code.name}: {p.message}" for p in problems),
        checkout_code=code,
        field="lines",
    )
