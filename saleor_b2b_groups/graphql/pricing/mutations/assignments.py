"""Giving price lists to customer groups, and taking them back."""

import graphene
from django.db import transaction
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.doc_category import DOC_CATEGORY_DISCOUNTS
from saleor.graphql.core.mutations import BaseMutation

from ....pricing import changes
from ....pricing.models import CustomerGroupPriceList
from ...core import ADDED_IN_B2B_01
from ...groups.types import CustomerGroup
from ..types import CustomerGroupPriceList as CustomerGroupPriceListType
from ..types import PriceList
from .base import (
    PERMISSIONS,
    PriceListError,
    get_group_or_error,
    get_price_list_or_error,
)


class AssignmentArguments:
    group = graphene.ID(description="ID of the customer group.")
    group_external_reference = graphene.String(
        description="Or the group's external reference."
    )
    price_list = graphene.ID(description="ID of the price list.")
    price_list_external_reference = graphene.String(
        description="Or the price list's external reference."
    )


class CustomerGroupPriceListAssign(BaseMutation):
    assignment = graphene.Field(
        CustomerGroupPriceListType, description="The assignment."
    )
    customer_group = graphene.Field(CustomerGroup, description="The group.")
    price_list = graphene.Field(PriceList, description="The price list.")

    class Arguments(AssignmentArguments):
        priority = graphene.Int(
            default_value=0,
            description=(
                "Higher wins for groups whose price conflict policy is PRIORITY. "
                "Default: 0."
            ),
        )

    class Meta:
        description = (
            "Assigns a price list to a customer group (and so to every group below "
            "it), or changes the priority of an assignment. Idempotent."
            + ADDED_IN_B2B_01
        )
        doc_category = DOC_CATEGORY_DISCOUNTS
        permissions = PERMISSIONS
        error_type_class = PriceListError

    @classmethod
    def perform_mutation(  # type: ignore[override]
        cls,
        _root,
        info: ResolveInfo,
        /,
        *,
        group=None,
        group_external_reference=None,
        price_list=None,
        price_list_external_reference=None,
        priority=0,
    ):
        found_group = get_group_or_error(
            id=group, external_reference=group_external_reference
        )
        found_list = get_price_list_or_error(
            id=price_list, external_reference=price_list_external_reference
        )
        priority = priority or 0
        with transaction.atomic():
            assignment, created = CustomerGroupPriceList.objects.get_or_create(
                group=found_group,
                price_list=found_list,
                defaults={"priority": priority},
            )
            change = changes.PriceListChange(found_list)
            if created:
                change.assignments_added = [assignment]
            elif assignment.priority != priority:
                assignment.priority = priority
                assignment.save(update_fields=["priority"])
                change.assignments_changed = [assignment]
            changes.price_lists_changed([change])
        return cls(
            assignment=assignment, customer_group=found_group, price_list=found_list
        )


class CustomerGroupPriceListUnassign(BaseMutation):
    customer_group = graphene.Field(CustomerGroup, description="The group.")
    price_list = graphene.Field(PriceList, description="The price list.")

    class Arguments(AssignmentArguments):
        pass

    class Meta:
        description = (
            "Takes a price list back from a customer group. Idempotent: a list not "
            "assigned to the group is not an error." + ADDED_IN_B2B_01
        )
        doc_category = DOC_CATEGORY_DISCOUNTS
        permissions = PERMISSIONS
        error_type_class = PriceListError

    @classmethod
    def perform_mutation(  # type: ignore[override]
        cls,
        _root,
        info: ResolveInfo,
        /,
        *,
        group=None,
        group_external_reference=None,
        price_list=None,
        price_list_external_reference=None,
    ):
        found_group = get_group_or_error(
            id=group, external_reference=group_external_reference
        )
        found_list = get_price_list_or_error(
            id=price_list, external_reference=price_list_external_reference
        )
        with transaction.atomic():
            removed = list(
                CustomerGroupPriceList.objects.filter(
                    group=found_group, price_list=found_list
                )
            )
            CustomerGroupPriceList.objects.filter(
                pk__in=[a.pk for a in removed]
            ).delete()
            changes.price_lists_changed(
                [changes.PriceListChange(found_list, assignments_removed=removed)]
            )
        return cls(customer_group=found_group, price_list=found_list)
