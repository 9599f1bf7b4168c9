from collections import defaultdict
from collections.abc import Iterable

from saleor.graphql.core.dataloaders import DataLoader

from ...pricing.models import CustomerGroupPriceList, PriceList, PriceListRule


class PriceListByIdLoader(DataLoader[int, PriceList | None]):
    context_key = "b2b_price_list_by_id"

    def batch_load(self, keys: Iterable[int]):
        lists = PriceList.objects.using(self.database_connection_name).in_bulk(keys)
        return [lists.get(key) for key in keys]


class RulesByPriceListIdLoader(DataLoader[int, list[PriceListRule]]):
    context_key = "b2b_rules_by_price_list_id"

    def batch_load(self, keys: Iterable[int]):
        rules = defaultdict(list)
        for rule in PriceListRule.objects.using(self.database_connection_name).filter(
            price_list_id__in=keys
        ):
            rules[rule.price_list_id].append(rule)
        return [rules[key] for key in keys]


class AssignmentsByPriceListIdLoader(DataLoader[int, list[CustomerGroupPriceList]]):
    """The groups a list is assigned to, highest priority first."""

    context_key = "b2b_assignments_by_price_list_id"

    def batch_load(self, keys: Iterable[int]):
        assignments = defaultdict(list)
        for assignment in CustomerGroupPriceList.objects.using(
            self.database_connection_name
        ).filter(price_list_id__in=keys):
            assignments[assignment.price_list_id].append(assignment)
        return [assignments[key] for key in keys]


class AssignmentsByCustomerGroupIdLoader(DataLoader[int, list[CustomerGroupPriceList]]):
    """The lists assigned to a group itself (not its ancestors'), highest priority
    first."""

    context_key = "b2b_assignments_by_customer_group_id"

    def batch_load(self, keys: Iterable[int]):
        assignments = defaultdict(list)
        for assignment in CustomerGroupPriceList.objects.using(
            self.database_connection_name
        ).filter(group_id__in=keys):
            assignments[assignment.group_id].append(assignment)
        return [assignments[key] for key in keys]
