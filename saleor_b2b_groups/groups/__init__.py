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
