"""What self-service relies on in Saleor: reorder's arguments and error codes."""

import inspect

from saleor.checkout.error_codes import CheckoutCreateFromOrderErrorCode
from saleor.graphql.api import schema
from saleor.graphql.checkout.mutations import CheckoutCreateFromOrder
from saleor.graphql.checkout.mutations.checkout_lines_add import CheckoutLinesAdd


def test_reorder_refuses_with_saleors_own_error_code():
    # The guard answers with the mutation's own payload and error code.
    assert CheckoutCreateFromOrderErrorCode.ORDER_NOT_FOUND.value == "order_not_found"
    assert callable(CheckoutCreateFromOrder.handle_errors)
    field = schema.get_type("Mutation").fields["checkoutCreateFromOrder"]
    assert set(field.args) == {"id"}


def test_lines_add_takes_the_arguments_self_service_passes():
    # Quick order and requisition lists add their lines through Saleor's own
    # checkoutLinesAdd.perform_mutation.
    parameters = inspect.signature(CheckoutLinesAdd.perform_mutation).parameters
    assert {"lines", "id"} <= set(parameters)
