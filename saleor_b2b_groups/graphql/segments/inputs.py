"""The rule tree as GraphQL input: a node is ``all``, ``any`` or one condition."""

import graphene
from saleor.graphql.core.doc_category import DOC_CATEGORY_USERS
from saleor.graphql.core.scalars import Decimal
from saleor.graphql.core.types import BaseInputObjectType, NonNullList

from ...segments.rules import MAX_CONDITIONS, MAX_DEPTH
from .enums import CustomerGroupSegmentAddressEnum


class CustomerGroupSegmentCountryInput(BaseInputObjectType):
    address = CustomerGroupSegmentAddressEnum(
        description="The default billing (the default) or shipping address."
    )
    countries = NonNullList(
        graphene.String, required=True, description="ISO 3166-1 alpha-2 codes."
    )
    postal_code_prefixes = NonNullList(
        graphene.String,
        description="The postal code starts with one of these (case-insensitive).",
    )

    class Meta:
        doc_category = DOC_CATEGORY_USERS


class CustomerGroupSegmentEmailDomainInput(BaseInputObjectType):
    domains = NonNullList(
        graphene.String,
        required=True,
        description="The e-mail address ends with @ and one of these.",
    )

    class Meta:
        doc_category = DOC_CATEGORY_USERS


class CustomerGroupSegmentMetadataInput(BaseInputObjectType):
    key = graphene.String(required=True, description="The metadata key.")
    values = NonNullList(
        graphene.String,
        description="The key holds one of these values; none: the key is set.",
    )
    private = graphene.Boolean(
        description="Read the private metadata instead of the public one."
    )

    class Meta:
        doc_category = DOC_CATEGORY_USERS


class CustomerGroupSegmentOrdersInput(BaseInputObjectType):
    days = graphene.Int(description="Orders of the last N days; none: all orders.")
    channel = graphene.String(description="Only orders of this channel (slug).")
    currency = graphene.String(
        description="Only orders in this currency; required with a total."
    )
    min_count = graphene.Int(description="At least this many orders.")
    max_count = graphene.Int(description="At most this many orders.")
    min_total = Decimal(description="Spent at least this much (gross).")
    max_total = Decimal(description="Spent at most this much (gross).")

    class Meta:
        doc_category = DOC_CATEGORY_USERS


class CustomerGroupSegmentLastOrderInput(BaseInputObjectType):
    min_days = graphene.Int(
        description="The last order is at least N days old (or there is none)."
    )
    max_days = graphene.Int(description="The last order is at most N days old.")

    class Meta:
        doc_category = DOC_CATEGORY_USERS


class CustomerGroupSegmentBoughtInput(BaseInputObjectType):
    days = graphene.Int(description="In the last N days; none: ever.")
    products = NonNullList(graphene.ID, description="Any of these products.")
    categories = NonNullList(
        graphene.ID, description="A product of these categories or their subcategories."
    )
    collections = NonNullList(
        graphene.ID, description="A product of these collections."
    )

    class Meta:
        doc_category = DOC_CATEGORY_USERS


class CustomerGroupSegmentRuleInput(BaseInputObjectType):
    all = NonNullList(
        lambda: CustomerGroupSegmentRuleInput,
        description="Every one of these rules matches (AND).",
    )
    any = NonNullList(
        lambda: CustomerGroupSegmentRuleInput,
        description="At least one of these rules matches (OR).",
    )
    country = graphene.Field(CustomerGroupSegmentCountryInput)
    email_domain = graphene.Field(CustomerGroupSegmentEmailDomainInput)
    metadata = graphene.Field(CustomerGroupSegmentMetadataInput)
    orders = graphene.Field(
        CustomerGroupSegmentOrdersInput,
        description="Number of placed orders and gross total spent.",
    )
    last_order = graphene.Field(
        CustomerGroupSegmentLastOrderInput, description="Days since the last order."
    )
    bought = graphene.Field(
        CustomerGroupSegmentBoughtInput,
        description="Bought a product, or one of a category or collection.",
    )

    class Meta:
        description = (
            "One node of a segment's rule tree: exactly one of all, any or a "
            f"condition. At most {MAX_DEPTH} levels of all / any and "
            f"{MAX_CONDITIONS} conditions."
        )
        doc_category = DOC_CATEGORY_USERS
