from collections.abc import Callable

from ..order_creation import creating_order_from_checkout
from .schema_extension import ResolverWrapper


def _with_order_error_codes(resolve: Callable) -> Callable:
    def resolve_order_create_from_checkout(root, info, **kwargs):
        with creating_order_from_checkout():
            return resolve(root, info, **kwargs)

    return resolve_order_create_from_checkout


#: Lets ``order_creation.refuse`` answer with OrderCreateFromCheckoutErrorCode.
ORDER_CREATE_FROM_CHECKOUT_CODES = ResolverWrapper(
    "Mutation", "order_create_from_checkout", _with_order_error_codes
)
