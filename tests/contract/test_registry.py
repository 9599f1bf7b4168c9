"""The patch registry (``saleor_b2b_groups.patches``) lists every change to Saleor.

Installers record what they change (``patches.record``); these tests compare that
with the registry both ways, and check each entry names a contract test that exists.
"""

import ast
import inspect
from pathlib import Path

from graphene.utils.str_converters import to_camel_case
from saleor.graphql import api
from saleor.graphql.core.federation import schema as federation

from saleor_b2b_groups import patches
from saleor_b2b_groups.graphql import schema as b2b
from saleor_b2b_groups.graphql.schema_extension import is_extended

ROOT = Path(__file__).resolve().parents[2]


def _installed_by_this_package() -> set[tuple[str, str]]:
    # Tests of the helpers may record patches of test types; only ours count.
    return {
        (target, owner)
        for target, owner in patches.INSTALLED
        if owner.startswith("saleor_b2b_groups.")
    }


def test_every_installed_patch_is_listed():
    listed = {(patch.target, patch.owner) for patch in patches.REGISTRY}
    unlisted = _installed_by_this_package() - listed
    assert not unlisted, f"patches missing from patches.REGISTRY: {sorted(unlisted)}"


def test_every_listed_patch_is_installed():
    listed = {(patch.target, patch.owner) for patch in patches.REGISTRY}
    missing = listed - _installed_by_this_package()
    assert not missing, f"listed in patches.REGISTRY, never installed: {missing}"


def test_every_listed_patch_has_a_contract_test():
    for patch in patches.REGISTRY:
        path, _, name = patch.contract_test.partition("::")
        assert path.startswith("tests/contract/"), patch.name
        module = ast.parse((ROOT / path).read_text())
        tests = {node.name for node in module.body if isinstance(node, ast.FunctionDef)}
        assert name in tests, f"{patch.name}: no {patch.contract_test}"


def test_patches_have_unique_names_and_a_reason():
    names = [patch.name for patch in patches.REGISTRY]
    assert len(names) == len(set(names))
    assert all(patch.why.strip() for patch in patches.REGISTRY)


def test_installers_run_in_registry_order():
    assert patches.PATCHES == [
        "saleor_b2b_groups.graphql.schema_extension.install",
        "saleor_b2b_groups.visibility.querysets.install",
        "saleor_b2b_groups.graphql.visibility.reorder.install",
        "saleor_b2b_groups.approvals.completion.install",
        "saleor_b2b_groups.graphql.pricing.checkout.install",
        "saleor_b2b_groups.quantities.cap.install",
    ]


def test_saleor_builds_its_schema_with_our_builder():
    builder = federation.build_federated_schema
    original = inspect.unwrap(builder)
    assert list(inspect.signature(original).parameters) == [
        "query",
        "mutation",
        "types",
        "subscription",
        "directives",
    ]
    assert builder is not original  # wrapped
    assert is_extended(api.schema)


def test_extended_saleor_types_serve_their_added_fields():
    for extension in b2b.TYPE_EXTENSIONS:
        saleor_type = extension.extends
        if not saleor_type.__module__.startswith("saleor."):
            continue
        served = api.schema.get_type(saleor_type._meta.name)  # type: ignore[union-attr]
        for name, _field in extension.fields():
            assert to_camel_case(name) in served.fields, (saleor_type, name)


def test_wrapped_saleor_fields_exist_in_the_served_schema():
    for patch in patches.REGISTRY:
        if patch.kind is not patches.Kind.RESOLVER:
            continue
        type_name, field = patch.target.removeprefix("graphql:").split(".")
        assert to_camel_case(field) in api.schema.get_type(type_name).fields, patch
