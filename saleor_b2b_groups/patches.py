"""Every change this package makes to Saleor's own code, installed in one place.

Saleor 3.23 has extension points for some things (plugin hooks, the entry point,
``CheckoutLine.price_override``) and none for others (its GraphQL schema, product
visibility querysets, ...). Where there is none, the change is a narrow wrapper,
listed here, installed once from ``AppConfig.ready`` and checked by a contract test
in ``tests/contract/``, so that a Saleor upgrade that moves what it wraps fails
loudly instead of silently bypassing it.
"""

from importlib import import_module

#: Dotted paths of ``install()`` functions, in the order they run.
PATCHES: list[str] = [
    "saleor_b2b_groups.graphql.schema_extension.install",
    "saleor_b2b_groups.visibility.querysets.install",
    "saleor_b2b_groups.graphql.visibility.reorder.install",
    "saleor_b2b_groups.approvals.completion.install",
    "saleor_b2b_groups.graphql.pricing.checkout.install",
]


def install_all() -> None:
    for path in PATCHES:
        module, name = path.rsplit(".", 1)
        getattr(import_module(module), name)()
