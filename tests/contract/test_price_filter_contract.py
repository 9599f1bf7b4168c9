"""What the price filters and sorters rely on in Saleor 3.23."""

import inspect

from saleor.graphql.product.sorters import ProductOrderField
from saleor.graphql.utils.sorting import sort_queryset

from saleor_b2b_groups.graphql.pricing import price_filters


def _parameters(function) -> list[str]:
    return list(inspect.signature(inspect.unwrap(function)).parameters)


def test_price_filter_methods_keep_their_signatures_and_are_wrapped():
    for owner, method, parameters, _wrapper in price_filters.FILTERS:
        current = owner.__dict__[method]
        assert _parameters(current) == parameters, (owner, method)
        assert getattr(current, price_filters._WRAPPED_MARK, False), (owner, method)
        # django-filter finds the method by the name the filter declares.
        names = {f.method for f in owner.base_filters.values()}
        assert method in names, (owner, method)


def test_price_sorters_keep_their_signatures_and_are_wrapped():
    for owner, method, parameters, _wrapper in price_filters.SORTERS:
        current = getattr(owner, method)
        assert _parameters(current) == parameters, method
        assert getattr(current, price_filters._WRAPPED_MARK, False), method
    # Saleor's sorter finds them by the enum value's name, and orders by the
    # annotations the wrappers replace.
    assert ProductOrderField.PRICE.value[0] == "min_variants_price_amount"
    assert ProductOrderField.MINIMAL_PRICE.value[0] == "discounted_price_amount"
    assert _parameters(sort_queryset) == [
        "queryset",
        "sort_by",
        "reversed",
        "channel_slug",
    ]
