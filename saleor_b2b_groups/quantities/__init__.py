"""Quantity rules and order limits: how much of a variant a group's members may
buy at once, and how large an order may be.

A :class:`~.models.QuantityRule` sets a minimum, an increment (pack size) and a
maximum on a variant, a product, a collection, a category (with its
subcategories) or every product, for a group and the groups below it. Which rule
applies is decided by the precedence catalog rules use (``precedence``): the most
specific scope first, then the nearest group. Order limits (minimum and maximum
order subtotal) are inherited group terms (``terms``).

``rules`` decides a buyer's effective rule per variant; ``checks`` is the one
validation every write path calls (:func:`~.checks.check_quantities`); ``cap``
lifts Saleor's shop-wide per-line cap for group members; ``completion`` checks
again before an order is created.
"""


class QuantityScope:
    """What a quantity rule is about, from the most specific to the least."""

    VARIANT = "variant"
    PRODUCT = "product"
    COLLECTION = "collection"
    CATEGORY = "category"
    ALL = "all"

    PRECEDENCE = [VARIANT, PRODUCT, COLLECTION, CATEGORY, ALL]
    CHOICES = [(scope, scope.title()) for scope in PRECEDENCE]

    #: The field holding each scope's target (ALL has none).
    TARGET_FIELDS = {
        VARIANT: "variant",
        PRODUCT: "product",
        COLLECTION: "collection",
        CATEGORY: "category",
    }
