SELECT = """
mutation ($group: ID) {
  purchasingGroupSelect(group: $group) {
    purchasingGroup { id name }
    errors { field code message }
  }
}
"""

ME = """
query { me { purchasingGroup { id name } } }
"""

USER = """
query ($id: ID!) { user(id: $id) { purchasingGroup { name } } }
"""

VARIANT_PRICE = """
query ($id: ID!, $channel: String!) {
  productVariant(id: $id, channel: $channel) {
    pricing { price { gross { amount } } }
  }
}
"""

CHECKOUT_CREATE = """
mutation ($channel: String!, $lines: [CheckoutLineInput!]!, $email: String) {
  checkoutCreate(input: {channel: $channel, lines: $lines, email: $email}) {
    checkout {
      id
      lines { quantity unitPrice { gross { amount } } }
      approval { state }
    }
    errors { field code message }
  }
}
"""

CHECKOUT = """
query ($id: ID!) {
  checkout(id: $id) {
    lines { quantity unitPrice { gross { amount } } }
    approval { state }
  }
}
"""

LINES_ADD = """
mutation ($id: ID!, $lines: [CheckoutLineInput!]!) {
  checkoutLinesAdd(id: $id, lines: $lines) {
    checkout { lines { quantity unitPrice { gross { amount } } } }
    errors { field code message }
  }
}
"""

APPROVAL_REQUEST = """
mutation ($id: ID!, $group: ID) {
  checkoutApprovalRequest(id: $id, group: $group) {
    approval { state group { name } }
    errors { field code message }
  }
}
"""
