"""Demo: a distributor's account hierarchy with buyers, approvers and managers."""

from collections.abc import Callable

from . import DEMO_PASSWORD

#: (slug, name, parent slug, ERP reference, payment terms in days or None)
GROUPS = [
    ("northwind", "Northwind Distribution", None, "NW-GLOBAL", 30),
    ("northwind-emea", "Northwind EMEA", "northwind", "NW-EMEA", 45),
    ("northwind-berlin", "Northwind Berlin", "northwind-emea", "NW-BER", None),
    ("northwind-paris", "Northwind Paris", "northwind-emea", "NW-PAR", None),
    ("northwind-americas", "Northwind Americas", "northwind", "NW-AMER", None),
    ("northwind-chicago", "Northwind Chicago", "northwind-americas", "NW-CHI", None),
    ("contoso", "Contoso Retail", None, "CONTOSO", 14),
    ("contoso-stores", "Contoso Stores", "contoso", "CONTOSO-STORES", None),
]

#: (email, first name, last name, group slug, role)
MEMBERS = [
    ("anna.buyer@northwind.example", "Anna", "Buyer", "northwind-berlin", "buyer"),
    (
        "ben.approver@northwind.example",
        "Ben",
        "Approver",
        "northwind-berlin",
        "approver",
    ),
    ("paul.buyer@northwind.example", "Paul", "Buyer", "northwind-paris", "buyer"),
    (
        "maria.manager@northwind.example",
        "Maria",
        "Manager",
        "northwind-emea",
        "manager",
    ),
    ("carl.buyer@northwind.example", "Carl", "Buyer", "northwind-chicago", "buyer"),
    ("olivia.buyer@contoso.example", "Olivia", "Buyer", "contoso-stores", "buyer"),
]

LOGINS = [
    (email, DEMO_PASSWORD, f"{role} of {group}")
    for email, _first, _last, group, role in MEMBERS
]


def is_loaded() -> bool:
    from ..groups.models import CustomerGroup, CustomerGroupMembership

    slugs = {slug for slug, *_ in GROUPS}
    emails = {email for email, *_ in MEMBERS}
    return CustomerGroup.objects.filter(slug__in=slugs).count() == len(
        slugs
    ) and CustomerGroupMembership.objects.filter(user__email__in=emails).count() >= len(
        MEMBERS
    )


def load(log: Callable[[str], None]) -> None:
    from ..groups import tree
    from ..groups.models import CustomerGroup, CustomerGroupMembership
    from . import get_or_create_customer

    groups: dict[str, CustomerGroup] = {}
    for slug, name, parent_slug, reference, terms in GROUPS:
        group = CustomerGroup.objects.filter(slug=slug).first()
        if group is None:
            group = CustomerGroup(
                slug=slug,
                name=name,
                external_reference=reference,
                payment_terms_days=terms,
            )
            tree.save_group(group, groups[parent_slug] if parent_slug else None)
        groups[slug] = group
    log(f"  {len(GROUPS)} customer groups in 2 accounts")

    for email, first_name, last_name, group_slug, role in MEMBERS:
        user = get_or_create_customer(email, first_name=first_name, last_name=last_name)
        CustomerGroupMembership.objects.get_or_create(
            group=groups[group_slug], user=user, defaults={"role": role}
        )
    log(f"  {len(MEMBERS)} members (buyers, approvers, managers)")
