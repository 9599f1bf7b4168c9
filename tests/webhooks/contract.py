"""Checking messages against the event contract: ``saleor_b2b_groups/webhooks/schemas``.

Each event type's schema describes a whole message (the envelope, refined); it refers
to ``envelope.json`` and ``definitions.json`` by file name, resolved here from the
same directory, as a file-based validator resolves them.
"""

import json
from functools import cache

from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from saleor_b2b_groups.webhooks import SCHEMA_DIR, schema_path
from saleor_b2b_groups.webhooks.delivery import envelope
from saleor_b2b_groups.webhooks.models import OutboxEvent

ENVELOPE = "envelope.json"


@cache
def registry() -> Registry:
    resources = [
        (path.name, Resource.from_contents(json.loads(path.read_text())))
        for path in sorted(SCHEMA_DIR.glob("*.json"))
    ]
    return Registry().with_resources(resources)


def validator(name: str) -> Draft202012Validator:
    schema = registry().contents(name)
    return Draft202012Validator(
        schema,
        registry=registry(),
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


def problems(message: dict) -> list[str]:
    """What is wrong with one message; empty when it follows the contract."""
    found = [
        f"envelope: {e.json_path}: {e.message}"
        for e in validator(ENVELOPE).iter_errors(message)
    ]
    event_type = message.get("type")
    if not isinstance(event_type, str) or not schema_path(event_type).exists():
        found.append(
            f"no schema for event type {event_type!r}: add "
            f"saleor_b2b_groups/webhooks/schemas/{event_type}.json"
        )
        return found
    found += [
        f"{event_type}: {e.json_path}: {e.message}"
        for e in validator(schema_path(event_type).name).iter_errors(message)
    ]
    return found


def outbox_problems() -> dict[str, list[str]]:
    """Every stored event's problems, by ``<type> <aggregate>#<sequence>``."""
    report = {}
    for event in OutboxEvent.objects.order_by("created_at", "sequence"):
        message = json.loads(json.dumps(envelope(event)))
        if found := problems(message):
            report[str(event)] = found
    return report
