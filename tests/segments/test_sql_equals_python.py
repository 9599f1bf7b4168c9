"""The SQL evaluation of a rule tree equals a Python evaluation of the same tree,
over generated customers, addresses, metadata and orders (hypothesis)."""

from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from saleor.account.models import User
from saleor.order import OrderStatus

from saleor_b2b_groups.segments.evaluation import matching_ids
from saleor_b2b_groups.segments.rules import CLEANERS, clean_rules, conditions_of

from .helpers import make_customer, place_order, set_address
from .python_rules import customer_facts, matches

COUNTRIES = ["DE", "FR", "US"]
POSTAL_CODES = ["10115", "10999", "75001", "90210", "a1 2b"]
DOMAINS = ["acme.com", "globex.de", "sub.acme.com"]
KEYS = ["industry", "tier"]
VALUES = ["trade", "retail", "gold"]
STATUSES = [
    OrderStatus.UNFULFILLED,
    OrderStatus.FULFILLED,
    OrderStatus.DRAFT,
    OrderStatus.CANCELED,
    OrderStatus.UNCONFIRMED,
]
CURRENCIES = ["USD", "PLN"]


def conditions(channels: list[str], catalog: dict) -> st.SearchStrategy:
    amounts = st.sampled_from(["0", "50", "99.99", "100", "1000.5", "2000"])
    return st.one_of(
        st.fixed_dictionaries(
            {
                "country": st.fixed_dictionaries(
                    {
                        "address": st.sampled_from(["billing", "shipping"]),
                        "countries": st.lists(
                            st.sampled_from(COUNTRIES), min_size=1, max_size=2
                        ),
                        "postal_code_prefixes": st.lists(
                            st.sampled_from(["10", "1", "75", "A1", "9"]), max_size=2
                        ),
                    }
                )
            }
        ),
        st.fixed_dictionaries(
            {
                "email_domain": st.fixed_dictionaries(
                    {"domains": st.lists(st.sampled_from(DOMAINS), min_size=1)}
                )
            }
        ),
        st.fixed_dictionaries(
            {
                "metadata": st.fixed_dictionaries(
                    {
                        "key": st.sampled_from(KEYS),
                        "values": st.lists(st.sampled_from(VALUES), max_size=2),
                        "private": st.booleans(),
                    }
                )
            }
        ),
        st.fixed_dictionaries(
            {
                "orders": st.fixed_dictionaries(
                    {
                        "days": st.none() | st.sampled_from([7, 30, 365]),
                        "channel": st.none() | st.sampled_from(channels),
                        "currency": st.sampled_from(CURRENCIES),
                        "min_count": st.none() | st.integers(0, 3),
                        "max_count": st.none() | st.integers(3, 5),
                        "min_total": st.none() | amounts,
                        "max_total": st.none() | st.just("5000"),
                    }
                ).filter(
                    lambda o: any(
                        o[k] is not None
                        for k in ("min_count", "max_count", "min_total", "max_total")
                    )
                )
            }
        ),
        st.fixed_dictionaries(
            {
                "last_order": st.fixed_dictionaries(
                    {
                        "min_days": st.none() | st.sampled_from([0, 10, 200]),
                        "max_days": st.sampled_from([200, 500]),
                    }
                )
            }
        ),
        st.fixed_dictionaries(
            {
                "bought": st.fixed_dictionaries(
                    {
                        "days": st.none() | st.sampled_from([30, 365]),
                        "products": st.lists(st.sampled_from(catalog["products"])),
                        "categories": st.lists(st.sampled_from(catalog["categories"])),
                        "collections": st.lists(
                            st.sampled_from(catalog["collections"]), min_size=1
                        ),
                    }
                )
            }
        ),
    )


def trees(channels, catalog) -> st.SearchStrategy:
    leaf = conditions(channels, catalog)
    return st.recursive(
        leaf,
        lambda children: st.one_of(
            st.fixed_dictionaries({"all": st.lists(children, min_size=1, max_size=3)}),
            st.fixed_dictionaries({"any": st.lists(children, min_size=1, max_size=3)}),
        ),
        max_leaves=6,
    )


customers_strategy = st.lists(
    st.fixed_dictionaries(
        {
            "local": st.sampled_from(["ann", "Bob", "x.y"]),
            "domain": st.sampled_from(
                [*DOMAINS, "ACME.COM", "acme.com.evil", "other.org"]
            ),
            # mostly eligible customers with addresses: hypothesis starts from the
            # simplest values (False, None), which would match no one
            "is_staff": st.sampled_from([False, False, False, True]),
            "is_active": st.sampled_from([True, True, True, False]),
            "billing": st.tuples(
                st.sampled_from(COUNTRIES), st.sampled_from(POSTAL_CODES)
            )
            | st.none(),
            "shipping": st.tuples(
                st.sampled_from(COUNTRIES), st.sampled_from(POSTAL_CODES)
            )
            | st.none(),
            "metadata": st.dictionaries(st.sampled_from(KEYS), st.sampled_from(VALUES)),
            "private_metadata": st.dictionaries(
                st.sampled_from(KEYS), st.sampled_from(VALUES)
            ),
            "orders": st.lists(
                st.fixed_dictionaries(
                    {
                        "channel": st.integers(0, 1),
                        "total": st.sampled_from(["0", "49.99", "50", "100", "1000.5"]),
                        "days_ago": st.sampled_from([0.5, 9, 29, 100, 364, 400]),
                        "status": st.sampled_from(STATUSES),
                        "variant": st.none() | st.integers(0, 2),
                    }
                ),
                max_size=4,
            ),
        }
    ),
    min_size=1,
    max_size=5,
)


def test_sql_matches_python(
    db, channel_USD, channel_PLN, product_list, collection, categories_tree
):
    product_list[0].category = categories_tree.children.first()
    product_list[0].save(update_fields=["category"])
    collection.products.add(product_list[1])
    variants = [p.variants.first() for p in product_list[:3]]
    catalog = {
        "products": [p.pk for p in product_list[:3]],
        "categories": [categories_tree.pk, product_list[2].category_id],
        "collections": [collection.pk],
    }
    channels = [channel_USD, channel_PLN]
    now = timezone.now()

    @settings(
        max_examples=60,
        deadline=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
        ],
    )
    @given(tree=trees([c.slug for c in channels], catalog), people=customers_strategy)
    def check(tree, people):
        rules = clean_rules(tree)
        savepoint = transaction.savepoint()
        try:
            for i, person in enumerate(people):
                user = make_customer(
                    f"{person['local']}{i}@{person['domain']}",
                    is_staff=person["is_staff"],
                    metadata=person["metadata"],
                    private_metadata=person["private_metadata"],
                )
                User.objects.filter(pk=user.pk).update(is_active=person["is_active"])
                for kind in ("billing", "shipping"):
                    if person[kind]:
                        set_address(user, kind, *person[kind])
                for order in person["orders"]:
                    place_order(
                        user,
                        channels[order["channel"]],
                        order["total"],
                        days_ago=order["days_ago"],
                        status=order["status"],
                        variant=None
                        if order["variant"] is None
                        else variants[order["variant"]],
                        now=now,
                    )
            users = User.objects.filter(email__contains="@").exclude(pk__in=baseline)
            expected = {u.pk for u in users if matches(rules, customer_facts(u), now)}
            assert matching_ids(rules, now) - baseline == expected, rules
            outcomes.add(bool(expected))
            kinds.update(kind for kind, _ in conditions_of(rules))
        finally:
            transaction.savepoint_rollback(savepoint)

    baseline = set(User.objects.values_list("pk", flat=True))
    outcomes: set[bool] = set()
    kinds: set[str] = set()
    check()
    # the examples were not vacuous: some matched someone, some no one, and
    # every kind of condition was tried
    assert outcomes == {True, False}
    assert kinds == set(CLEANERS)
