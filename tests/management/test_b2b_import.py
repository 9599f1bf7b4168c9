"""``manage.py b2b_import``: the bulk upserts from files, in batches, idempotent."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from saleor_b2b_groups.groups.models import CustomerGroup, CustomerGroupMembership
from saleor_b2b_groups.pricing.models import PriceList, PriceListEntry
from saleor_b2b_groups.webhooks.models import OutboxEvent

GROUPS_CSV = """externalReference,name,parentExternalReference,paymentTermsDays,isActive
NW-BER,Berlin,NW-EMEA,,true
NW-EMEA,EMEA,NW,45,
NW,Northwind,,30,yes
BAD,,NW,,
"""


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("b2b_import", *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as e:
        code = e.code
    return code, out.getvalue(), err.getvalue()


def test_groups_from_csv_in_batches_children_before_parents(tmp_path, db):
    # given a file listing a child before its parent, and a bad row
    path = tmp_path / "groups.csv"
    path.write_text(GROUPS_CSV)

    # when imported one row per batch
    code, out, err = run("groups", str(path), "--batch-size", "1")

    # then the tree is built, the bad row is named with its line and what to do
    assert code == 1
    berlin = CustomerGroup.objects.get(external_reference="NW-BER")
    assert berlin.parent.external_reference == "NW-EMEA"
    assert berlin.parent.payment_terms_days == 45
    assert "row 5: name: A group needs a name. [REQUIRED]" in err
    assert "run the same file again" in err
    assert "3 groups stored as given" in out
    assert "1 rows refused, 3 events raised" in out
    assert "] 4/4 rows 100%" in err  # the progress bar, on stderr

    # when the same file is imported again
    code, out, _ = run("groups", str(path))

    # then nothing changes
    assert "3 groups stored as given" in out
    assert "0 events raised" in out
    assert CustomerGroup.objects.count() == 3


def test_reject_everything_writes_nothing(tmp_path, db):
    path = tmp_path / "groups.csv"
    path.write_text(GROUPS_CSV)
    code, _, err = run(
        "groups", str(path), "--batch-size", "2", "--error-policy", "reject-everything"
    )
    assert code == 1
    assert "nothing was written" in err
    assert not CustomerGroup.objects.exists()
    assert not OutboxEvent.objects.exists()


def test_memberships_from_json(tmp_path, group_tree, customer_user):
    path = tmp_path / "memberships.json"
    path.write_text(
        json.dumps(
            [
                {
                    "groupExternalReference": "ERP-BER",
                    "customerEmail": customer_user.email,
                },
                {
                    "groupExternalReference": "ERP-EMEA",
                    "customerEmail": customer_user.email,
                    "role": "MANAGER",
                },
            ]
        )
    )
    code, out, _ = run("memberships", str(path))
    assert code == 0, out
    assert sorted(
        CustomerGroupMembership.objects.values_list("group__slug", "role")
    ) == [("berlin", "buyer"), ("emea", "manager")]
    assert "2 memberships stored as given" in out


def test_price_lists_from_csv_one_line_per_price(
    tmp_path, group_tree, product, channel_USD
):
    # given
    variant = product.variants.get()
    path = tmp_path / "prices.csv"
    path.write_text(
        "externalReference,name,channel,variantSku,minQuantity,price\n"
        f"PL-ACME,ACME contract,{channel_USD.slug},{variant.sku},,8.00\n"
        f"PL-ACME,ACME contract,{channel_USD.slug},{variant.sku},10,7.00\n"
        f"PL-ACME,ACME contract,{channel_USD.slug},NOPE,,1.00\n"
        f"PL-ACME,ACME contract,{channel_USD.slug},{variant.sku},5,abc\n"
    )

    # then a malformed value stops the import before anything is written
    with pytest.raises(CommandError, match="line 5: price cannot be 'abc'"):
        run("price-lists", str(path))
    assert not PriceList.objects.exists()

    # when the value is fixed
    path.write_text(path.read_text().replace("abc", "6.50"))
    code, out, err = run("price-lists", str(path), "--batch-size", "2")

    # then the good prices are stored, the bad one is named by its line
    assert code == 1
    assert "row 4: entries.0.variantSku: Variant not found. [NOT_FOUND]" in err
    assert sorted(
        PriceListEntry.objects.values_list("min_quantity", "price_amount")
    ) == [(1, 8), (5, 6.5), (10, 7)]
    assert PriceList.objects.get().external_reference == "PL-ACME"


def test_unreadable_file_says_what_to_do(tmp_path, db):
    path = tmp_path / "groups.txt"
    path.write_text("x")
    with pytest.raises(CommandError, match="give a .csv or a .json file"):
        run("groups", str(path))
