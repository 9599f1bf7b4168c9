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

LIST_FIELDS = """
  id name visibility ownerEmail group { name }
  lines { id variantId quantity note }
"""
ERRORS = "errors { field code message }"
RESULTS = "results { row sku variantId quantity code message }"

LIST_CREATE = f"""
mutation ($name: String!, $group: ID) {{
  requisitionListCreate(input: {{name: $name, group: $group}}) {{
    requisitionList {{ {LIST_FIELDS} }} {ERRORS}
  }}
}}
"""
LIST_UPDATE = f"""
mutation ($id: ID!, $input: RequisitionListUpdateInput!) {{
  requisitionListUpdate(id: $id, input: $input) {{
    requisitionList {{ {LIST_FIELDS} }} {ERRORS}
  }}
}}
"""
LIST_DELETE = f"""
mutation ($id: ID!) {{ requisitionListDelete(id: $id) {{ deletedId {ERRORS} }} }}
"""
LINES_ADD = f"""
mutation ($id: ID!, $lines: [RequisitionListLineInput!], $fromOrder: ID,
          $fromCheckout: ID) {{
  requisitionListLinesAdd(id: $id, lines: $lines, fromOrder: $fromOrder,
                          fromCheckout: $fromCheckout) {{
    requisitionList {{ {LIST_FIELDS} }} {RESULTS} {ERRORS}
  }}
}}
"""
LINES_UPDATE = f"""
mutation ($id: ID!, $lines: [RequisitionListLineUpdateInput!]!) {{
  requisitionListLinesUpdate(id: $id, lines: $lines) {{
    requisitionList {{ {LIST_FIELDS} }} {ERRORS}
  }}
}}
"""
LINES_DELETE = f"""
mutation ($id: ID!, $lineIds: [ID!]!) {{
  requisitionListLinesDelete(id: $id, lineIds: $lineIds) {{
    requisitionList {{ {LIST_FIELDS} }} {ERRORS}
  }}
}}
"""
CHECKOUT_FIELDS = """
  id lines { variant { sku } quantity unitPrice { gross { amount } } }
"""
LIST_TO_CHECKOUT = f"""
mutation ($id: ID!, $checkout: ID!, $lineIds: [ID!], $mode: AddRowsMode) {{
  requisitionListAddToCheckout(id: $id, checkoutId: $checkout, lineIds: $lineIds,
                               mode: $mode) {{
    checkout {{ {CHECKOUT_FIELDS} }} {RESULTS} {ERRORS}
  }}
}}
"""
QUICK_ORDER = f"""
mutation ($checkout: ID!, $rows: [QuickOrderRowInput!], $file: Upload,
          $mode: AddRowsMode) {{
  checkoutQuickOrder(checkoutId: $checkout, rows: $rows, file: $file, mode: $mode) {{
    checkout {{ {CHECKOUT_FIELDS} }} {RESULTS} {ERRORS}
  }}
}}
"""
MY_LISTS = f"""
query {{ me {{ requisitionLists(first: 100) {{
  totalCount edges {{ node {{ {LIST_FIELDS} }} }}
}} }} }}
"""
LIST = f"""
query ($id: ID!) {{ requisitionList(id: $id) {{ {LIST_FIELDS} }} }}
"""
