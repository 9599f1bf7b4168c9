"""Buyer self-service in GraphQL: ``me.groupOrders``, requisition lists and quick
order (see ``saleor_b2b_groups.selfservice``)."""
