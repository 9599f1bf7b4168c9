"""A B2B order from start to finish: 20 lines at group prices, paid, completed.

The deep bench buyer, logged in, does what a storefront does:

1. ``checkoutCreate`` with shipping and billing addresses;
2. ``checkoutLinesAdd`` with 20 lines (quantities from 1 to 50, so several lines
   hit quantity tiers), answering with the lines' prices and the shipping methods;
3. ``checkoutDeliveryMethodUpdate`` to the channel's flat-rate method;
4. the payment: a payment app (``HANDLE_PAYMENTS``, created for the run by the
   admin with ``appCreate``) records a charged transaction for the checkout's
   total with ``transactionCreate``, as a payment app does after the PSP confirms;
5. ``checkoutComplete``, which places the order.

Transactions are Saleor's current payment API; approvals (see ``approvals``) only
gate cleanly with it. The flow's latency is the sum of its five requests; each
step is reported too. With the plugin on, the lines carry the buyer's group prices
and completion re-checks them and the catalog rules; it also evaluates the
approval policy of the buyer's account, which every bench checkout passes (a
threshold far above it). ``prepare`` checks both: group prices on the lines, and
the checkout's approval ``NOT_REQUIRED`` under a policy that has rules.
"""

from collections.abc import Callable
from functools import partial

from ..client import BenchError, FlowTimer, Timed, result
from ..session import APP, DEEP_BUYER, MODES, PLUGIN, VANILLA, Bench
from . import COMPARE, Plan, Scenario, Target

LINES = 20
#: One per line: several reach the 10- and 50-unit tiers of the bench price lists.
QUANTITIES = [1, 2, 10, 3, 50, 1, 5, 12, 2, 1, 10, 4, 1, 2, 25, 1, 3, 10, 1, 2]

ADDRESS = {
    "firstName": "Bench",
    "lastName": "Buyer",
    "companyName": "Bench Company",
    "streetAddress1": "1600 Amphitheatre Pkwy",
    "city": "MOUNTAIN VIEW",
    "postalCode": "94043",
    "countryArea": "CA",
    "country": "US",
}

CHECKOUT_CREATE = """
mutation ($channel: String!, $address: AddressInput!) {
  checkoutCreate(input: {
    channel: $channel, lines: [], shippingAddress: $address, billingAddress: $address
  }) {
    checkout { id }
    errors { field code message }
  }
}
"""

LINES_ADD = """
mutation ($id: ID!, $lines: [CheckoutLineInput!]!) {
  checkoutLinesAdd(id: $id, lines: $lines) {
    checkout {
      id
      lines {
        quantity
        unitPrice { net { amount } }
      }
      subtotalPrice { gross { amount currency } }
      shippingMethods { id name price { amount } }
    }
    errors { field code message }
  }
}
"""

DELIVERY_METHOD_UPDATE = """
mutation ($id: ID!, $method: ID!) {
  checkoutDeliveryMethodUpdate(id: $id, deliveryMethodId: $method) {
    checkout { id totalPrice { gross { amount currency } } }
    errors { field code message }
  }
}
"""

TRANSACTION_CREATE = """
mutation ($id: ID!, $amount: PositiveDecimal!, $currency: String!, $psp: String!) {
  transactionCreate(id: $id, transaction: {
    name: "Bench card", pspReference: $psp,
    amountCharged: {amount: $amount, currency: $currency}
  }) {
    transaction { id chargedAmount { amount } }
    errors { field code message }
  }
}
"""

CHECKOUT_COMPLETE = """
mutation ($id: ID!) {
  checkoutComplete(id: $id) {
    order { id number status total { gross { amount currency } } }
    errors { field code message }
  }
}
"""

#: What the deep buyer's checkout says of approval, and the policy it falls under.
APPROVAL_CHECK = """
query ($id: ID!) {
  checkout(id: $id) { approval { state group { name } } }
  me { customerGroups { group { effectiveTerms {
    approvalPolicy { rules { description } }
  } } } }
}
"""

CHECKOUT_VARIANTS = """
query ($channel: String!, $first: Int!) {
  products(first: $first, channel: $channel) {
    edges { node { variants { id } } }
  }
}
"""

STEPS = ("create", "lines add", "delivery", "payment", "complete")


def checkout_variants(
    bench: Bench, who: str = DEEP_BUYER, count: int = LINES
) -> list[str]:
    """The first variant of each of the first ``count`` products ``who`` sees with
    the plugin on (so it may buy them): for the deep buyer, priced by its lists
    (fixed prices, tiers on some)."""
    bench.set_mode(PLUGIN)
    answer = bench.post(
        CHECKOUT_VARIANTS, {"channel": bench.channel, "first": count}, who=who
    )
    edges = result(answer, "products")["edges"]
    return [edge["node"]["variants"][0]["id"] for edge in edges]


def start_checkout(
    bench: Bench,
    flow: FlowTimer,
    variants: list[str],
    quantities: list[int],
    who: str = DEEP_BUYER,
) -> tuple[str, dict, dict]:
    """Create, add the lines, choose the delivery; (checkout id, the checkout after
    the lines were added, its total)."""
    created = result(
        flow.add(
            "create",
            bench.post(
                CHECKOUT_CREATE, {"channel": bench.channel, "address": ADDRESS}, who=who
            ),
        ),
        "checkoutCreate",
    )
    checkout_id = created["checkout"]["id"]
    lines = [
        {"variantId": variant, "quantity": quantity}
        for variant, quantity in zip(variants, quantities, strict=True)
    ]
    added = result(
        flow.add(
            "lines add",
            bench.post(LINES_ADD, {"id": checkout_id, "lines": lines}, who=who),
        ),
        "checkoutLinesAdd",
    )["checkout"]
    if not added["shippingMethods"]:
        raise BenchError("The bench checkout offers no shipping method.")
    delivered = result(
        flow.add(
            "delivery",
            bench.post(
                DELIVERY_METHOD_UPDATE,
                {"id": checkout_id, "method": added["shippingMethods"][0]["id"]},
                who=who,
            ),
        ),
        "checkoutDeliveryMethodUpdate",
    )
    return checkout_id, added, delivered["checkout"]["totalPrice"]["gross"]


def pay_and_complete(
    bench: Bench, flow: FlowTimer, checkout_id: str, total: dict, who: str = DEEP_BUYER
) -> dict:
    """The payment app charges the total, then ``who`` completes; the order."""
    bench.cache["payments"] = bench.cache.get("payments", 0) + 1
    result(
        flow.add(
            "payment",
            bench.post(
                TRANSACTION_CREATE,
                {
                    "id": checkout_id,
                    "amount": total["amount"],
                    "currency": total["currency"],
                    "psp": f"bench-{bench.cache['payments']}",
                },
                who=APP,
            ),
        ),
        "transactionCreate",
    )
    completed = result(
        flow.add(
            "complete", bench.post(CHECKOUT_COMPLETE, {"id": checkout_id}, who=who)
        ),
        "checkoutComplete",
    )
    if completed.get("order") is None:
        raise BenchError(f"checkoutComplete placed no order: {completed}")
    return completed["order"]


def place_order(
    bench: Bench,
    variants: list[str],
    inspect: Callable[[str], None] | None = None,
) -> tuple[Timed, dict]:
    """One checkout, start to finish, as the deep buyer; (timing, lines added).
    ``inspect`` sees the checkout's id before it is paid (not timed)."""
    flow = FlowTimer()
    checkout_id, added, total = start_checkout(bench, flow, variants, QUANTITIES)
    if inspect is not None:
        inspect(checkout_id)
    pay_and_complete(bench, flow, checkout_id, total)
    return flow.total(), added


def check_approval_passes(bench: Bench, checkout_id: str) -> None:
    """The deep buyer's checkout is under a policy with rules, and needs no
    approval: completion evaluates the policy and lets it through."""
    answer = bench.post(APPROVAL_CHECK, {"id": checkout_id}, who=DEEP_BUYER)
    approval = result(answer, "checkout")["approval"]
    rules = [
        rule
        for membership in answer.data["data"]["me"]["customerGroups"]
        for rule in membership["group"]["effectiveTerms"]["approvalPolicy"]["rules"]
    ]
    if not rules or approval is None or approval["state"] != "NOT_REQUIRED":
        raise BenchError(
            "The bench checkout should pass an approval policy: policy rules "
            f"{rules}, approval {approval}."
        )


def unit_prices(checkout: dict) -> list[float]:
    return [line["unitPrice"]["net"]["amount"] for line in checkout["lines"]]


class Checkout(Scenario):
    key = "checkout"
    title = f"checkout: create, {LINES} lines, delivery, payment, complete"
    kind = COMPARE
    target = Target("median at most 1.2x vanilla", max_ratio=1.2)
    plan = Plan(warmup=1, requests=4, quick_requests=2)

    def notes(self, bench: Bench) -> list[str]:
        reason = bench.seeded("approvals")
        if reason:
            return [f"approval policy: not measured: {reason}"]
        threshold = bench.marker["counts"]["deep_buyer_approval_threshold"]
        return [
            "approval policy: measured: evaluated at completion; the buyer's account "
            f"asks for approval above USD {threshold:,}, which no bench checkout "
            "reaches"
        ]

    def prepare(self, bench: Bench) -> None:
        bench.create_payment_app()
        variants = checkout_variants(bench)
        if len(variants) != LINES:
            raise BenchError(f"The checkout needs {LINES} products to buy.")
        bench.cache["checkout_variants"] = variants
        prices = {}
        for mode in MODES:
            bench.set_mode(mode)
            inspect = None
            if mode == PLUGIN and not bench.seeded("approvals"):
                inspect = partial(check_approval_passes, bench)
            _, added = place_order(bench, variants, inspect)
            prices[mode] = unit_prices(added)
        cheaper = sum(
            1
            for plugin, vanilla in zip(prices[PLUGIN], prices[VANILLA], strict=True)
            if plugin < vanilla
        )
        if cheaper < LINES // 2:
            raise BenchError(
                "The plugin does not price the checkout as it should: only "
                f"{cheaper} of {LINES} lines are below the channel price."
            )
        bench.cache["checkout_group_priced_lines"] = cheaper

    def run_once(self, bench: Bench) -> Timed:
        timing, _ = place_order(bench, bench.cache["checkout_variants"])
        return timing
