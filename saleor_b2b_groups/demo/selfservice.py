"""Demo: Northwind Berlin's shared requisition list "Trade fair kit".

anna.buyer@northwind.example keeps it, shared with Northwind Berlin: ben.approver
reads it, maria.manager (Northwind EMEA) reads and edits it, and any of them adds
it to their checkout at Northwind's prices (``requisitionListAddToCheckout``).
Lines: 20 ASCII Tee M, 10 ASCII Tee L, 5 Dash Force 41 (populatedb SKUs; a SKU
``populatedb`` did not create is skipped with a log line). Managers see their
branches' orders with ``me.groupOrders``.
"""

from collections.abc import Callable

LOGINS: list[tuple[str, str, str]] = []

LIST_NAME = "Trade fair kit"
OWNER = "anna.buyer@northwind.example"
GROUP = "northwind-berlin"
#: (variant SKU, quantity, note)
LINES = [
    ("328223581", 20, "Stand staff, size M"),
    ("328223582", 10, "Stand staff, size L"),
    ("618223583", 5, ""),
]


def is_loaded() -> bool:
    from ..selfservice.models import RequisitionList

    return RequisitionList.objects.filter(name=LIST_NAME, group__slug=GROUP).exists()


def load(log: Callable[[str], None]) -> None:
    from saleor.account.models import User
    from saleor.product.models import ProductVariant

    from ..groups.models import CustomerGroup
    from ..selfservice import RequisitionListVisibility
    from ..selfservice.models import RequisitionList, RequisitionListLine

    owner = User.objects.filter(email=OWNER).first()
    group = CustomerGroup.objects.filter(slug=GROUP).first()
    if owner is None or group is None:
        log(f"  skipped: no {OWNER} or group '{GROUP}' (load the groups demo)")
        return
    kit, _ = RequisitionList.objects.get_or_create(
        name=LIST_NAME,
        group=group,
        defaults={"owner": owner, "visibility": RequisitionListVisibility.GROUP},
    )
    variants = {
        v.sku: v for v in ProductVariant.objects.filter(sku__in=[s for s, *_ in LINES])
    }
    for sku, quantity, note in LINES:
        variant = variants.get(sku)
        if variant is None:
            log(f"  skipped SKU {sku} on {LIST_NAME}: not in the catalog")
            continue
        RequisitionListLine.objects.get_or_create(
            requisition_list=kit,
            variant=variant,
            defaults={"quantity": quantity, "note": note},
        )
    log(f"  {group.name}: shared requisition list '{LIST_NAME}'")
