"""The GraphQL reference page, generated from the schema Saleor serves.

Lists what this package adds and nothing of Saleor's own: its root queries and
mutations (read from ``saleor_b2b_groups.graphql.schema``'s lists), the fields it adds
to Saleor's types (``TYPE_EXTENSIONS``), and every type, input and enum (error codes
too) defined in the package. Descriptions are the schema's own, so the page cannot
drift from the code.
"""

from typing import Any

from graphene.utils.str_converters import to_camel_case
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLUnionType,
)

PACKAGE = "saleor_b2b_groups"


def defining_module(graphql_type: Any) -> str:
    """The Python module a schema type comes from (an enum's: its Python enum's)."""
    graphene_type = getattr(graphql_type, "graphene_type", None)
    if graphene_type is None:
        return ""
    module = graphene_type.__module__
    python_enum = getattr(getattr(graphene_type, "_meta", None), "enum", None)
    if module.startswith("graphene") and python_enum is not None:
        module = python_enum.__module__
    return module


def root_field_names() -> tuple[list[str], list[str]]:
    """The package's root queries and mutations, as named in the schema."""
    from saleor_b2b_groups.graphql import schema as extension

    def names(mixins: list) -> list[str]:
        return [to_camel_case(name) for mixin in mixins for name in mixin._meta.fields]

    return names(extension.QUERIES), names(extension.MUTATIONS)


def extension_fields() -> dict[str, list[str]]:
    """The fields the package adds to Saleor's types, by type name."""
    from saleor_b2b_groups.graphql import schema as extension

    added: dict[str, list[str]] = {}
    for type_extension in extension.TYPE_EXTENSIONS:
        type_name = type_extension.extends._meta.name
        added.setdefault(type_name, []).extend(
            to_camel_case(name) for name, _ in type_extension.fields()
        )
    return added


def package_types(schema: Any) -> dict[str, Any]:
    """Every named type the package defines, except the root types."""
    roots = {schema.get_query_type().name, schema.get_mutation_type().name}
    return {
        name: graphql_type
        for name, graphql_type in sorted(schema.get_type_map().items())
        if name not in roots
        and not name.startswith("__")
        and defining_module(graphql_type).startswith(PACKAGE)
    }


def _anchor(name: str) -> str:
    return f"type-{name.lower()}"


def _type_ref(graphql_type: Any, ours: dict[str, Any]) -> str:
    if isinstance(graphql_type, GraphQLNonNull):
        return _type_ref(graphql_type.of_type, ours) + "!"
    if isinstance(graphql_type, GraphQLList):
        return "[" + _type_ref(graphql_type.of_type, ours) + "]"
    if graphql_type.name in ours:
        return f"[`{graphql_type.name}`](#{_anchor(graphql_type.name)})"
    return f"`{graphql_type.name}`"


def _cell(text: str | None) -> str:
    return " ".join((text or "").split()).replace("|", "\\|")


def _arguments(field: Any, ours: dict[str, Any]) -> list[str]:
    if not field.args:
        return []
    lines = ["", "| argument | type | description |", "|---|---|---|"]
    for name, argument in field.args.items():
        lines.append(
            f"| `{name}` | {_type_ref(argument.type, ours)} | "
            f"{_cell(argument.description)} |"
        )
    return lines


def _root_section(title: str, root: Any, names: list[str], ours: dict) -> list[str]:
    lines = [f"## {title}", ""]
    for name in sorted(names):
        field = root.fields[name]
        lines += [
            f"### `{name}` {{ #{title.lower()}-{name.lower()} }}",
            "",
            _cell(field.description) or "(no description)",
            "",
            f"Returns {_type_ref(field.type, ours)}.",
            *_arguments(field, ours),
            "",
        ]
    return lines


def _fields_table(fields: dict[str, Any], ours: dict[str, Any]) -> list[str]:
    lines = ["| field | type | description |", "|---|---|---|"]
    for name, field in fields.items():
        arguments = ", ".join(
            f"`{argument}`" for argument in getattr(field, "args", None) or {}
        )
        suffix = f" Arguments: {arguments}." if arguments else ""
        deprecated = getattr(field, "deprecation_reason", None)
        note = f" *Deprecated: {_cell(deprecated)}*" if deprecated else ""
        lines.append(
            f"| `{name}` | {_type_ref(field.type, ours)} | "
            f"{_cell(field.description)}{suffix}{note} |"
        )
    return lines


def _type_section(name: str, graphql_type: Any, ours: dict[str, Any]) -> list[str]:
    lines = [f"### `{name}` {{ #{_anchor(name)} }}", ""]
    if graphql_type.description:
        lines += [_cell(graphql_type.description), ""]
    if isinstance(graphql_type, GraphQLEnumType):
        lines += ["| value | description |", "|---|---|"]
        for value in graphql_type.values:
            lines.append(f"| `{value.name}` | {_cell(value.description)} |")
    elif isinstance(graphql_type, GraphQLUnionType):
        members = ", ".join(_type_ref(member, ours) for member in graphql_type.types)
        lines.append(f"One of: {members}.")
    else:
        interfaces = getattr(graphql_type, "interfaces", None) or []
        if interfaces:
            implemented = ", ".join(_type_ref(i, ours) for i in interfaces)
            lines += [f"Implements {implemented}.", ""]
        lines += _fields_table(graphql_type.fields, ours)
    return [*lines, ""]


KINDS = [
    ("Object types", (GraphQLObjectType, GraphQLInterfaceType, GraphQLUnionType)),
    ("Input types", (GraphQLInputObjectType,)),
    ("Enums and error codes", (GraphQLEnumType,)),
]


def render(schema: Any) -> str:
    """The reference page's Markdown."""
    ours = package_types(schema)
    queries, mutations = root_field_names()
    lines = [
        "# GraphQL reference",
        "",
        "Generated when the docs are built, from the schema Saleor serves with this",
        "package installed: what the package adds to Saleor's API and nothing of",
        "Saleor's own (for those, see",
        "[Saleor's API reference](https://docs.saleor.io/api-reference)). The package",
        "follows Saleor's conventions: Relay IDs, connections with `first`/`after`,",
        "`errors` with typed codes.",
        "",
        f"{len(queries)} queries, {len(mutations)} mutations, "
        f"{sum(map(len, extension_fields().values()))} fields on Saleor's types, "
        f"{len(ours)} types.",
        "",
    ]
    lines += _root_section("Queries", schema.get_query_type(), queries, ours)
    lines += _root_section("Mutations", schema.get_mutation_type(), mutations, ours)
    lines += ["## Fields added to Saleor's types", ""]
    type_map = schema.get_type_map()
    for type_name, field_names in sorted(extension_fields().items()):
        saleor_type = type_map[type_name]
        fields = {name: saleor_type.fields[name] for name in field_names}
        lines += [
            f"### `{type_name}` {{ #extends-{type_name.lower()} }}",
            "",
            *_fields_table(fields, ours),
            "",
        ]
    for title, kinds in KINDS:
        lines += [f"## {title}", ""]
        for name, graphql_type in ours.items():
            if isinstance(graphql_type, kinds):
                lines += _type_section(name, graphql_type, ours)
    return "\n".join(lines)
