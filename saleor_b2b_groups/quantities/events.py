"""``quantity_rules_changed`` for the ERP: a group's own quantity rules, whole.

Schema: ``webhooks/schemas/quantity_rules_changed.json``. Order limits travel with
the group (``customer_group_updated``), as every inherited term does.
"""

from typing import Any

import graphene

from ..groups.models import CustomerGroup
from ..webhooks import ErpEventType
from ..webhooks.events import emit
from ..webhooks.payloads import enum_value, global_id, group_reference
from . import QuantityScope
from .models import QuantityRule

_TARGET_TYPES = {
    QuantityScope.VARIANT: "ProductVariant",
    QuantityScope.PRODUCT: "Product",
    QuantityScope.COLLECTION: "Collection",
    QuantityScope.CATEGORY: "Category",
}


def _rule(rule: QuantityRule) -> dict[str, Any]:
    type_name = _TARGET_TYPES.get(rule.scope)
    return {
        "id": global_id(rule),
        "scope": enum_value(rule.scope),
        "target": graphene.Node.to_global_id(type_name, rule.target_id)
        if type_name
        else None,
        "minimum": rule.minimum,
        "increment": rule.increment,
        "maximum": rule.maximum,
    }


def group_rules_payload(group: CustomerGroup) -> dict[str, Any]:
    return {
        "group": group_reference(group),
        "rules": [_rule(rule) for rule in QuantityRule.objects.filter(group=group)],
    }


def emit_quantity_rules_changed(group: CustomerGroup) -> None:
    """Call inside the change's transaction."""
    emit(ErpEventType.QUANTITY_RULES_CHANGED, group, group_rules_payload(group))
