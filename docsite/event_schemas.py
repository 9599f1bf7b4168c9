"""The ERP event reference, generated from the JSON Schemas the package ships.

One section per event type (``saleor_b2b_groups/webhooks/schemas/<type>.json``): its
description, the fields of its ``data`` and the whole schema; the envelope and the
shared definitions come first. The schema files themselves are published next to the
page, so their ``$ref``s (by file name) resolve.
"""

import json
from pathlib import Path
from typing import Any

from saleor_b2b_groups.webhooks import SCHEMA_DIR

SHARED = ("envelope.json", "definitions.json")
PUBLISHED_DIR = "reference/event-schemas"


def schema_files() -> list[Path]:
    """The shared files first, then each event type's, by name."""
    files = sorted(Path(SCHEMA_DIR).glob("*.json"))
    shared = [Path(SCHEMA_DIR) / name for name in SHARED]
    return shared + [path for path in files if path.name not in SHARED]


def _cell(text: str | None) -> str:
    return " ".join((text or "").split()).replace("|", "\\|")


def _describe_type(node: dict[str, Any]) -> str:
    """A short spelling of a property's schema: its type, enum, const or $ref."""
    if "$ref" in node:
        return f"`{node['$ref'].split('/')[-1]}`"
    if "const" in node:
        return f"`{json.dumps(node['const'])}`"
    if "enum" in node:
        return " \\| ".join(f"`{json.dumps(value)}`" for value in node["enum"])
    for combinator in ("oneOf", "anyOf"):
        if combinator in node:
            return " or ".join(_describe_type(option) for option in node[combinator])
    kind = node.get("type", "")
    if isinstance(kind, list):
        kind = " or ".join(kind)
    if kind == "array" and isinstance(node.get("items"), dict):
        return f"array of {_describe_type(node['items'])}"
    return f"`{kind}`" if kind else "any"


def _properties_table(node: dict[str, Any]) -> list[str]:
    properties = node.get("properties") or {}
    if not properties:
        return []
    required = set(node.get("required") or [])
    lines = ["| field | type | required | description |", "|---|---|---|---|"]
    for name, prop in properties.items():
        lines.append(
            f"| `{name}` | {_describe_type(prop)} | "
            f"{'yes' if name in required else ''} | {_cell(prop.get('description'))} |"
        )
    return lines


def _section(path: Path) -> list[str]:
    schema = json.loads(path.read_text())
    title = schema.get("title") or path.stem
    lines = [
        f"## `{path.stem}` {{ #{path.stem.replace('_', '-')} }}",
        "",
        f"*{_cell(title)}*: [`{path.name}`](event-schemas/{path.name})",
        "",
    ]
    if schema.get("description"):
        lines += [_cell(schema["description"]), ""]
    data = (schema.get("properties") or {}).get("data")
    if isinstance(data, dict) and data.get("properties"):
        lines += ["Fields of `data`:", "", *_properties_table(data), ""]
    elif schema.get("properties"):
        lines += ["Fields:", "", *_properties_table(schema), ""]
    definitions = schema.get("$defs") or {}
    if path.name == "definitions.json" and definitions:
        lines += ["| definition | description |", "|---|---|"]
        for name, definition in definitions.items():
            lines.append(f"| `{name}` | {_cell(definition.get('description'))} |")
        lines.append("")
    body = json.dumps(schema, indent=2)
    indented = "\n".join("    " + line for line in body.splitlines())
    lines += [f'??? note "The whole schema: {path.name}"', "", "    ```json", indented]
    lines += ["    ```", ""]
    return lines


def render() -> str:
    """The event reference page's Markdown."""
    files = schema_files()
    lines = [
        "# ERP event schemas",
        "",
        "Generated when the docs are built, from the JSON Schemas (draft 2020-12) the",
        "package ships in `saleor_b2b_groups/webhooks/schemas/`",
        "(`saleor_b2b_groups.webhooks.SCHEMA_DIR`). Each event type's schema refines",
        "`envelope.json` and refers to `definitions.json` by file name; every event a",
        "test emits is validated against them. How they are delivered:",
        "[Events](../erp/events.md), [Signatures](../erp/signatures.md),",
        "[Delivery guarantees](../erp/delivery.md).",
        "",
        "Event types: "
        + ", ".join(
            f"[`{path.stem}`](#{path.stem.replace('_', '-')})"
            for path in files
            if path.name not in SHARED
        )
        + ".",
        "",
    ]
    for path in files:
        lines += _section(path)
    return "\n".join(lines)
