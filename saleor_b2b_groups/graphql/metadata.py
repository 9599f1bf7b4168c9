"""Saleor's own metadata mutations on this package's types.

``updateMetadata``, ``updatePrivateMetadata``, ``deleteMetadata`` and
``deletePrivateMetadata`` find a type's required permissions in two dicts
(``saleor/graphql/meta/permissions.py``) and map a model to its GraphQL type in a
function (``resolve_object_with_metadata_type``, also imported by name into
``saleor/graphql/meta/types.py``); a third dict names the column a metadata change
touches (``TYPE_UPDATED_FIELD``, which warns for unknown types). Registering this
package's types there lets admins and the ERP use the mutations they already use for
Saleor's objects. Installed when
Saleor builds its schema, once those modules are loaded.
"""

from collections.abc import Callable, Iterable
from typing import Any

import graphene
from saleor.graphql.meta import permissions as meta_permissions
from saleor.graphql.meta import resolvers as meta_resolvers
from saleor.graphql.meta import types as meta_types
from saleor.graphql.meta.mutations import utils as meta_mutation_utils

from ..patches import record

_WRAPPED_MARK = "__b2b_groups_metadata__"


def register_metadata_types(
    types: Iterable[tuple[type[graphene.ObjectType], Callable[[Any, Any], list]]],
) -> None:
    """``types``: (graphene type of a model with metadata, permissions function)."""
    types = list(types)
    model_types = {
        graphene_type._meta.model: graphene_type  # type: ignore[union-attr]
        for graphene_type, _ in types
    }
    for graphene_type, permissions in types:
        name = graphene_type._meta.name  # type: ignore[union-attr]
        meta_permissions.PUBLIC_META_PERMISSION_MAP[name] = permissions
        meta_permissions.PRIVATE_META_PERMISSION_MAP[name] = permissions
        model = graphene_type._meta.model  # type: ignore[union-attr]
        has_updated_at = any(f.name == "updated_at" for f in model._meta.get_fields())
        meta_mutation_utils.TYPE_UPDATED_FIELD[model.__name__] = (
            "updated_at" if has_updated_at else None
        )
    original = meta_resolvers.resolve_object_with_metadata_type
    if getattr(original, _WRAPPED_MARK, None) is not None:
        original = getattr(original, _WRAPPED_MARK)

    def resolve_object_with_metadata_type(instance):
        graphene_type = model_types.get(type(instance))
        if graphene_type is not None:
            return graphene_type, instance.pk
        return original(instance)

    setattr(resolve_object_with_metadata_type, _WRAPPED_MARK, original)
    meta_resolvers.resolve_object_with_metadata_type = resolve_object_with_metadata_type
    meta_types.resolve_object_with_metadata_type = resolve_object_with_metadata_type
    for target in (
        f"{meta_permissions.__name__}.PUBLIC_META_PERMISSION_MAP",
        f"{meta_permissions.__name__}.PRIVATE_META_PERMISSION_MAP",
        f"{meta_mutation_utils.__name__}.TYPE_UPDATED_FIELD",
        f"{meta_resolvers.__name__}.resolve_object_with_metadata_type",
        f"{meta_types.__name__}.resolve_object_with_metadata_type",
    ):
        record(target, __name__)
