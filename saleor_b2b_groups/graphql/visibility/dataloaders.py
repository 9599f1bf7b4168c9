from collections import defaultdict
from collections.abc import Iterable

from saleor.graphql.core.dataloaders import DataLoader

from ...visibility.models import CatalogRule, ChannelAccessPolicy


class CatalogRulesByCustomerGroupIdLoader(DataLoader[int, list[CatalogRule]]):
    context_key = "b2b_catalog_rules_by_customer_group_id"

    def batch_load(self, keys: Iterable[int]):
        rules = defaultdict(list)
        for rule in CatalogRule.objects.using(self.database_connection_name).filter(
            group_id__in=keys
        ):
            rules[rule.group_id].append(rule)
        return [rules[key] for key in keys]


class ChannelAccessByChannelIdLoader(DataLoader[int, str | None]):
    context_key = "b2b_channel_access_by_channel_id"

    def batch_load(self, keys: Iterable[int]):
        policies = dict(
            ChannelAccessPolicy.objects.using(self.database_connection_name)
            .filter(channel_id__in=keys)
            .values_list("channel_id", "access")
        )
        return [policies.get(key) for key in keys]
