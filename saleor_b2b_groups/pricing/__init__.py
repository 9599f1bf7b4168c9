"""Group pricing: price lists for customer groups, one resolver for every path."""


class PriceConflictPolicy:
    """How a group picks one price when several of its price lists offer one."""

    LOWEST = "lowest"
    PRIORITY = "priority"
    NEAREST = "nearest"

    CHOICES = [
        (LOWEST, "The lowest price wins"),
        (PRIORITY, "The price list with the highest priority wins"),
        (NEAREST, "The price list of the nearest group wins"),
    ]


class DiscountScope:
    """What a percentage rule applies to, from the most specific to the least."""

    VARIANT = "variant"
    PRODUCT = "product"
    COLLECTION = "collection"
    CATEGORY = "category"
    ALL = "all"

    #: Most specific first: within one price list the first matching scope wins.
    SPECIFICITY = [VARIANT, PRODUCT, COLLECTION, CATEGORY, ALL]
    CHOICES = [(scope, scope.title()) for scope in SPECIFICITY]


#: ``CheckoutLine.price_override_reason`` of lines priced by a price list.
PRICE_OVERRIDE_REASON_PREFIX = "b2b-price-list:"
