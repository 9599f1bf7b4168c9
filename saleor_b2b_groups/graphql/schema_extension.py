"""Extend Saleor's one GraphQL schema with this package's types and fields.

Saleor 3.23 has no extension point for its GraphQL API: ``saleor/graphql/api.py``
lists its query and mutation mixins by hand and builds the schema at import time::

    from .core.federation.schema import build_federated_schema
    ...
    schema = build_federated_schema(Query, mutation=Mutation, types=..., ...)

Every consumer of the API reads that one module attribute: the ``/graphql/`` view,
query cost validation, webhook subscription validation and payload generation.
So the schema must be extended *as it is built*, not rebuilt beside it.

How: :func:`install` (called once from ``AppConfig.ready``, before anything imports
``saleor.graphql.api``) wraps ``build_federated_schema`` in its module. When
``api.py`` later calls it, the wrapper

* adds this package's root query and mutation mixins to Saleor's ``Query`` and
  ``Mutation`` (a subclass of each, with the same GraphQL names),
* adds fields to Saleor's own object types (``User``, ``Checkout``, ``Shop``...)
  declared by :class:`TypeExtension` subclasses, and
* adds this package's standalone types,
* registers its types with Saleor's metadata mutations (``metadata.py``),
* wraps the resolvers of a few of Saleor's fields (``ResolverWrapper``: group
  prices in ``pricing``, error codes of ``orderCreateFromCheckout``),

then calls Saleor's builder. There is one schema, built once, served everywhere.

The builder module is not imported here on purpose: importing it early would freeze
its federation ``_Entity`` union before Saleor's types register themselves. If it is
not loaded yet, a one-shot import hook wraps it the moment it loads.

The contract tests in ``tests/contract/`` fail loudly if a Saleor upgrade changes
what this relies on (the builder's name and signature, ``api.py`` calling it, the
consumers reading ``saleor.graphql.api.schema``).
"""

import importlib.abc
import importlib.machinery
import importlib.util
import sys
from collections.abc import Callable, Sequence
from functools import wraps
from types import ModuleType
from typing import Any, ClassVar

import graphene
from django.core.exceptions import ImproperlyConfigured
from graphene.types.utils import yank_fields_from_attrs
from graphql import GraphQLObjectType

from ..patches import record

SALEOR_SCHEMA_MODULE = "saleor.graphql.api"
SALEOR_SCHEMA_BUILDER_MODULE = "saleor.graphql.core.federation.schema"
SALEOR_SCHEMA_BUILDER = "build_federated_schema"

#: Marks the wrapped builder so that installing twice is harmless.
_WRAPPED_MARK = "__b2b_groups_extended__"


class TypeExtension:
    """Fields this package adds to one of Saleor's GraphQL object types.

    Declare graphene fields and their ``resolve_<name>`` static methods exactly as on
    a graphene ``ObjectType``, and name the type in ``extends`` (Saleor's, or one of
    this package's that another feature owns; input types work too)::

        class UserCustomerGroups(TypeExtension):
            extends = User
            customer_groups = NonNullList(CustomerGroupMembership)

            @staticmethod
            def resolve_customer_groups(root: User, info): ...
    """

    extends: ClassVar[type[graphene.ObjectType] | type[graphene.InputObjectType]]

    @classmethod
    def fields(cls) -> list[tuple[str, Any]]:
        if issubclass(cls.extends, graphene.InputObjectType):
            # Input types take input fields and have no resolvers.
            return list(
                yank_fields_from_attrs(cls.__dict__, _as=graphene.InputField).items()
            )
        fields = list(yank_fields_from_attrs(cls.__dict__, _as=graphene.Field).items())
        for name, field in fields:
            if field.resolver is None:
                field.resolver = getattr(cls, f"resolve_{name}", None)
        return fields


def extend_types(extensions: Sequence[type[TypeExtension]]) -> None:
    """Add each extension's fields to the Saleor type it names."""
    for extension in extensions:
        saleor_type = extension.extends
        existing = saleor_type._meta.fields  # type: ignore[union-attr]
        for name, field in extension.fields():
            if name in existing and existing[name] is not field:
                raise ImproperlyConfigured(
                    f"{extension.__name__} adds '{name}' to Saleor's "
                    f"{saleor_type.__name__}, which already has a field of that name."
                )
            existing[name] = field
        if saleor_type.__module__.startswith("saleor."):
            record(
                f"{saleor_type.__module__}.{saleor_type.__name__}._meta.fields",
                extension.__module__,
            )


class ResolverWrapper:
    """Wraps the resolver of one of Saleor's existing fields.

    ``type_name`` is the GraphQL type ("Product", "Mutation", ...); ``wrap`` takes
    Saleor's resolver and returns the one to use. Kept for behaviour Saleor decides
    in a resolver and offers no hook for (see each wrapper's docstring).
    """

    def __init__(
        self,
        type_name: str,
        field: str,
        wrap: Callable[[Callable], Callable],
        *,
        saleors: bool = True,
    ):
        self.type_name = type_name
        self.field = field
        self.wrap = wrap
        #: False for a field this package adds itself (``input_guard``): not a
        #: change to Saleor, so not in the patch registry.
        self.saleors = saleors

    def install(self, graphene_type: Any) -> None:
        fields = graphene_type._meta.fields
        if self.field not in fields:
            raise ImproperlyConfigured(
                f"Saleor's {self.type_name}.{self.field} is gone: this Saleor version "
                "is not supported by saleor-b2b-groups."
            )
        field = fields[self.field]
        original = field.resolver or getattr(graphene_type, f"resolve_{self.field}")
        field.resolver = self.wrap(original)
        if self.saleors:
            owner = getattr(self.wrap, "func", self.wrap).__module__
            record(f"graphql:{self.type_name}.{self.field}", owner)


def wrap_resolvers(wrappers: Sequence[ResolverWrapper], types: dict[str, Any]) -> None:
    for wrapper in wrappers:
        wrapper.install(types[wrapper.type_name])


def _subclass(base: type, mixins: Sequence[type], name: str) -> type:
    if not mixins:
        return base
    # Same GraphQL name as Saleor's class; graphene collects the mixins' fields.
    return type(base)(name, (base, *mixins), {"__module__": __name__})


def extend_build(
    build: Callable[..., graphene.Schema],
) -> Callable[..., graphene.Schema]:
    """Wrap Saleor's schema builder so that it builds the extended schema."""
    if getattr(build, _WRAPPED_MARK, False):
        return build

    @wraps(build)
    def build_extended_schema(query, mutation, types, subscription, directives=None):
        # Imported here, when api.py has loaded all of Saleor's GraphQL modules.
        from . import schema as b2b
        from .metadata import register_metadata_types

        extend_types(b2b.TYPE_EXTENSIONS)
        register_metadata_types(b2b.METADATA_TYPES)
        extended_query = _subclass(query, b2b.QUERIES, "Query")
        extended_mutation = _subclass(mutation, b2b.MUTATIONS, "Mutation")
        wrap_resolvers(
            b2b.RESOLVER_WRAPPERS,
            {
                **{t._meta.name: t for t in b2b.WRAPPED_TYPES},  # type: ignore[union-attr]
                "Query": extended_query,
                "Mutation": extended_mutation,
            },
        )
        return build(
            extended_query,
            mutation=extended_mutation,
            types=[*types, *b2b.TYPES],
            subscription=subscription,
            directives=directives,
        )

    setattr(build_extended_schema, _WRAPPED_MARK, True)
    return build_extended_schema


def _wrap_builder_module(module: ModuleType) -> None:
    build = getattr(module, SALEOR_SCHEMA_BUILDER, None)
    if build is None:
        raise ImproperlyConfigured(
            f"{SALEOR_SCHEMA_BUILDER_MODULE}.{SALEOR_SCHEMA_BUILDER} is gone: this "
            "Saleor version is not supported by saleor-b2b-groups."
        )
    setattr(module, SALEOR_SCHEMA_BUILDER, extend_build(build))
    record(f"{SALEOR_SCHEMA_BUILDER_MODULE}.{SALEOR_SCHEMA_BUILDER}", __name__)


class _WrapBuilderOnImport(importlib.abc.MetaPathFinder):
    """One-shot import hook: wrap Saleor's schema builder as its module loads."""

    def find_spec(self, fullname, path, target=None):
        if fullname != SALEOR_SCHEMA_BUILDER_MODULE:
            return None
        sys.meta_path.remove(self)
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is None or spec.loader is None:
            return spec
        loader = spec.loader
        exec_module = loader.exec_module

        def exec_and_wrap(module: ModuleType) -> None:
            exec_module(module)
            _wrap_builder_module(module)

        loader.exec_module = exec_and_wrap  # type: ignore[method-assign]
        return spec


def install() -> None:
    """Make Saleor build its schema with this package's additions (idempotent)."""
    if SALEOR_SCHEMA_MODULE in sys.modules:
        api: Any = sys.modules[SALEOR_SCHEMA_MODULE]
        if is_extended(getattr(api, "schema", None)):
            return
        raise ImproperlyConfigured(
            f"{SALEOR_SCHEMA_MODULE} was imported before saleor-b2b-groups was ready, "
            "so Saleor's GraphQL schema was built without it. Do not import Saleor's "
            "GraphQL API from settings or from an app listed before this one."
        )
    if SALEOR_SCHEMA_BUILDER_MODULE in sys.modules:
        _wrap_builder_module(sys.modules[SALEOR_SCHEMA_BUILDER_MODULE])
    elif not any(isinstance(f, _WrapBuilderOnImport) for f in sys.meta_path):
        sys.meta_path.insert(0, _WrapBuilderOnImport())


def is_extended(schema: Any) -> bool:
    """Tell whether a built schema carries this package's additions."""
    from . import schema as b2b

    if not isinstance(schema, graphene.Schema):
        return False
    shop = schema.get_type("Shop")
    return (
        isinstance(shop, GraphQLObjectType) and b2b.SCHEMA_MARKER_FIELD in shop.fields
    )
