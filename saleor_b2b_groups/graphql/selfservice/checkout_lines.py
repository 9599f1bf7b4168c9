"""Rows into the buyer's own checkout, through Saleor's ``checkoutLinesAdd``.

The rows are checked first (``selfservice.rows``: visibility, channel, stock,
quantity rules, one result per row); the accepted ones are written by Saleor's own
``CheckoutLinesAdd.perform_mutation`` in one call, so Saleor's line grouping,
reservations, webhooks and the in-place group pricing (``pricing.checkout``) all
apply exactly as for a storefront's own call. If Saleor still refuses (stock taken
in between), the whole call is refused and nothing is written.
"""

import uuid
from collections.abc import Sequence
from typing import Any

import graphene
from django.db import transaction
from saleor.checkout.models import Checkout
from saleor.graphql.checkout.mutations.checkout_create import CheckoutLineInput
from saleor.graphql.checkout.mutations.checkout_lines_add import CheckoutLinesAdd
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.context import SyncWebhookControlContext
from saleor.graphql.core.utils import from_global_id_or_error

from ...buyers.context import BuyerContext
from ...selfservice.error_codes import SelfServiceErrorCode as Code
from ...selfservice.rows import (
    ChannelDenied,
    Row,
    RowResult,
    all_or_nothing,
    check_rows,
)
from ...visibility.checkout import CHANNEL_DENIED_MESSAGE
from .enums import ALL_OR_NOTHING
from .mutations.base import error


def own_checkout(info: ResolveInfo, global_id: str) -> Checkout:
    """The requestor's own checkout; ``NOT_FOUND`` for any other (a guest's, a
    colleague's), so a token is no key to someone else's cart."""
    not_found = error("checkoutId", "No such checkout of yours.", Code.NOT_FOUND)
    try:
        _, pk = from_global_id_or_error(global_id, "Checkout", raise_error=True)
        token = uuid.UUID(str(pk))
    except Exception as e:
        raise not_found from e
    user = info.context.user
    if user is None:
        raise not_found
    checkout = (
        Checkout.objects.select_related("channel", "user")
        .filter(pk=token, user_id=user.pk)
        .first()
    )
    if checkout is None:
        raise not_found
    return checkout


def add_rows(
    info: ResolveInfo,
    buyer: BuyerContext,
    checkout: Checkout,
    rows: Sequence[Row],
    mode: str,
    *,
    others_refused: bool = False,
) -> tuple[SyncWebhookControlContext, list[RowResult]]:
    try:
        checked = check_rows(buyer, info.context.user, checkout, rows)
    except ChannelDenied as e:
        raise error("checkoutId", CHANNEL_DENIED_MESSAGE, Code.UNAVAILABLE) from e
    if mode == ALL_OR_NOTHING:
        all_or_nothing(checked, others_refused=others_refused)
    result = SyncWebhookControlContext(node=checkout)
    if checked.accepted:
        meta: Any = CheckoutLineInput._meta
        container = meta.container
        lines = [
            container(
                {
                    "variant_id": graphene.Node.to_global_id(
                        "ProductVariant", variant.pk
                    ),
                    "quantity": row.quantity,
                }
            )
            for row, variant in checked.accepted
        ]
        with transaction.atomic():
            payload = CheckoutLinesAdd.perform_mutation(
                None,
                info,
                id=graphene.Node.to_global_id("Checkout", checkout.pk),
                lines=lines,
            )
        result = payload.checkout
    return result, checked.results
