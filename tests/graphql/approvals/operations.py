"""GraphQL documents and helpers of the approval tests."""

from saleor.graphql.tests.utils import get_graphql_content

LEVELS = """
  levels { level group { name } role state reasons escalated
           decision { decision comment decidedBy { kind email name } } }
"""

APPROVAL_FIELDS = f"""
  id status state message currentLevel levelCount canDecide expiresAt note
  group {{ name }}
  requestedBy {{ kind email }}
  {LEVELS}
  decisions {{ level decision comment asStaff createdAt
               decidedBy {{ kind email name userId appId }} }}
  approvers {{ email }}
  lines {{ sku quantity unitPrice {{ gross {{ amount }} }} totalPrice {{ gross {{ amount }} }} }}
  total {{ gross {{ amount currency }} net {{ amount }} }}
"""

REQUEST = f"""
mutation ($id: ID!, $note: String, $group: ID) {{
  checkoutApprovalRequest(id: $id, note: $note, group: $group) {{
    approval {{ {APPROVAL_FIELDS} checkoutId }}
    errors {{ field code message }}
  }}
}}
"""

APPROVE = f"""
mutation ($id: ID!, $comment: String) {{
  checkoutApprove(id: $id, comment: $comment) {{
    approval {{ {APPROVAL_FIELDS} }}
    errors {{ field code message }}
  }}
}}
"""

REJECT = f"""
mutation ($id: ID!, $reason: String!) {{
  checkoutReject(id: $id, reason: $reason) {{
    approval {{ {APPROVAL_FIELDS} }}
    errors {{ field code message }}
  }}
}}
"""

CHECKOUT_APPROVAL = f"""
query ($id: ID!) {{
  checkout(id: $id) {{
    totalPrice {{ gross {{ amount }} }}
    approval {{
      state message currentLevel levelCount canDecide isOwn fingerprint
      group {{ name }} groupsRequiringApproval {{ name }}
      {LEVELS}
      decisions {{ level decision }}
      approvers {{ email }}
      request {{ id status state }}
    }}
  }}
}}
"""

APPROVAL = f"""
query ($id: ID!) {{
  checkoutApproval(id: $id) {{ {APPROVAL_FIELDS} checkoutId }}
}}
"""

ME_APPROVALS = """
query {
  me {
    checkoutApprovals(first: 20) { edges { node { id state status group { name } } } }
    checkoutApprovalQueue(first: 20) {
      totalCount
      edges { node { id state currentLevel canDecide requestedBy { email }
                     lines { sku quantity } total { gross { amount } } } }
    }
  }
}
"""


def mutate(client, document: str, name: str, variables: dict) -> dict:
    """The mutation's payload; its errors are the test's to look at."""
    return get_graphql_content(client.post_graphql(document, variables))["data"][name]


def request_approval(client, checkout_id: str, **variables) -> dict:
    return mutate(
        client, REQUEST, "checkoutApprovalRequest", {"id": checkout_id, **variables}
    )


def approve(client, approval_id: str, comment: str | None = None) -> dict:
    return mutate(
        client, APPROVE, "checkoutApprove", {"id": approval_id, "comment": comment}
    )


def reject(client, approval_id: str, reason: str = "Too expensive") -> dict:
    return mutate(
        client, REJECT, "checkoutReject", {"id": approval_id, "reason": reason}
    )


def request_and_approve(client, checkout_id: str, *approvers) -> dict:
    """The buyer requests; each approver in turn approves the next level.

    Returns the request as it was requested."""
    approval = request_approval(client, checkout_id)["approval"]
    for approver in approvers:
        assert approve(approver, approval["id"])["errors"] == []
    return approval


def checkout_approval(client, checkout_id: str) -> dict:
    content = get_graphql_content(
        client.post_graphql(CHECKOUT_APPROVAL, {"id": checkout_id})
    )
    return content["data"]["checkout"]["approval"]


def error_codes(payload: dict) -> list[tuple[str | None, str]]:
    return [(e["field"], e["code"]) for e in payload["errors"]]


COMPLETE = """
mutation ($id: ID) {
  checkoutComplete(id: $id) {
    order {
      id number
      checkoutApproval {
        id state status group { name }
        levels { level role group { name } state }
        decisions { level decision comment createdAt decidedBy { email } }
      }
    }
    errors { field code message }
  }
}
"""

LINES_UPDATE = """
mutation ($id: ID!, $lines: [CheckoutLineUpdateInput!]!) {
  checkoutLinesUpdate(id: $id, lines: $lines) {
    checkout { id lines { id quantity } } errors { field code }
  }
}
"""

SHIPPING_ADDRESS_UPDATE = """
mutation ($id: ID!, $address: AddressInput!) {
  checkoutShippingAddressUpdate(id: $id, shippingAddress: $address) {
    checkout { id } errors { field code message }
  }
}
"""

#: The fixtures' address with another street: same shipping zone, same total.
OTHER_ADDRESS = {
    "firstName": "John",
    "lastName": "Doe",
    "companyName": "Mirumee Software",
    "streetAddress1": "Tęczowa 9",
    "city": "WROCŁAW",
    "postalCode": "53-601",
    "country": "PL",
    "phone": "+48713988102",
}


def complete(client, checkout_id: str) -> dict:
    return mutate(client, COMPLETE, "checkoutComplete", {"id": checkout_id})


def change_quantity(client, checkout, quantity: int) -> None:
    import graphene

    line = checkout.refresh().lines.get()
    data = mutate(
        client,
        LINES_UPDATE,
        "checkoutLinesUpdate",
        {
            "id": checkout.id,
            "lines": [
                {
                    "lineId": graphene.Node.to_global_id("CheckoutLine", line.pk),
                    "quantity": quantity,
                }
            ],
        },
    )
    assert data["errors"] == []


def change_shipping_address(client, checkout) -> None:
    data = mutate(
        client,
        SHIPPING_ADDRESS_UPDATE,
        "checkoutShippingAddressUpdate",
        {"id": checkout.id, "address": OTHER_ADDRESS},
    )
    assert data["errors"] == []
