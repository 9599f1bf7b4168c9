from collections.abc import Iterable

from saleor.graphql.core.dataloaders import DataLoader

from ...quantities.checks import variant_places
from ...quantities.models import QuantityRule
from ...quantities.rules import VariantPlace


class VariantPlaceByVariantIdLoader(DataLoader[int, VariantPlace | None]):
    """A variant's product, category and collections: one query for a page."""

    context_key = "b2b_variant_place_by_variant_id"

    def batch_load(self, keys: Iterable[int]):
        places = variant_places(keys, self.database_connection_name)
        return [places[key][0] if key in places else None for key in keys]


class QuantityRulesByCustomerGroupIdLoader(DataLoader[int, list[QuantityRule]]):
    context_key = "b2b_quantity_rules_by_customer_group_id"

    def batch_load(self, keys: Iterable[int]):
        rules: dict[int, list[QuantityRule]] = {key: [] for key in keys}
        for rule in QuantityRule.objects.using(self.database_connection_name).filter(
            group_id__in=keys
        ):
            rules[rule.group_id].append(rule)
        return [rules[key] for key in keys]
