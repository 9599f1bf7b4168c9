"""Catalog and channel visibility: what each customer group may see and buy.

A group's catalog is its effective ``catalog_mode`` (open: everything except what is
excluded; restricted: only what is included) plus include/exclude rules on products,
categories (with their subcategories) and collections, its own and its ancestors'.
A channel is public (everybody sees Saleor's catalog) or B2B-only (only members of
groups allowed in it). ``catalog`` decides; ``querysets`` enforces it in SQL on every
read path; ``checkout`` enforces it on every write path and at completion.
"""


class CatalogMode:
    """What a group sees where no rule speaks."""

    OPEN = "open"
    RESTRICTED = "restricted"

    CHOICES = [
        (OPEN, "Everything except what is excluded"),
        (RESTRICTED, "Only what is included"),
    ]


class RuleEffect:
    INCLUDE = "include"
    EXCLUDE = "exclude"

    CHOICES = [(INCLUDE, "Include"), (EXCLUDE, "Exclude")]


class RuleScope:
    """What a rule is about, from the most specific to the least."""

    PRODUCT = "product"
    COLLECTION = "collection"
    CATEGORY = "category"

    #: Most specific first: within one membership the first scope that matches wins.
    PRECEDENCE = [PRODUCT, COLLECTION, CATEGORY]
    CHOICES = [(scope, scope.title()) for scope in PRECEDENCE]


class ChannelAccess:
    """Who may see a channel's catalog and buy in it."""

    PUBLIC = "public"
    B2B_ONLY = "b2b_only"

    CHOICES = [
        (PUBLIC, "Everybody: anonymous visitors and customers in no group too"),
        (B2B_ONLY, "Only members of groups allowed in the channel"),
    ]
