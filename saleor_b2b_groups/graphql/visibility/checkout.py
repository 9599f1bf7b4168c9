"""Catalog visibility on the checkout mutations: checked before Saleor's resolver.

Saleor validates checkout lines against its own channel listings and never asks
``visible_to_user``, so ``checkoutCreate``, ``checkoutLinesAdd``,
``checkoutLinesUpdate`` and ``checkoutCustomerAttach`` are wrapped: the customer,
channel and variants the mutation is about are worked out from its arguments and
checked (``visibility.checkout.purchase_refusal``). A refusal returns the mutation's
own payload with Saleor's ``CheckoutErrorCode`` -- ``PRODUCT_NOT_PUBLISHED`` on
``lines`` (with ``variants``) for a hidden product, ``CHANNEL_INACTIVE`` on
``channel`` for a denied channel -- before anything is written. Arguments this
check cannot make sense of are left to Saleor, which reports them as usual.

Removing a line (quantity 0) is never refused, so a buyer can always empty a cart
that rules changed under them.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

import graphene
from django.core.exceptions import ValidationError
from saleor.account.models import User
from saleor.channel.models import Channel
from saleor.channel.utils import get_default_channel
from saleor.checkout.error_codes import CheckoutErrorCode
from saleor.checkout.models import Checkout, CheckoutLine
from saleor.core.db.connection import allow_writer
from saleor.graphql.checkout.mutations import (
    CheckoutCreate,
    CheckoutCustomerAttach,
    CheckoutLinesAdd,
    CheckoutLinesUpdate,
)
from saleor.graphql.checkout.mutations.utils import get_checkout
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.mutations import BaseMutation
from saleor.graphql.core.utils import from_global_id_or_error
from saleor.graphql.utils import get_user_or_app_from_context

from ...activation import is_plugin_active
from ...visibility.checkout import (
    CHANNEL_DENIED_MESSAGE,
    HIDDEN_PRODUCTS_MESSAGE,
    pass_access_policy_to_channel,
    purchase_refusal,
    with_access_policy,
)
from ..core import mutation_plugin_manager
from ..schema_extension import ResolverWrapper

#: Marks a mutation resolver that checks visibility first.
VISIBILITY_CHECKED = "__b2b_visibility_checked__"


@dataclass(frozen=True)
class Purchase:
    """What a checkout mutation is about to let a customer buy."""

    customer: Any
    channel: Channel
    variant_ids: list[int]


class CannotTell(Exception):
    """The arguments are Saleor's to reject (unknown checkout, bad ID, ...)."""


def pk_of(global_id: Any, type_name: str) -> str:
    """The pk in a Relay ID of ``type_name``; ``CannotTell`` for anything else
    (malformed, another type, not an int or UUID): Saleor reports those itself."""
    try:
        _, pk = from_global_id_or_error(global_id, type_name, raise_error=True)
    except Exception as e:
        raise CannotTell from e
    return pk


def _variant_pks(lines: list[dict]) -> list[int]:
    pks = []
    for line in lines:
        if line.get("quantity") == 0 or not line.get("variant_id"):
            continue
        pks.append(int(pk_of(line["variant_id"], "ProductVariant")))
    return pks


def checkout_of(mutation: type[BaseMutation], info: ResolveInfo, kwargs) -> Checkout:
    """The checkout a mutation names, with its channel and customer; read once per
    mutation field, so every check of the mutation (visibility, quantities)
    shares it."""
    key = (
        repr(info.path),  # this mutation field (its alias)
        kwargs.get("checkout_id"),
        kwargs.get("token"),
        kwargs.get("id"),
    )
    known = info.context.__dict__.setdefault("_b2b_checkouts", {})
    if key in known:
        return known[key]
    try:
        checkout = get_checkout(
            mutation,
            info,
            checkout_id=kwargs.get("checkout_id"),
            token=kwargs.get("token"),
            id=kwargs.get("id"),
            qs=with_access_policy(
                Checkout.objects.select_related("channel", "user"), "channel_id"
            ),
        )
    except Exception as e:
        raise CannotTell from e
    pass_access_policy_to_channel(checkout)
    known[key] = checkout
    return checkout


def request_user(info: ResolveInfo) -> User | None:
    requestor = get_user_or_app_from_context(info.context)
    return requestor if isinstance(requestor, User) else None


def _customer(info: ResolveInfo, checkout: Checkout) -> User | None:
    """The checkout's customer; the request's own user object when that is who it is,
    so that what is read of their groups here serves the re-pricing after Saleor's
    mutation too (``buyers.context.of_checkout``)."""
    user = request_user(info)
    if user is not None and user.pk == checkout.user_id:
        return user
    return checkout.user


def purchase_on_create(info: ResolveInfo, kwargs) -> Purchase:
    data = kwargs.get("input") or {}
    slug = data.get("channel")
    try:
        channel = (
            with_access_policy(Channel.objects).get(slug=slug)
            if slug
            else get_default_channel()
        )
    except Exception as e:
        raise CannotTell from e  # Saleor reports the missing or unknown channel
    return Purchase(request_user(info), channel, _variant_pks(data.get("lines", [])))


def purchase_on_lines_add(info: ResolveInfo, kwargs) -> Purchase:
    checkout = checkout_of(CheckoutLinesAdd, info, kwargs)
    return Purchase(
        _customer(info, checkout), checkout.channel, _variant_pks(kwargs["lines"])
    )


def purchase_on_lines_update(info: ResolveInfo, kwargs) -> Purchase:
    checkout = checkout_of(CheckoutLinesUpdate, info, kwargs)
    lines = kwargs["lines"]
    line_pks = {}
    for line in lines:
        if line.get("line_id") and line.get("quantity") != 0:
            line_pks[line["line_id"]] = pk_of(line["line_id"], "CheckoutLine")
    variant_pks = _variant_pks(lines)
    if line_pks:
        variant_pks.extend(
            CheckoutLine.objects.filter(
                checkout=checkout, pk__in=list(line_pks.values())
            ).values_list("variant_id", flat=True)
        )
    return Purchase(_customer(info, checkout), checkout.channel, variant_pks)


def purchase_on_customer_attach(info: ResolveInfo, kwargs) -> Purchase:
    checkout = checkout_of(CheckoutCustomerAttach, info, kwargs)
    customer: Any = request_user(info)
    if kwargs.get("customer_id"):
        pk = pk_of(kwargs["customer_id"], "User")
        customer = User.objects.filter(pk=pk).first()
        if customer is None:
            raise CannotTell
    if customer is None:
        raise CannotTell  # Saleor asks for customerId
    variant_pks = list(checkout.lines.values_list("variant_id", flat=True))
    return Purchase(customer, checkout.channel, variant_pks)


def refusal_errors(refusal) -> ValidationError:
    if refusal.channel_denied:
        return ValidationError(
            {
                "channel": ValidationError(
                    CHANNEL_DENIED_MESSAGE,
                    code=CheckoutErrorCode.CHANNEL_INACTIVE.value,
                )
            }
        )
    variants = [
        graphene.Node.to_global_id("ProductVariant", pk)
        for pk in refusal.hidden_variant_ids
    ]
    return ValidationError(
        {
            "lines": ValidationError(
                HIDDEN_PRODUCTS_MESSAGE,
                code=CheckoutErrorCode.PRODUCT_NOT_PUBLISHED.value,
                params={"variants": variants},
            )
        }
    )


def check_purchase_first(
    mutation: type[BaseMutation], purchase: Callable[[ResolveInfo, dict], Purchase]
) -> Callable[[Callable], Callable]:
    def wrap(resolve: Callable) -> Callable:
        @wraps(resolve)
        def resolve_if_allowed(root, info: ResolveInfo, **kwargs):
            with allow_writer():  # a mutation: read the primary database
                manager = mutation_plugin_manager(info)
                if is_plugin_active(manager):
                    try:
                        wanted = purchase(info, kwargs)
                    except CannotTell:
                        wanted = None
                    refusal = wanted and purchase_refusal(
                        wanted.customer, wanted.channel, wanted.variant_ids
                    )
                    if refusal:
                        return mutation.handle_errors(refusal_errors(refusal))
            return resolve(root, info, **kwargs)

        setattr(resolve_if_allowed, VISIBILITY_CHECKED, True)
        return resolve_if_allowed

    return wrap


CHECKOUT_VISIBILITY = [
    ResolverWrapper(
        "Mutation",
        "checkout_create",
        check_purchase_first(CheckoutCreate, purchase_on_create),
    ),
    ResolverWrapper(
        "Mutation",
        "checkout_lines_add",
        check_purchase_first(CheckoutLinesAdd, purchase_on_lines_add),
    ),
    ResolverWrapper(
        "Mutation",
        "checkout_lines_update",
        check_purchase_first(CheckoutLinesUpdate, purchase_on_lines_update),
    ),
    ResolverWrapper(
        "Mutation",
        "checkout_customer_attach",
        check_purchase_first(CheckoutCustomerAttach, purchase_on_customer_attach),
    ),
]
