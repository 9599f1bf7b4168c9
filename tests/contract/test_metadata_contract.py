"""What metadata support relies on in Saleor 3.23 (graphql/metadata.py).

Each test runs Saleor's own metadata mutations on a customer group and watches the
dict or function ``register_metadata_types`` extends being read at call time.
"""

import warnings
from types import SimpleNamespace

import graphene
import pytest
from saleor.core.exceptions import PermissionDenied
from saleor.graphql.core.context import SaleorContext
from saleor.graphql.meta import permissions, resolvers, types
from saleor.graphql.meta.mutations import utils
from saleor.graphql.tests.utils import assert_no_permission, get_graphql_content
from saleor.permission.enums import ProductPermissions

from saleor_b2b_groups.groups.models import CustomerGroup

UPDATE = """
mutation ($id: ID!, $input: [MetadataInput!]!) {
  %s(id: $id, input: $input) {
    item { __typename ... on CustomerGroup { metadata { key } } }
    errors { field code }
  }
}
"""


def variables(group: CustomerGroup) -> dict:
    return {
        "id": graphene.Node.to_global_id("CustomerGroup", group.pk),
        "input": [{"key": "erp", "value": "42"}],
    }


@pytest.mark.parametrize(
    ("mutation", "permission_map"),
    [
        ("updateMetadata", "PUBLIC_META_PERMISSION_MAP"),
        ("updatePrivateMetadata", "PRIVATE_META_PERMISSION_MAP"),
    ],
)
def test_metadata_permission_maps_are_module_dicts_read_by_the_mutations(
    mutation,
    permission_map,
    monkeypatch,
    staff_api_client,
    staff_with_manage_users,
    permission_manage_products,
    group_tree,
):
    # given: the module dict's entry for our type asks for another permission
    asked = []

    def manage_products(info, object_pk):
        asked.append(object_pk)
        return [ProductPermissions.MANAGE_PRODUCTS]

    saleors_map = getattr(permissions, permission_map)
    assert isinstance(saleors_map, dict)
    assert "CustomerGroup" in saleors_map  # registered by this package
    monkeypatch.setitem(saleors_map, "CustomerGroup", manage_products)
    group = group_tree["emea"]

    # when the staff member holds only what the package's entry would ask
    refused = staff_api_client.post_graphql(UPDATE % mutation, variables(group))

    # then Saleor looked the type up in the dict, at call time, and enforced it
    assert_no_permission(refused)
    assert asked == [str(group.pk)]

    # when the permission the entry names is granted
    staff_api_client.user.user_permissions.add(permission_manage_products)
    done = staff_api_client.post_graphql(UPDATE % mutation, variables(group))

    # then
    assert get_graphql_content(done)["data"][mutation]["errors"] == []


def request_of(user) -> SimpleNamespace:
    context = SaleorContext()
    context.user = user
    context.app = None
    return SimpleNamespace(context=context)


def test_model_to_type_lookup_is_the_function_we_extend_in_both_modules(
    monkeypatch, staff_api_client, staff_with_manage_users, customer_user, group_tree
):
    # given: both modules must call the module attribute at call time
    group = CustomerGroup(pk=7, name="x", slug="x")
    for module in (resolvers, types):
        graphene_type, pk = module.resolve_object_with_metadata_type(group)
        assert (graphene_type._meta.name, pk) == ("CustomerGroup", 7)
    called = []
    for module in (resolvers, types):
        installed = module.resolve_object_with_metadata_type

        def recording(instance, _installed=installed, _module=module.__name__):
            called.append((_module, type(instance)))
            return _installed(instance)

        monkeypatch.setattr(module, "resolve_object_with_metadata_type", recording)
    emea = group_tree["emea"]

    # when: a metadata mutation's item is resolved to its type (meta/types.py)
    response = staff_api_client.post_graphql(UPDATE % "updateMetadata", variables(emea))

    # then
    data = get_graphql_content(response)["data"]["updateMetadata"]
    assert data["item"] == {"__typename": "CustomerGroup", "metadata": [{"key": "erp"}]}
    assert called == [(types.__name__, CustomerGroup)]

    # when: Saleor checks who may read private metadata (meta/resolvers.py)
    called.clear()
    resolvers.check_private_metadata_privilege(emea, request_of(staff_api_client.user))

    # then: the type was found, and its entry in the permission map applied
    assert called == [(resolvers.__name__, CustomerGroup)]
    with pytest.raises(PermissionDenied):
        resolvers.check_private_metadata_privilege(emea, request_of(customer_user))


def test_metadata_changes_touch_the_updated_at_of_our_types(
    staff_api_client, staff_with_manage_users, group_tree
):
    # Saleor looks the column up by model class name, and warns when it is missing.
    assert utils.TYPE_UPDATED_FIELD["CustomerGroup"] == "updated_at"
    assert utils.TYPE_UPDATED_FIELD["PriceList"] == "updated_at"
    group = group_tree["emea"]
    before = group.updated_at

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        response = staff_api_client.post_graphql(
            UPDATE % "updateMetadata", variables(group)
        )

    assert get_graphql_content(response)["data"]["updateMetadata"]["errors"] == []
    group.refresh_from_db()
    assert group.metadata == {"erp": "42"}
    assert group.updated_at > before
    assert not [w for w in caught if "TYPE_UPDATED_FIELD" in str(w.message)]


def test_without_the_map_entry_saleor_would_not_touch_updated_at(
    monkeypatch, staff_api_client, staff_with_manage_users, group_tree
):
    # The negative of the test above: what the entry changes is observable.
    monkeypatch.delitem(utils.TYPE_UPDATED_FIELD, "CustomerGroup")
    group = group_tree["emea"]
    before = group.updated_at

    with pytest.warns(UserWarning, match="TYPE_UPDATED_FIELD"):
        staff_api_client.post_graphql(UPDATE % "updateMetadata", variables(group))

    group.refresh_from_db()
    assert group.metadata == {"erp": "42"}
    assert group.updated_at == before
