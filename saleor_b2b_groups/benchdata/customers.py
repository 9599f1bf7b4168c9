"""Customers with an address each, and the named bench users.

Customers are confirmed and active, with the default customer type, a US address
as default billing and shipping address, and the bench password (hashed once:
hashing is slow by design). The named users are the staff superuser the benchmark
administers with, the bench buyers and the approver (see the package docstring);
their groups come with the steps that need them.
"""

from django.contrib.auth.hashers import make_password

from . import (
    ADMIN_EMAIL,
    APPROVAL_BUYER_EMAIL,
    APPROVER_EMAIL,
    CATALOG_BUYER_EMAIL,
    DEEP_BUYER_EMAIL,
    PASSWORD,
    SHALLOW_BUYER_EMAIL,
    Dataset,
)
from .progress import Progress
from .writes import create_in_batches

TITLE = "customers with addresses, bench users"

#: (city, state, ZIP): valid US addresses, as Saleor's address validation wants them.
CITIES = [
    ("NEW YORK", "NY", "10001"),
    ("CHICAGO", "IL", "60601"),
    ("AUSTIN", "TX", "73301"),
    ("SEATTLE", "WA", "98101"),
    ("MOUNTAIN VIEW", "CA", "94043"),
]


def pending() -> str | None:
    return None


def address(row: int, **fields):
    from saleor.account.models import Address

    city, state, postal_code = CITIES[row % len(CITIES)]
    return Address(
        first_name=fields.pop("first_name", "Bench"),
        last_name=fields.pop("last_name", f"Customer {row:05d}"),
        company_name=fields.pop("company_name", f"Bench Company {row % 500:03d}"),
        street_address_1=f"{100 + row % 900} Main Street",
        city=city,
        country_area=state,
        postal_code=postal_code,
        country="US",
        **fields,
    )


def seed(dataset: Dataset, progress: Progress) -> dict[str, int]:
    from saleor.account.models import Address, User
    from saleor.account.utils import get_default_customer_type

    count = dataset.size.customers
    password = make_password(PASSWORD)
    customer_type = get_default_customer_type()
    with progress.task("customer addresses", count) as task:
        addresses = create_in_batches(
            Address, (address(row) for row in range(count)), task
        )
    with progress.task("customers", count) as task:
        users = create_in_batches(
            User,
            (
                User(
                    email=f"bench-customer-{row:05d}@example.com",
                    first_name="Bench",
                    last_name=f"Customer {row:05d}",
                    password=password,
                    is_active=True,
                    is_confirmed=True,
                    customer_type=customer_type,
                    default_billing_address=addresses[row],
                    default_shipping_address=addresses[row],
                    search_document=f"bench-customer-{row:05d}@example.com\n",
                )
                for row in range(count)
            ),
            task,
        )
    with progress.task("customer address books", count) as task:
        create_in_batches(
            User.addresses.through,
            (
                User.addresses.through(user_id=user.pk, address_id=address.pk)
                for user, address in zip(users, addresses, strict=True)
            ),
            task,
        )
    dataset.customer_ids = [user.pk for user in users]

    named = [
        (ADMIN_EMAIL, "Admin", {"is_staff": True, "is_superuser": True}),
        (DEEP_BUYER_EMAIL, "Deep Buyer", {}),
        (SHALLOW_BUYER_EMAIL, "Shallow Buyer", {}),
        (CATALOG_BUYER_EMAIL, "Catalog Buyer", {}),
        (APPROVAL_BUYER_EMAIL, "Approvals Buyer", {}),
        (APPROVER_EMAIL, "Approver", {}),
    ]
    for email, last_name, flags in named:
        user = User.objects.create(
            email=email,
            first_name="Bench",
            last_name=last_name,
            password=password,
            is_active=True,
            is_confirmed=True,
            customer_type=customer_type,
            **flags,
        )
        dataset.users[email] = user.pk
    return {"customers": len(users), "bench_users": len(named)}
