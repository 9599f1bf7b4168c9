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
(``prepare`` checks it) and completion re-checks them; with an approval policy
seeded (the approvals step), completion also evaluates the policy, which passes.
"""

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

CHECKOUT_VARIANTS = """
query ($channel: String!, $first: Int!) {
  products(first: $first, channel: $channel) {
    edges { node { variants { id } } }
  }
}
"""

STEPS = ("create", "lines add", "delivery", "payment", "complete")


def checkout_variants(bench: Bench) -> list[str]:
    """The first variant of each of the first 20 products: priced by the deep
    buyer's lists (fixed prices, tiers on some)."""
    answer = bench.post(
        CHECKOUT_VARIANTS, {"channel": bench.channel, "first": LINES}, who=DEEP_BUYER
    )
    edges = result(answer, "products")["edges"]
    return [edge["node"]["variants"][0]["id"] for edge in edges]


def place_order(bench: Bench, variants: list[str]) -> tuple[Timed, dict]:
    """One checkout, start to finish, as the deep buyer; (timing, lines added)."""
    flow = FlowTimer()
    created = result(
        flow.add(
            "create",
            bench.post(
                CHECKOUT_CREATE,
                {"channel": bench.channel, "address": ADDRESS},
                who=DEEP_BUYER,
            ),
        ),
        "checkoutCreate",
    )
    checkout_id = created["checkout"]["id"]
    lines = [
        {"variantId": variant, "quantity": quantity}
        for variant, quantity in zip(variants, QUANTITIES, strict=True)
    ]
    added = result(
        flow.add(
            "lines add",
            bench.post(LINES_ADD, {"id": checkout_id, "lines": lines}, who=DEEP_BUYER),
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
                who=DEEP_BUYER,
            ),
        ),
        "checkoutDeliveryMethodUpdate",
    )
    total = delivered["checkout"]["totalPrice"]["gross"]
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
            "complete",
            bench.post(CHECKOUT_COMPLETE, {"id": checkout_id}, who=DEEP_BUYER),
        ),
        "checkoutComplete",
    )
    if completed.get("order") is None:
        raise BenchError(f"checkoutComplete placed no order: {completed}")
    return flow.total(), added


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
        return [f"approval policy: not measured: {reason}"] if reason else []

    def prepare(self, bench: Bench) -> None:
        if bench.tokens.get(APP) is None:
            bench.create_payment_app()
        bench.set_mode(PLUGIN)
        variants = checkout_variants(bench)
        if len(variants) != LINES:
            raise BenchError(f"The checkout needs {LINES} products to buy.")
        bench.cache["checkout_variants"] = variants
        prices = {}
        for mode in MODES:
            bench.set_mode(mode)
            _, added = place_order(bench, variants)
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
