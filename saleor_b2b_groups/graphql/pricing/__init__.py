"""Group pricing in the GraphQL API.

Admin API (``schema``, ``types``, ``mutations``): price lists, their fixed prices,
percentage rules and group assignments, behind Saleor's ``MANAGE_DISCOUNTS``.
Buyer-facing pricing (``storefront``, ``checkout``, ``orders``, ``explain``) asks the
one resolver in ``pricing.resolver``.
"""
