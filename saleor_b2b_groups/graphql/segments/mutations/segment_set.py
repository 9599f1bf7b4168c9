import graphene
from saleor.graphql.core import ResolveInfo

from ....segments import services
from ....segments.rules import RuleError
from ....segments.tasks import schedule_group
from ...core import ADDED_IN_B2B_01
from ...groups.types import CustomerGroup as CustomerGroupType
from ..inputs import CustomerGroupSegmentRuleInput
from ..types import CustomerGroupSegment
from .base import CustomerGroupSegmentMutation, get_group, rule_error


class CustomerGroupSegmentSet(CustomerGroupSegmentMutation):
    customer_group = graphene.Field(CustomerGroupType, description="The group.")
    segment = graphene.Field(CustomerGroupSegment, description="The stored rules.")

    class Arguments:
        group = graphene.ID(required=True, description="ID of the group.")
        rules = CustomerGroupSegmentRuleInput(
            required=True, description="The rule tree; replaces the group's rules."
        )

    class Meta:
        description = (
            "Sets a group's membership rules. The members follow in a background "
            "recompute once the rules are saved (or at once with "
            "customerGroupSegmentRecompute); manual members are never touched."
            + ADDED_IN_B2B_01
        )

    @classmethod
    def perform_mutation(  # type: ignore[override]
        cls, _root, info: ResolveInfo, /, *, group, rules
    ):
        customer_group = get_group(group)
        try:
            segment = services.set_rules(customer_group, rules)
        except RuleError as e:
            raise rule_error(e) from e
        schedule_group(customer_group.pk)
        return cls(customer_group=customer_group, segment=segment)
