"""What follows a change of price lists: one hook, called by every writer.

The lead fills this (re-pricing open checkouts); the ERP events issue hooks into it
too. Kept in one place so that every path that changes prices -- the admin API, its
bulk upserts, the demo -- announces it the same way.
"""


def price_lists_changed(price_list_ids: set[int]) -> None:
    """Price lists whose prices, rules, validity or group assignments changed.

    Called inside the writer's transaction, after its writes: what it does commits or
    rolls back with the change. Deleted lists are included (their rows are gone).
    Not called when a mutation changed nothing (an idempotent repeat). The lead
    fills this.
    """
