GROUP_ORDERS = """
query ($filter: GroupOrderFilterInput, $sortBy: GroupOrderSortingInput,
       $first: Int = 50) {
  me {
    groupOrders(filter: $filter, sortBy: $sortBy, first: $first) {
      totalCount
      edges {
        node {
          id number status
          total { gross { amount currency } }
          purchasingGroup { name }
          checkoutApproval { id }
          lines { productSku quantity groupPriceList }
        }
      }
    }
  }
}
"""

USER_GROUP_ORDERS = """
query ($id: ID!) { user(id: $id) { groupOrders(first: 10) { totalCount } } }
"""

REORDER = """
mutation ($id: ID!) {
  checkoutCreateFromOrder(id: $id) {
    checkout { id user { email } lines { variant { sku } quantity } }
    unavailableVariants { code variantId }
    errors { field code }
  }
}
"""
