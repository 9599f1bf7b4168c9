"""The summary against the ledger: the reconcile command reports differences."""

from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from saleor.graphql.tests.fixtures import ApiClient

from saleor_b2b_groups.credit.models import CreditAccount
from saleor_b2b_groups.credit.reconcile import Difference, differences
from tests.graphql.credit.operations import pay_on_account


def test_the_summary_matches_and_a_tampered_one_is_reported(
    credit_company, credit_checkout, capsys
):
    prepared = credit_checkout(credit_company.buyer, 1)
    assert (
        pay_on_account(ApiClient(user=credit_company.buyer), prepared.id)["errors"]
        == []
    )
    call_command("b2b_credit_reconcile")
    assert "match" in capsys.readouterr().out

    # when someone writes the summary behind the ledger's back
    CreditAccount.objects.update(held=Decimal("1.00"))

    # then
    assert differences() == [
        Difference(
            "account",
            credit_company.account.pk,
            "held",
            Decimal("1.000"),
            prepared.total,
        )
    ]
    with pytest.raises(CommandError):
        call_command("b2b_credit_reconcile")
