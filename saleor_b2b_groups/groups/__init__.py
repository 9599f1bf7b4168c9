"""Customer groups: a hierarchy of B2B accounts (global account -> region -> branch)."""


class CustomerGroupRole:
    """What a member may do in a group: every member buys; some also decide."""

    BUYER = "buyer"
    APPROVER = "approver"
    MANAGER = "manager"

    CHOICES = [
        (BUYER, "Buyer"),
        (APPROVER, "Approver"),
        (MANAGER, "Manager"),
    ]


class MembershipSource:
    """Who put a customer in a group: an admin or the ERP (manual), or a segment.

    A segment's recompute adds and removes only its own memberships."""

    MANUAL = "manual"
    SEGMENT = "segment"

    CHOICES = [(MANUAL, "Manual"), (SEGMENT, "Segment")]
