"""GraphQL documents and helpers shared by the price list admin tests."""

import graphene

from saleor_b2b_groups.pricing.models import (
    CustomerGroupPriceList,
    PriceList,
    PriceListEntry,
    PriceListRule,
)

PRICE_LIST_FIELDS = """
  id name slug currency isActive validFrom validTo capAtChannelPrice
  externalReference channel { slug }
  metadata { key value } privateMetadata { key value }
"""

PRICE_LISTS = """
query PriceLists($first: Int, $after: String, $filter: PriceListFilterInput,
                 $sortBy: PriceListSortingInput) {
  priceLists(first: $first, after: $after, filter: $filter, sortBy: $sortBy) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { slug } }
  }
}
"""

PRICE_LIST = (
    """
query PriceList($id: ID, $slug: String, $externalReference: String,
                $entriesFirst: Int = 10, $entriesAfter: String, $entriesLast: Int,
                $entriesBefore: String, $entriesFilter: PriceListEntryFilterInput) {
  priceList(id: $id, slug: $slug, externalReference: $externalReference) {
    """
    + PRICE_LIST_FIELDS
    + """
    entries(first: $entriesFirst, after: $entriesAfter, last: $entriesLast,
            before: $entriesBefore, filter: $entriesFilter) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { cursor node {
        minQuantity externalReference price { amount currency }
        variant { sku channel } priceList { slug }
      } }
    }
    rules { scope percentage externalReference
      variant { sku } product { slug } category { slug } collection { slug } }
    groups { priority group { name } priceList { slug } }
  }
}
"""
)

PRICE_LIST_CREATE = (
    """
mutation PriceListCreate($input: PriceListCreateInput!) {
  priceListCreate(input: $input) {
    priceList {"""
    + PRICE_LIST_FIELDS
    + """}
    errors { field code message }
  }
}
"""
)

PRICE_LIST_UPDATE = (
    """
mutation PriceListUpdate($id: ID, $externalReference: String, $input: PriceListInput!) {
  priceListUpdate(id: $id, externalReference: $externalReference, input: $input) {
    priceList {"""
    + PRICE_LIST_FIELDS
    + """}
    errors { field code message }
  }
}
"""
)

PRICE_LIST_DELETE = """
mutation PriceListDelete($id: ID, $externalReference: String) {
  priceListDelete(id: $id, externalReference: $externalReference) {
    priceList { id slug }
    errors { field code message }
  }
}
"""

ENTRIES_BULK_UPSERT = """
mutation EntriesBulkUpsert($priceList: ID, $priceListExternalReference: String,
                           $entries: [PriceListEntryBulkInput!]!,
                           $errorPolicy: ErrorPolicyEnum) {
  priceListEntriesBulkUpsert(priceList: $priceList,
                             priceListExternalReference: $priceListExternalReference,
                             entries: $entries, errorPolicy: $errorPolicy) {
    count
    results {
      entry { id minQuantity externalReference price { amount currency }
              variant { sku } }
      errors { field code message }
    }
    errors { field code message index }
  }
}
"""

ENTRIES_BULK_DELETE = """
mutation EntriesBulkDelete($priceList: ID, $priceListExternalReference: String,
                           $ids: [ID!], $externalReferences: [String!],
                           $tiers: [PriceListTierInput!]) {
  priceListEntriesBulkDelete(priceList: $priceList,
                             priceListExternalReference: $priceListExternalReference,
                             ids: $ids, externalReferences: $externalReferences,
                             tiers: $tiers) {
    count
    errors { field code message }
  }
}
"""

RULES_BULK_UPSERT = """
mutation RulesBulkUpsert($priceList: ID, $priceListExternalReference: String,
                         $rules: [PriceListRuleBulkInput!]!,
                         $errorPolicy: ErrorPolicyEnum) {
  priceListRulesBulkUpsert(priceList: $priceList,
                           priceListExternalReference: $priceListExternalReference,
                           rules: $rules, errorPolicy: $errorPolicy) {
    count
    results {
      rule { id scope percentage externalReference
             variant { sku } product { slug } category { slug } collection { slug } }
      errors { field code message }
    }
    errors { field code message index }
  }
}
"""

RULES_BULK_DELETE = """
mutation RulesBulkDelete($priceList: ID, $ids: [ID!], $externalReferences: [String!],
                         $targets: [PriceListRuleTargetInput!]) {
  priceListRulesBulkDelete(priceList: $priceList, ids: $ids,
                           externalReferences: $externalReferences,
                           targets: $targets) {
    count
    errors { field code message }
  }
}
"""

ASSIGN = """
mutation Assign($group: ID, $groupExternalReference: String, $priceList: ID,
                $priceListExternalReference: String, $priority: Int) {
  customerGroupPriceListAssign(group: $group,
                               groupExternalReference: $groupExternalReference,
                               priceList: $priceList,
                               priceListExternalReference: $priceListExternalReference,
                               priority: $priority) {
    assignment { id priority group { name } priceList { slug } }
    customerGroup { name priceLists { priority priceList { slug } } }
    errors { field code message }
  }
}
"""

UNASSIGN = """
mutation Unassign($group: ID, $priceList: ID) {
  customerGroupPriceListUnassign(group: $group, priceList: $priceList) {
    customerGroup { name priceLists { priceList { slug } } }
    priceList { slug groups { group { name } } }
    errors { field code message }
  }
}
"""


def global_id(type_name: str, instance) -> str:
    return graphene.Node.to_global_id(type_name, instance.pk)


def price_list_id(price_list) -> str:
    return global_id("PriceList", price_list)


def variant_id(variant) -> str:
    return global_id("ProductVariant", variant)


def group_id(group) -> str:
    return global_id("CustomerGroup", group)


def pricing_snapshot():
    """Every pricing row, to prove a refused request changed nothing."""
    return (
        sorted(
            PriceList.objects.values_list(
                "pk", "name", "slug", "is_active", "external_reference"
            )
        ),
        sorted(
            PriceListEntry.objects.values_list(
                "pk", "variant_id", "min_quantity", "price_amount", "external_reference"
            )
        ),
        sorted(PriceListRule.objects.values_list("pk", "scope", "percentage"), key=str),
        sorted(
            CustomerGroupPriceList.objects.values_list(
                "group_id", "price_list_id", "priority"
            )
        ),
    )
