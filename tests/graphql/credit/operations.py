"""GraphQL documents and helpers of the credit tests."""

from saleor.graphql.tests.utils import get_graphql_content

PAY_ON_ACCOUNT = """
mutation ($id: ID!) {
  checkoutPayOnAccount(id: $id) {
    checkout { id authorizeStatus chargeStatus }
    transaction { id name authorizedAmount { amount currency } }
    errors: creditErrors { field code message }
  }
}
"""

MY_CREDIT = """
query {
  me {
    credit {
      purchasingGroup { name }
      canPayOnAccount
      available { amount currency }
      paymentTermsDays
      account {
        id currency exceedPolicy
        figures { limit { amount } outstanding { amount } held { amount }
                  available { amount } }
        ledger(first: 50) { edges { node { type amount { amount } } } }
      }
      subLimits { group { name } figures { limit { amount } available { amount } } }
    }
  }
}
"""

CREDIT_ACCOUNT = """
query ($id: ID!) {
  creditAccount(id: $id) {
    id currency exceedPolicy blockWhenOverdueDays
    group { name }
    figures { limit { amount currency } outstanding { amount } held { amount }
              available { amount } }
    subLimits { id group { name } figures { limit { amount } held { amount }
                available { amount } } }
    ledger(first: 100) {
      totalCount
      edges { node { type amount { amount currency } externalReference reason
                     exceeded dueDate orderId group { name } } }
    }
  }
}
"""

ORDER_PAYMENT_TERMS = """
query ($id: ID!) {
  order(id: $id) {
    id
    paymentTerms { days dueDate outstanding { amount currency } isOverdue }
  }
}
"""

ACCOUNT_CREATE = """
mutation ($input: CreditAccountCreateInput!) {
  creditAccountCreate(input: $input) {
    creditAccount { id currency exceedPolicy figures { limit { amount } } }
    errors: creditErrors { field code message }
  }
}
"""

ACCOUNT_UPDATE = """
mutation ($id: ID!, $input: CreditAccountUpdateInput!) {
  creditAccountUpdate(id: $id, input: $input) {
    creditAccount { id currency exceedPolicy figures { limit { amount } } }
    errors: creditErrors { field code message }
  }
}
"""

ACCOUNT_DELETE = """
mutation ($id: ID!) {
  creditAccountDelete(id: $id) {
    creditAccount { id }
    errors: creditErrors { field code message }
  }
}
"""

SUB_LIMIT_SET = """
mutation ($group: ID!, $limit: PositiveDecimal!) {
  creditSubLimitSet(group: $group, limit: $limit) {
    creditSubLimit { id group { name } figures { limit { amount } } }
    errors: creditErrors { field code message }
  }
}
"""

SUB_LIMIT_DELETE = """
mutation ($id: ID!) {
  creditSubLimitDelete(id: $id) {
    creditSubLimit { id }
    errors: creditErrors { field code message }
  }
}
"""

PAYMENT_RECORD = """
mutation ($account: ID!, $input: CreditPaymentInput!) {
  creditPaymentRecord(account: $account, input: $input) {
    created
    entry { type amount { amount currency } externalReference }
    creditAccount { figures { outstanding { amount } available { amount } } }
    errors: creditErrors { field code message }
  }
}
"""

ADJUSTMENT_RECORD = """
mutation ($account: ID!, $input: CreditAdjustmentInput!) {
  creditAdjustmentRecord(account: $account, input: $input) {
    created
    entry { type amount { amount } reason }
    creditAccount { figures { outstanding { amount } } }
    errors: creditErrors { field code message }
  }
}
"""


def data_of(response, name: str) -> dict:
    return get_graphql_content(response)["data"][name]


def error_codes(payload: dict) -> list[tuple[str | None, str]]:
    return [(e["field"], e["code"]) for e in payload["errors"]]


def pay_on_account(client, checkout_id: str) -> dict:
    return data_of(
        client.post_graphql(PAY_ON_ACCOUNT, {"id": checkout_id}),
        "checkoutPayOnAccount",
    )
