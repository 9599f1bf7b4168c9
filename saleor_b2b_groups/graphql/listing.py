"""What the package's list queries share: search, IDs, sort descriptions."""

from collections.abc import Callable

from django.db.models import Q, QuerySet
from saleor.graphql.core.utils import from_global_id_or_error

Filter = Callable[..., QuerySet]


def search_in(*fields: str) -> Filter:
    """A ``search`` filter: any of ``fields`` contains the text (any case)."""

    def filter_search(qs: QuerySet, _, value: str) -> QuerySet:
        if not value:
            return qs
        query = Q()
        for field in fields:
            query |= Q(**{f"{field}__icontains": value})
        return qs.filter(query)

    return filter_search


def with_ids(type_name: str, field: str = "pk") -> Filter:
    """An ``ids``-like filter: the objects whose ``field`` is one of the IDs."""

    def filter_ids(qs: QuerySet, _, value: list[str]) -> QuerySet:
        if not value:
            return qs
        pks = [from_global_id_or_error(gid, type_name, True)[1] for gid in value]
        return qs.filter(**{f"{field}__in": pks})

    return filter_ids


def sort_description(plural: str) -> property:
    """The ``description`` of a sort field enum: "Sort <plural> by <field>."."""

    def description(self) -> str:
        name: str = self.name
        return f"Sort {plural} by {name.lower().replace('_', ' ')}."

    return property(description)
