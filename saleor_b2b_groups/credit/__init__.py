"""Company credit: pay on account within a pooled credit limit.

A group may own a ``CreditAccount`` (currency, limit, exceed policy). A group
without one draws on its nearest ancestor's account: the pool. A group below the
owner may carry a ``CreditSubLimit`` inside the pool. Every change of the figures
is an append-only ``CreditLedgerEntry`` posted by ``ledger.post`` under a row lock
of the account (and of the sub-limits the entry goes through), which also keeps the
summary columns (``outstanding``, ``held``) in the same transaction; ``figures``
derives the balance from them, in one place.

A checkout paid on account (``checkout.pay_on_account``) holds its total (a
``CreditDraw`` and a ``HOLD`` entry) and gets a Saleor transaction authorized for
it, so Saleor's own ``checkoutComplete`` completes it; the order's creation turns
the hold into a ``CHARGE`` (``orders``).
"""

#: ``TransactionItem.app_identifier`` of the on-account transactions this package
#: creates; Saleor's transaction hooks ignore every other gateway's transactions.
ON_ACCOUNT_GATEWAY = "saleor-b2b-groups.on-account"
#: ``TransactionItem.payment_method_type`` of on-account transactions.
ON_ACCOUNT_METHOD_TYPE = "other"


class ExceedPolicy:
    """What happens when a checkout paid on account exceeds the available amount."""

    #: Refused: the buyer pays another way.
    BLOCK = "block"
    #: Needs the approval of the account owner group's managers first.
    REQUIRE_APPROVAL = "require_approval"
    #: Placed anyway; the ledger entry is flagged ``exceeded``.
    ALLOW = "allow"

    CHOICES = [
        (BLOCK, "Block"),
        (REQUIRE_APPROVAL, "Require approval"),
        (ALLOW, "Allow"),
    ]


class LedgerEntryType:
    """Ledger entry types and their effect on the figures (``ledger.EFFECTS``)."""

    HOLD = "hold"
    RELEASE = "release"
    CHARGE = "charge"
    PAYMENT = "payment"
    CREDIT = "credit"
    ADJUSTMENT = "adjustment"

    CHOICES = [
        (HOLD, "Hold"),
        (RELEASE, "Release"),
        (CHARGE, "Charge"),
        (PAYMENT, "Payment"),
        (CREDIT, "Credit"),
        (ADJUSTMENT, "Adjustment"),
    ]


class DrawStatus:
    """Where a checkout's draw on the account stands."""

    HELD = "held"
    CHARGED = "charged"
    RELEASED = "released"

    CHOICES = [(HELD, "Held"), (CHARGED, "Charged"), (RELEASED, "Released")]
