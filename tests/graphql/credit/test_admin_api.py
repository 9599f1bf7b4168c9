"""Staff manage accounts and sub-limits, record payments and adjustments."""

from decimal import Decimal

import graphene
import pytest
from saleor.graphql.tests.fixtures import ApiClient

from saleor_b2b_groups.credit import LedgerEntryType
from saleor_b2b_groups.credit.models import (
    CreditAccount,
    CreditLedgerEntry,
    CreditSubLimit,
)
from saleor_b2b_groups.webhooks import ErpEventType
from saleor_b2b_groups.webhooks.models import OutboxEvent
from tests.fixtures.checkout_flow import CHECKOUT_COMPLETE
from tests.graphql.groups.utils import group_id

from .operations import (
    ACCOUNT_CREATE,
    ACCOUNT_DELETE,
    ACCOUNT_UPDATE,
    ADJUSTMENT_RECORD,
    CREDIT_ACCOUNT,
    PAYMENT_RECORD,
    SUB_LIMIT_DELETE,
    SUB_LIMIT_SET,
    data_of,
    error_codes,
    pay_on_account,
)


@pytest.fixture
def staff_manage_users(staff_api_client, permission_manage_users):
    staff_api_client.user.user_permissions.add(permission_manage_users)
    return staff_api_client


@pytest.fixture
def staff_manage_orders(staff_api_client, permission_manage_orders):
    staff_api_client.user.user_permissions.add(permission_manage_orders)
    return staff_api_client


def create(client, **input):
    return data_of(
        client.post_graphql(ACCOUNT_CREATE, {"input": input}), "creditAccountCreate"
    )


def test_staff_open_an_account_and_the_erp_hears_of_it(staff_manage_users, group_tree):
    created = create(
        staff_manage_users,
        group=group_id(group_tree["acme"]),
        currency="usd",
        limit="50000.00",
        exceedPolicy="REQUIRE_APPROVAL",
    )

    assert created["errors"] == []
    assert created["creditAccount"]["currency"] == "USD"
    assert created["creditAccount"]["exceedPolicy"] == "REQUIRE_APPROVAL"
    assert created["creditAccount"]["figures"]["limit"]["amount"] == 50000
    event = OutboxEvent.objects.get(event_type=ErpEventType.CREDIT_ACCOUNT_CHANGED)
    assert event.payload["account"]["figures"]["available"] == {
        "amount": "50000.00",
        "currency": "USD",
    }


@pytest.mark.parametrize(
    ("input", "expected"),
    [
        ({"currency": "ZZZ", "limit": "10"}, [("currency", "CURRENCY_MISMATCH")]),
        ({"currency": "USD", "limit": "10.001"}, [("limit", "INVALID")]),
    ],
)
def test_bad_accounts_are_refused(staff_manage_users, group_tree, input, expected):
    created = create(staff_manage_users, group=group_id(group_tree["acme"]), **input)

    assert error_codes(created) == expected
    assert not CreditAccount.objects.exists()
    assert not OutboxEvent.objects.exists()


def test_a_negative_limit_is_refused(staff_manage_users, group_tree):
    response = staff_manage_users.post_graphql(
        ACCOUNT_CREATE,
        {
            "input": {
                "group": group_id(group_tree["acme"]),
                "currency": "USD",
                "limit": -1,
            }
        },
    )

    assert "errors" in response.json()
    assert not CreditAccount.objects.exists()


def test_a_group_owns_one_account(staff_manage_users, credit_company):
    again = create(
        staff_manage_users,
        group=group_id(credit_company.groups["acme"]),
        currency="USD",
        limit="1",
    )

    assert error_codes(again) == [("group", "ALREADY_EXISTS")]


def test_sub_limits_live_inside_their_pool(staff_manage_users, credit_company):
    berlin = group_id(credit_company.groups["berlin"])

    above = data_of(
        staff_manage_users.post_graphql(
            SUB_LIMIT_SET, {"group": berlin, "limit": "1000.01"}
        ),
        "creditSubLimitSet",
    )
    outside = data_of(
        staff_manage_users.post_graphql(
            SUB_LIMIT_SET,
            {"group": group_id(credit_company.groups["acme"]), "limit": "5"},
        ),
        "creditSubLimitSet",
    )
    ok = data_of(
        staff_manage_users.post_graphql(
            SUB_LIMIT_SET, {"group": berlin, "limit": "500"}
        ),
        "creditSubLimitSet",
    )

    assert error_codes(above) == [("limit", "SUB_LIMIT_ABOVE_POOL")]
    assert error_codes(outside) == [("group", "ALREADY_EXISTS")]
    assert ok["errors"] == []
    assert ok["creditSubLimit"]["figures"]["limit"]["amount"] == 500
    # the pool cannot shrink below a sub-limit
    shrink = data_of(
        staff_manage_users.post_graphql(
            ACCOUNT_UPDATE, {"id": credit_company.account_id, "input": {"limit": "499"}}
        ),
        "creditAccountUpdate",
    )
    assert error_codes(shrink) == [("limit", "SUB_LIMIT_ABOVE_POOL")]
    deleted = data_of(
        staff_manage_users.post_graphql(
            SUB_LIMIT_DELETE, {"id": ok["creditSubLimit"]["id"]}
        ),
        "creditSubLimitDelete",
    )
    assert deleted["errors"] == []
    assert not CreditSubLimit.objects.exists()


def test_a_group_outside_any_pool_has_no_sub_limit(staff_manage_users, other_group):
    refused = data_of(
        staff_manage_users.post_graphql(
            SUB_LIMIT_SET, {"group": group_id(other_group), "limit": "5"}
        ),
        "creditSubLimitSet",
    )

    assert error_codes(refused) == [("group", "NOT_IN_POOL")]


def test_an_account_with_entries_is_kept(
    staff_manage_users, credit_company, credit_checkout
):
    prepared = credit_checkout(credit_company.buyer, 1)
    assert (
        pay_on_account(ApiClient(user=credit_company.buyer), prepared.id)["errors"]
        == []
    )

    deleted = data_of(
        staff_manage_users.post_graphql(
            ACCOUNT_DELETE, {"id": credit_company.account_id}
        ),
        "creditAccountDelete",
    )
    currency = data_of(
        staff_manage_users.post_graphql(
            ACCOUNT_UPDATE,
            {"id": credit_company.account_id, "input": {"currency": "EUR"}},
        ),
        "creditAccountUpdate",
    )

    assert error_codes(deleted) == [("id", "HAS_ENTRIES")]
    assert error_codes(currency) == [("currency", "CURRENCY_MISMATCH")]
    assert CreditAccount.objects.get().currency == "USD"


def test_an_account_without_entries_is_deleted(staff_manage_users, credit_company):
    deleted = data_of(
        staff_manage_users.post_graphql(
            ACCOUNT_DELETE, {"id": credit_company.account_id}
        ),
        "creditAccountDelete",
    )

    assert deleted["errors"] == []
    assert not CreditAccount.objects.exists()
    event = OutboxEvent.objects.get(event_type=ErpEventType.CREDIT_ACCOUNT_CHANGED)
    assert event.payload["deleted"] is True


def place_order(company, credit_checkout, quantity=2):
    prepared = credit_checkout(company.buyer, quantity)
    client = ApiClient(user=company.buyer)
    assert pay_on_account(client, prepared.id)["errors"] == []
    completed = data_of(
        client.post_graphql(CHECKOUT_COMPLETE, {"id": prepared.id}), "checkoutComplete"
    )
    assert completed["errors"] == []
    return completed["order"]["id"], prepared.total


def test_an_erp_payment_is_recorded_once_and_shows_in_saleor(
    staff_manage_orders, credit_company, credit_checkout
):
    # given: an order charged on account
    order_id, total = place_order(credit_company, credit_checkout)
    input = {
        "amount": str(total),
        "currency": "USD",
        "externalReference": "PAY-1",
        "order": order_id,
    }

    # when the ERP records its payment, twice (a retry)
    first = data_of(
        staff_manage_orders.post_graphql(
            PAYMENT_RECORD, {"account": credit_company.account_id, "input": input}
        ),
        "creditPaymentRecord",
    )
    second = data_of(
        staff_manage_orders.post_graphql(
            PAYMENT_RECORD, {"account": credit_company.account_id, "input": input}
        ),
        "creditPaymentRecord",
    )

    # then: one payment; nothing outstanding; Saleor's transaction charged
    assert (first["errors"], first["created"]) == ([], True)
    assert (second["errors"], second["created"]) == ([], False)
    assert CreditLedgerEntry.objects.filter(type=LedgerEntryType.PAYMENT).count() == 1
    assert first["creditAccount"]["figures"]["outstanding"]["amount"] == 0
    from saleor.payment.models import TransactionItem

    assert TransactionItem.objects.get().charged_value == total


@pytest.mark.parametrize(
    ("input", "expected"),
    [
        (
            {"amount": "5", "currency": "EUR", "externalReference": "P"},
            ("currency", "CURRENCY_MISMATCH"),
        ),
        (
            {"amount": "0", "currency": "USD", "externalReference": "P"},
            ("amount", "INVALID"),
        ),
        (
            {
                "amount": "5",
                "currency": "USD",
                "externalReference": "P",
                "order": graphene.Node.to_global_id(
                    "Order", "5d1b8a5e-0000-4000-8000-000000000000"
                ),
            },
            ("order", "NOT_FOUND"),
        ),
        (
            {
                "amount": "5",
                "currency": "USD",
                "externalReference": "P",
                "order": "nope",
            },
            ("order", "GRAPHQL_ERROR"),
        ),
    ],
)
def test_bad_payments_are_refused(staff_manage_orders, credit_company, input, expected):
    refused = data_of(
        staff_manage_orders.post_graphql(
            PAYMENT_RECORD, {"account": credit_company.account_id, "input": input}
        ),
        "creditPaymentRecord",
    )

    assert error_codes(refused) == [expected]
    assert not CreditLedgerEntry.objects.exists()


def test_adjustments_need_a_reason_and_move_the_outstanding_amount(
    staff_manage_orders, credit_company
):
    account = credit_company.account_id
    no_reason = data_of(
        staff_manage_orders.post_graphql(
            ADJUSTMENT_RECORD,
            {
                "account": account,
                "input": {"amount": 10, "currency": "USD", "reason": " "},
            },
        ),
        "creditAdjustmentRecord",
    )
    up = data_of(
        staff_manage_orders.post_graphql(
            ADJUSTMENT_RECORD,
            {
                "account": account,
                "input": {"amount": 10, "currency": "USD", "reason": "Fee"},
            },
        ),
        "creditAdjustmentRecord",
    )
    down = data_of(
        staff_manage_orders.post_graphql(
            ADJUSTMENT_RECORD,
            {
                "account": account,
                "input": {"amount": -4, "currency": "USD", "reason": "Goodwill"},
            },
        ),
        "creditAdjustmentRecord",
    )

    assert error_codes(no_reason) == [("reason", "REQUIRED")]
    assert up["errors"] == down["errors"] == []
    assert down["creditAccount"]["figures"]["outstanding"]["amount"] == 6
    assert [e.amount for e in CreditLedgerEntry.objects.all()] == [
        Decimal(10),
        Decimal(-4),
    ]


def test_the_ledger_is_read_with_filters(
    staff_manage_orders, credit_company, credit_checkout
):
    order_id, total = place_order(credit_company, credit_checkout)

    data = data_of(
        staff_manage_orders.post_graphql(
            CREDIT_ACCOUNT, {"id": credit_company.account_id}
        ),
        "creditAccount",
    )
    charges = staff_manage_orders.post_graphql(
        """query ($id: ID!, $order: ID) { creditAccount(id: $id) {
             ledger(first: 10, filter: {types: [CHARGE], order: $order}) {
               edges { node { type orderId dueDate } } } } }""",
        {"id": credit_company.account_id, "order": order_id},
    )

    assert [e["node"]["type"] for e in data["ledger"]["edges"]] == ["HOLD", "CHARGE"]
    edges = data_of(charges, "creditAccount")["ledger"]["edges"]
    assert [(e["node"]["type"], e["node"]["orderId"]) for e in edges] == [
        ("CHARGE", order_id)
    ]
    assert edges[0]["node"]["dueDate"] is not None


# Permissions ---------------------------------------------------------------


def is_denied(response) -> bool:
    errors = response.json().get("errors") or []
    return any(
        e["extensions"]["exception"]["code"] == "PermissionDenied" for e in errors
    )


@pytest.mark.parametrize("who", ["anonymous", "buyer", "other_company", "staff"])
def test_only_permitted_staff_manage_and_read_accounts(
    who, credit_company, buyer_in_other_group, api_client, staff_api_client
):
    client = {
        "anonymous": api_client,
        "buyer": ApiClient(user=credit_company.buyer),
        "other_company": ApiClient(user=buyer_in_other_group),
        "staff": staff_api_client,  # no permission
    }[who]
    account = credit_company.account_id
    requests = [
        (
            ACCOUNT_CREATE,
            {
                "input": {
                    "group": group_id(credit_company.groups["emea"]),
                    "currency": "USD",
                    "limit": 1,
                }
            },
        ),
        (ACCOUNT_UPDATE, {"id": account, "input": {"limit": 1}}),
        (ACCOUNT_DELETE, {"id": account}),
        (
            SUB_LIMIT_SET,
            {"group": group_id(credit_company.groups["berlin"]), "limit": "1"},
        ),
        (
            PAYMENT_RECORD,
            {
                "account": account,
                "input": {"amount": 1, "currency": "USD", "externalReference": "X"},
            },
        ),
        (
            ADJUSTMENT_RECORD,
            {
                "account": account,
                "input": {"amount": 1, "currency": "USD", "reason": "X"},
            },
        ),
        (CREDIT_ACCOUNT, {"id": account}),
    ]

    for query, variables in requests:
        assert is_denied(client.post_graphql(query, variables)), query

    assert CreditAccount.objects.get().limit == Decimal("1000")
    assert not CreditLedgerEntry.objects.exists()
    assert not CreditSubLimit.objects.exists()


def test_order_staff_cannot_manage_accounts_and_user_staff_cannot_record_payments(
    credit_company, staff_api_client, permission_manage_orders
):
    staff_api_client.user.user_permissions.add(permission_manage_orders)

    update = staff_api_client.post_graphql(
        ACCOUNT_UPDATE, {"id": credit_company.account_id, "input": {"limit": 1}}
    )

    assert is_denied(update)
