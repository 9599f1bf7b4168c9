"""A checkout that needs an approval: request, approve, complete (plugin only).

Vanilla Saleor has no approvals, so this flow has no vanilla counterpart and no
ratio: it is timed with the plugin on, as its own row, step by step. The approvals
bench buyer (a branch of the deep buyer's account whose own policy asks its
approvers above USD 100) does what a B2B storefront does, and the branch's
approver what an approver's screen does:

1. ``checkoutCreate``, ``checkoutLinesAdd`` (5 lines of 10 units, well above the
   threshold), ``checkoutDeliveryMethodUpdate``, as the buyer;
2. ``checkoutApprovalRequest``, as the buyer: the checkout is fingerprinted and
   one level asked for;
3. ``checkoutApprove`` of that request, as the approver;
4. the payment app's ``transactionCreate`` for the total, and ``checkoutComplete``
   as the buyer, which checks the approval still matches the checkout.

``prepare`` runs the flow once and checks each state on the way (pending at one
level, approved, an order placed). The checkout scenario measures the other side:
completion under a policy that passes without an approval.
"""

from typing import Any

from ..client import BenchError, FlowTimer, Timed, result
from ..session import APPROVAL_BUYER, APPROVER, PLUGIN, Bench
from . import PLUGIN_ONLY, Plan, Scenario
from .checkout import checkout_variants, pay_and_complete, start_checkout

LINES = 5
QUANTITY = 10

REQUEST = """
mutation ($id: ID!) {
  checkoutApprovalRequest(id: $id, note: "Bench order") {
    approval { id state currentLevel levelCount }
    errors { field code message }
  }
}
"""

APPROVE = """
mutation ($id: ID!) {
  checkoutApprove(id: $id, comment: "Within budget") {
    approval { id state currentLevel levelCount }
    errors { field code message }
  }
}
"""


def _expect(approval: dict[str, Any], state: str, step: str) -> None:
    if approval["state"] != state:
        raise BenchError(
            f"After the {step} the approval is {approval['state']}, not {state}: "
            f"{approval}."
        )


def approval_round_trip(bench: Bench, variants: list[str]) -> tuple[Timed, dict]:
    """One checkout through its approval to its order; (timing, order)."""
    flow = FlowTimer()
    checkout_id, _, total = start_checkout(
        bench, flow, variants, [QUANTITY] * len(variants), who=APPROVAL_BUYER
    )
    requested = result(
        flow.add(
            "request",
            bench.post(REQUEST, {"id": checkout_id}, who=APPROVAL_BUYER),
        ),
        "checkoutApprovalRequest",
    )["approval"]
    _expect(requested, "PENDING", "request")
    approved = result(
        flow.add(
            "approve",
            bench.post(APPROVE, {"id": requested["id"]}, who=APPROVER),
        ),
        "checkoutApprove",
    )["approval"]
    _expect(approved, "APPROVED", "approval")
    order = pay_and_complete(bench, flow, checkout_id, total, who=APPROVAL_BUYER)
    return flow.total(), order


class ApprovalRequired(Scenario):
    key = "approval_flow"
    title = "checkout with approval: request, approve, complete"
    kind = PLUGIN_ONLY
    plan = Plan(warmup=1, requests=4, quick_requests=2)

    def pending(self, bench: Bench) -> str | None:
        return bench.seeded("approvals")

    def notes(self, bench: Bench) -> list[str]:
        threshold = bench.marker["counts"]["approval_branch_threshold"]
        return [
            "plugin only: vanilla Saleor has no approvals; the branch's policy asks "
            f"its approvers above USD {threshold:,}, one level"
        ]

    def prepare(self, bench: Bench) -> None:
        bench.create_payment_app()
        variants = checkout_variants(bench, who=APPROVAL_BUYER, count=LINES)
        if len(variants) != LINES:
            raise BenchError(f"The approval flow needs {LINES} products to buy.")
        bench.cache["approval_variants"] = variants
        _, order = approval_round_trip(bench, variants)
        if order.get("number") is None:
            raise BenchError(f"The approved checkout placed no order: {order}.")

    def start(self, bench: Bench) -> None:
        bench.set_mode(PLUGIN)

    def run_once(self, bench: Bench) -> Timed:
        timing, _ = approval_round_trip(bench, bench.cache["approval_variants"])
        return timing
