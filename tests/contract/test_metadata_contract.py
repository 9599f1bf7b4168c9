"""What metadata support relies on in Saleor 3.23 (graphql/metadata.py)."""

import inspect

from saleor.graphql.meta import permissions, resolvers, types
from saleor.graphql.meta.mutations import base, utils

from saleor_b2b_groups.groups.models import CustomerGroup


def test_metadata_permission_maps_are_module_dicts_read_by_the_mutations():
    assert isinstance(permissions.PUBLIC_META_PERMISSION_MAP, dict)
    assert isinstance(permissions.PRIVATE_META_PERMISSION_MAP, dict)
    assert "permission_map.get(type_name)" in inspect.getsource(
        base.BaseMetadataMutation.get_permissions
    )


def test_model_to_type_lookup_is_the_function_we_extend_in_both_modules():
    # Both modules must call the module attribute at call time.
    assert "resolve_object_with_metadata_type(" in inspect.getsource(
        resolvers.check_private_metadata_privilege
    )
    assert "resolve_object_with_metadata_type(" in inspect.getsource(
        types.ObjectWithMetadata.resolve_type
    )
    group = CustomerGroup(pk=7, name="x", slug="x")
    for module in (resolvers, types):
        graphene_type, pk = module.resolve_object_with_metadata_type(group)
        assert (graphene_type._meta.name, pk) == ("CustomerGroup", 7)


def test_metadata_changes_touch_the_updated_at_of_our_types():
    # Saleor looks the column up by model class name, and warns when it is missing.
    assert "TYPE_UPDATED_FIELD" in inspect.getsource(utils.get_updated_field_name)
    assert utils.TYPE_UPDATED_FIELD["CustomerGroup"] == "updated_at"
    assert utils.TYPE_UPDATED_FIELD["PriceList"] == "updated_at"
