"""Checkout approvals: policies on groups, one state machine, enforced at completion.

A group's approval policy (an inherited term, ``policy``) says when a checkout needs
approval and by whom; ``fingerprint`` pins down what a checkout contains; ``state``
derives the one state of a checkout's approval from its request, its decisions and
the checkout as it is now; ``actions`` makes every transition (request, approve,
reject) under row locks; ``completion`` refuses an order that is not approved.
Every entry point (GraphQL, completion, automatic completion) goes through these.
"""


class ApprovalStatus:
    """What is recorded on a request; the state a checkout is in is derived
    (``state.derive_status``) from it and from the checkout as it is now."""

    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    #: A newer request for the same checkout replaced it.
    SUPERSEDED = "superseded"

    CHOICES = [
        (PENDING, "Pending"),
        (APPROVED, "Approved"),
        (REJECTED, "Rejected"),
        (SUPERSEDED, "Superseded"),
    ]
    #: At most one request per checkout is open at a time.
    OPEN = [PENDING, APPROVED]


class ApprovalState:
    """A checkout's approval state, as buyers, approvers and completion see it."""

    #: The purchasing group's policy asks for nothing (or the buyer is in no group).
    NOT_REQUIRED = "not_required"
    #: The policy asks for approval and none was requested (or the purchasing group
    #: must be named first).
    REQUIRED = "required"
    #: Requested; waiting for the decision at level n of m.
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    #: The checkout (lines, quantities, prices, addresses, delivery, voucher, total,
    #: buyer) or the policy changed after the request or the approval.
    STALE = "stale"
    #: Older than the validity age of the purchasing group, or the checkout is gone.
    EXPIRED = "expired"

    CHOICES = [
        (NOT_REQUIRED, "Not required"),
        (REQUIRED, "Required"),
        (PENDING, "Pending"),
        (APPROVED, "Approved"),
        (REJECTED, "Rejected"),
        (STALE, "Stale"),
        (EXPIRED, "Expired"),
    ]
    #: The states in which an order may be created.
    ALLOWS_ORDER = [NOT_REQUIRED, APPROVED]


class ApprovalDecision:
    APPROVED = "approved"
    REJECTED = "rejected"

    CHOICES = [(APPROVED, "Approved"), (REJECTED, "Rejected")]


class Approver:
    """Who decides a level a rule asks for."""

    #: Members with role APPROVER of the purchasing group itself.
    GROUP_APPROVERS = "group_approvers"
    #: Members with role MANAGER of the group ``levels_up`` levels above it.
    ANCESTOR_MANAGERS = "ancestor_managers"

    CHOICES = [
        (GROUP_APPROVERS, "Approvers of the buyer's group"),
        (ANCESTOR_MANAGERS, "Managers of a group higher up"),
    ]


class RuleKind:
    TOTAL_ABOVE = "total_above"
    CATEGORIES = "categories"

    CHOICES = [
        (TOTAL_ABOVE, "The total is above an amount"),
        (CATEGORIES, "Contains products of given categories"),
    ]


class AmountType:
    """Which total a threshold compares with."""

    GROSS = "gross"
    NET = "net"

    CHOICES = [(GROSS, "Gross (with taxes)"), (NET, "Net (without taxes)")]


class LevelState:
    APPROVED = "approved"
    REJECTED = "rejected"
    #: The level deciding now.
    PENDING = "pending"
    #: A later level, or a level of a request not made yet.
    WAITING = "waiting"

    CHOICES = [
        (APPROVED, "Approved"),
        (REJECTED, "Rejected"),
        (PENDING, "Pending"),
        (WAITING, "Waiting"),
    ]
