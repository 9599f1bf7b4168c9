"""What quantity rules rely on in Saleor 3.23; fails loudly when it moves."""

import inspect

import pytest
from django.core.exceptions import ValidationError
from saleor.checkout.error_codes import CheckoutErrorCode
from saleor.graphql.api import schema
from saleor.warehouse import availability

from saleor_b2b_groups.graphql.quantities.checkout import (
    CHECKOUT_QUANTITIES,
    QUANTITIES_CHECKED,
)
from saleor_b2b_groups.quantities import cap


def test_the_quantity_cap_is_wrapped():
    # given: Saleor's check, as its stock checks call it (a module global)
    check = availability._check_quantity_limits
    original = inspect.unwrap(check)

    # then: it is ours, around a function of the same signature
    assert getattr(check, "__b2b_quantity_cap__", False)
    assert list(inspect.signature(original).parameters) == [
        "variant",
        "quantity",
        "global_quantity_limit",
    ]
    assert (
        "global_quantity_limit"
        in inspect.signature(availability.check_stock_quantity_bulk).parameters
    )
    assert (
        "global_quantity_limit"
        in inspect.signature(availability.check_preorder_threshold_bulk).parameters
    )


def test_the_cap_refuses_past_the_limit_unless_lifted(product):
    # given: a variant without its own limit
    variant = product.variants.first()
    variant.quantity_limit_per_customer = None

    # when / then: Saleor's behaviour for everybody
    with pytest.raises(ValidationError) as error:
        availability._check_quantity_limits(variant, 51, 50)
    assert error.value.error_dict["quantity"][0].code == (
        CheckoutErrorCode.QUANTITY_GREATER_THAN_LIMIT.value
    )

    # and: lifted for a member, the shop-wide cap does not apply
    with cap.lifted_for({}):
        assert availability._check_quantity_limits(variant, 1000, 50) is None

    # and: the variant's own limit still applies without a rule maximum
    variant.quantity_limit_per_customer = 100
    with cap.lifted_for({}), pytest.raises(ValidationError):
        availability._check_quantity_limits(variant, 1000, 50)

    # and: a rule maximum replaces it
    with cap.lifted_for({variant.pk: 5000}):
        assert availability._check_quantity_limits(variant, 1000, 50) is None


def test_checkout_mutations_check_quantities_first():
    mutation = schema.get_type("Mutation")
    for wrapper in CHECKOUT_QUANTITIES:
        head, *rest = wrapper.field.split("_")
        camel = head + "".join(part.title() for part in rest)
        assert getattr(mutation.fields[camel].resolver, QUANTITIES_CHECKED, False)


def test_the_reorder_cap_is_wrapped():
    from saleor.graphql.checkout.mutations.checkout_create_from_order import (
        CheckoutCreateFromOrder,
    )

    # given: Saleor's own cap check of a reorder, a classmethod
    method = CheckoutCreateFromOrder.__dict__[
        "handle_variants_exceeding_quantity_limit"
    ]

    # then: ours, around a function of the same signature, still the one the
    # line filter calls
    assert isinstance(method, classmethod)
    assert getattr(method.__func__, "__b2b_quantity_cap__", False)
    assert list(inspect.signature(inspect.unwrap(method.__func__)).parameters) == [
        "cls",
        "variant_ids_set",
        "order_lines",
        "variant_errors",
        "global_quantity_limit",
    ]
    assert (
        "global_quantity_limit"
        in inspect.signature(
            CheckoutCreateFromOrder.exclude_lines_unavailable_to_purchase
        ).parameters
    )
