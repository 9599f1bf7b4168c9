"""The buyer: who buys, in which groups, under which terms. Decided here only.

Every feature -- pricing, visibility, approvals, events and what comes next --
takes a :class:`~.context.BuyerContext` from :mod:`.context` and never works out
the buyer again. The rules:

**The customer.** For a request: the signed-in customer (apps and anonymous
visitors are nobody). For a checkout: its customer (``Checkout.user``), whoever
sends the mutation (the customer, staff or an app acting for them).

**A guest checkout is a guest's**, even when its e-mail belongs to a customer. It
is priced at Saleor's prices, shows Saleor's catalog (nothing on a B2B-only
channel) and needs no approval, in every feature alike: an e-mail address proves
nothing, and contract prices or a company's catalog must not be reachable by
typing a buyer's address. But Saleor gives the order of a guest checkout to the
active account with its e-mail (``assign_checkout_user``), which would place an
order on a company's account outside its terms (approvals, credit, limits). So
completing a guest checkout whose e-mail belongs to a member of an active customer
group is refused (``guests.check_guest_is_not_member``, the first of
``order_creation.CHECKS``): the buyer signs in, and the checkout is then theirs
under their terms.

**The purchasing group.** A customer may belong to several groups (two branches of
one account, two companies). The group they buy for decides everything that is
about buying: the checkout and the storefront are priced under that group's
lineage only, its catalog applies, its approval policy decides, and later its credit
and limits. It is:

1. the group the customer selected (``purchasingGroupSelect``; also set by naming a
   group in ``checkoutApprovalRequest``), while they are still a member of it;
2. otherwise their only group;
3. otherwise none: with several groups and none selected, the customer sees the
   union of their groups' catalogs at the best price among them, and the strictest
   obligations apply -- a checkout needs what any of their groups' approval policies
   asks for.

The selection belongs to the customer, not to one checkout (as a company location
chosen at sign-in in other B2B platforms), so the storefront and every checkout of
the customer agree: what the buyer sees is what the buyer pays.
"""
