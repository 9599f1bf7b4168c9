"""ERP event payloads of approvals (schemas in ``webhooks/schemas/``)."""

from typing import Any

import graphene

from ..webhooks.payloads import enum_value, global_id, group_reference
from ..webhooks.payloads import money as _money
from .escalation import escalation_reason
from .models import CheckoutApprovalDecision, CheckoutApprovalLevel
from .state import ApprovalView


def approval(view: ApprovalView) -> dict[str, Any]:
    """The request, its levels and the checkout as requested.

    Never the checkout's ID: in Saleor it is a bearer key (anyone holding it may
    change the checkout); the request's own ID is the reference.
    """
    request = view.request
    assert request is not None
    currency = request.currency
    return {
        "id": global_id(request),
        "status": enum_value(request.status),
        "state": enum_value(view.state),
        "group": group_reference(request.group) if request.group else None,
        "requestedBy": {
            "id": graphene.Node.to_global_id("User", request.requested_by_id)
            if request.requested_by_id
            else None,
            "email": request.requested_by_email,
        },
        "requestedAt": request.requested_at.isoformat(),
        "expiresAt": request.expires_at.isoformat(),
        "note": request.note,
        "fingerprint": request.fingerprint,
        "totalNet": _money(request.total_net_amount, currency),
        "totalGross": _money(request.total_gross_amount, currency),
        "levelCount": request.level_count,
        "currentLevel": request.current_level,
        "levels": [
            {
                "level": level.index + 1,
                "group": group_reference(level.group) if level.group else None,
                "role": enum_value(level.role),
                "levelsUp": level.levels_up,
                "reasons": level.reasons,
                "state": enum_value(level.state),
                "escalated": level.escalated,
            }
            for level in view.levels
        ],
        "lines": [
            {
                "variantId": line["variant_id"],
                "sku": line["sku"],
                "quantity": line["quantity"],
                "totalNet": _money(line["total_net"], currency),
                "totalGross": _money(line["total_gross"], currency),
            }
            for line in request.snapshot.get("lines", [])
        ],
    }


def requested(view: ApprovalView) -> dict[str, Any]:
    return {"approval": approval(view)}


def decided(view: ApprovalView, decision: CheckoutApprovalDecision) -> dict[str, Any]:
    return {
        "approval": approval(view),
        "decision": {
            "level": decision.level + 1,
            "decision": enum_value(decision.decision),
            "decidedBy": {
                "userId": graphene.Node.to_global_id("User", decision.user_id)
                if decision.user_id
                else None,
                "appId": graphene.Node.to_global_id("App", decision.app_id)
                if decision.app_id
                else None,
                "email": decision.actor_email,
                "name": decision.actor_name,
                "asStaff": decision.as_staff,
            },
            "comment": decision.comment,
            "decidedAt": decision.created_at.isoformat(),
        },
    }


def escalated(view: ApprovalView, level: CheckoutApprovalLevel) -> dict[str, Any]:
    return {
        "approval": approval(view),
        "escalation": {
            "level": level.index + 1,
            "group": group_reference(level.group) if level.group else None,
            "role": enum_value(level.role),
            "to": "STAFF",
            "reason": escalation_reason(level),
        },
    }
