"""Writes of the buyer's own settings: the purchasing group (see ``buyers``)."""

from django.db import transaction
from saleor.account.models import User

from ..groups.models import CustomerGroup
from .context import forget, of_customer
from .error_codes import PurchasingGroupErrorCode
from .models import PurchasingGroupSelection


class PurchasingGroupError(Exception):
    def __init__(self, code: PurchasingGroupErrorCode, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def select_purchasing_group(
    customer: User, group_id: int | None
) -> CustomerGroup | None:
    """Make ``group_id`` the group ``customer`` buys for; None clears the choice.

    The customer must be a member of the group, and it and every group above it
    active. Returns the group. The request's cached context is dropped, so that
    what follows in the same request (the mutation's payload) sees the new group.
    """
    if group_id is None:
        PurchasingGroupSelection.objects.filter(user=customer).delete()
        forget(customer)
        return None
    with transaction.atomic():
        buyer = of_customer(customer.pk)
        member_groups = {m.group.pk: m.group for m in buyer.all_groups.memberships}
        group = member_groups.get(group_id)
        if group is None:
            if not CustomerGroup.objects.filter(pk=group_id).exists():
                raise PurchasingGroupError(
                    PurchasingGroupErrorCode.NOT_FOUND, "Customer group not found."
                )
            raise PurchasingGroupError(
                PurchasingGroupErrorCode.NOT_A_MEMBER,
                "The customer is not a member of this active group.",
            )
        PurchasingGroupSelection.objects.update_or_create(
            user=customer, defaults={"group": group}
        )
    forget(customer)
    return group
