"""The patch that puts catalog visibility on Saleor's read paths.

Saleor has no extension point for product visibility: every storefront read of
products, variants and collections funnels through three queryset methods in
``saleor/product/managers.py`` -- ``products``, ``product`` (id, slug, external
reference, translated slug), ``productVariant(s)`` (id, SKU), ``Category.products``,
``Collection.products``, ``ProductType.products``, ``collections``/``collection``,
search (a filter on ``products``), and the federation ``__resolve_references`` of
``Product`` and ``ProductVariant``. Each is wrapped here: Saleor's own result,
then the requestor's catalog filter (``filters``) in the same SQL query, so
pagination and ``totalCount`` count only what the requestor may see.

Staff and apps holding one of Saleor's ``ALL_PRODUCTS_PERMISSIONS`` get Saleor's
result untouched. ``tests/contract/test_visibility_contract.py`` fails if a Saleor
upgrade changes these methods' names or signatures.
"""

import inspect
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from saleor.permission.utils import has_one_of_permissions
from saleor.product.managers import (
    CollectionsQueryset,
    ProductsQueryset,
    ProductVariantQueryset,
)
from saleor.product.models import ALL_PRODUCTS_PERMISSIONS

from ..patches import record
from .filters import apply, collection_filter, product_filter

_WRAPPED_MARK = "__b2b_visibility__"

#: (queryset class, the parameters Saleor's method takes) for each wrapped method.
WRAPPED: list[tuple[type, list[str]]] = [
    (ProductsQueryset, ["self", "requestor", "channel", "limited_channel_access"]),
    (
        ProductVariantQueryset,
        ["self", "requestor", "channel", "limited_channel_access"],
    ),
    (CollectionsQueryset, ["self", "requestor", "channel_slug"]),
]


def sees_everything(requestor: Any) -> bool:
    """Staff and apps that Saleor lets see every product, published or not."""
    return has_one_of_permissions(requestor, ALL_PRODUCTS_PERMISSIONS)


def _products(original: Callable) -> Callable:
    @wraps(original)
    def visible_to_user(self, requestor, channel, limited_channel_access):
        queryset = original(self, requestor, channel, limited_channel_access)
        if channel is None or sees_everything(requestor):
            return queryset
        return apply(queryset, product_filter(requestor, channel, queryset.db))

    return visible_to_user


def _variants(original: Callable) -> Callable:
    @wraps(original)
    def visible_to_user(self, requestor, channel, limited_channel_access):
        queryset = original(self, requestor, channel, limited_channel_access)
        if channel is None or sees_everything(requestor):
            return queryset
        condition = product_filter(
            requestor,
            channel,
            queryset.db,
            product_field="product_id",
            category_field="product__category_id",
        )
        return apply(queryset, condition)

    return visible_to_user


def _collections(original: Callable) -> Callable:
    @wraps(original)
    def visible_to_user(self, requestor, channel_slug):
        queryset = original(self, requestor, channel_slug)
        if not channel_slug or sees_everything(requestor):
            return queryset
        condition = collection_filter(requestor, str(channel_slug), queryset.db)
        return apply(queryset, condition)

    return visible_to_user


_WRAPPERS: dict[type, Callable[[Callable], Callable]] = {
    ProductsQueryset: _products,
    ProductVariantQueryset: _variants,
    CollectionsQueryset: _collections,
}


def check_signature(queryset_class: type, parameters: list[str]) -> None:
    method = getattr(queryset_class, "visible_to_user", None)
    if method is None:
        raise ImproperlyConfigured(
            f"Saleor's {queryset_class.__name__}.visible_to_user is gone: this Saleor "
            "version is not supported by saleor-b2b-groups."
        )
    found = list(inspect.signature(inspect.unwrap(method)).parameters)
    if found != parameters:
        raise ImproperlyConfigured(
            f"Saleor's {queryset_class.__name__}.visible_to_user takes {found}, "
            f"saleor-b2b-groups expects {parameters}: this Saleor version is not "
            "supported."
        )


def install() -> None:
    """Wrap the three ``visible_to_user`` methods (idempotent)."""
    for queryset_class, parameters in WRAPPED:
        check_signature(queryset_class, parameters)
        method = queryset_class.visible_to_user  # type: ignore[attr-defined]
        if not getattr(method, _WRAPPED_MARK, False):
            wrapped = _WRAPPERS[queryset_class](method)
            setattr(wrapped, _WRAPPED_MARK, True)
            queryset_class.visible_to_user = wrapped  # type: ignore[attr-defined]
        target = f"{queryset_class.__module__}.{queryset_class.__qualname__}"
        record(f"{target}.visible_to_user", __name__)


def is_installed() -> bool:
    return all(
        getattr(cls.visible_to_user, _WRAPPED_MARK, False)  # type: ignore[attr-defined]
        for cls, _ in WRAPPED
    )
