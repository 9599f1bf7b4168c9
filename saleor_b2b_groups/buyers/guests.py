"""A guest checkout whose e-mail belongs to a group member (see ``buyers``)."""

from saleor.account.models import User
from saleor.account.utils import retrieve_user_by_email
from saleor.checkout.error_codes import (
    CheckoutErrorCode,
    OrderCreateFromCheckoutErrorCode,
)
from saleor.checkout.fetch import CheckoutInfo, CheckoutLineInfo

from ..order_creation import refuse
from .context import of_customer

MEMBER_MUST_SIGN_IN_MESSAGE = (
    "This e-mail address belongs to a business customer's account: sign in to "
    "place the order under the account's terms."
)


def order_owner(checkout_info: CheckoutInfo) -> User | None:
    """The account Saleor will give an order from this checkout to.

    Saleor's own rule (``complete_checkout.assign_checkout_user``): the checkout's
    customer, or else the active account with the checkout's e-mail.
    """
    if checkout_info.user is not None:
        return checkout_info.user
    email = checkout_info.checkout.email
    if not email:
        return None
    user = retrieve_user_by_email(email)
    return user if user is not None and user.is_active else None


def check_guest_is_not_member(
    checkout_info: CheckoutInfo, lines: list[CheckoutLineInfo]
) -> None:
    """Refuse to complete a guest checkout that Saleor would give to a member."""
    if checkout_info.checkout.user_id is not None:
        return  # a signed-in customer's checkout
    # Saleor may already have given the checkout to the account (legacy payment
    # flow: assign_checkout_user runs before preprocess_order_creation).
    owner = order_owner(checkout_info)
    if owner is None or not of_customer(owner.pk).all_groups.is_member:
        return
    refuse(
        MEMBER_MUST_SIGN_IN_MESSAGE,
        checkout_code=CheckoutErrorCode.INVALID,
        order_code=OrderCreateFromCheckoutErrorCode.GRAPHQL_ERROR,
        field="email",
    )
