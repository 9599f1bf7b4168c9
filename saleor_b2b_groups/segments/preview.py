"""What a rule set would do to a group, computed now and saved nowhere."""

from dataclasses import dataclass

from saleor.account.models import User

from ..groups import MembershipSource
from ..groups.models import CustomerGroup, CustomerGroupMembership
from . import evaluation

#: The largest sample a preview shows.
MAX_SAMPLE = 50


@dataclass
class Preview:
    matched_count: int
    joining_count: int | None
    leaving_count: int | None
    matched: list[User]
    joining: list[User]
    leaving: list[User]


def preview(
    rules: dict,
    group: CustomerGroup | None,
    sample: int = 10,
    database: str = "default",
) -> Preview:
    """Counts and samples (by e-mail) of who matches, and, for a group, who would
    join and who would leave; a fixed number of queries, on ``database``."""
    sample = max(0, min(sample, MAX_SAMPLE))
    matched = evaluation.customers().using(database).filter(evaluation.condition(rules))
    result = Preview(matched.count(), None, None, [], [], [])
    result.matched = list(matched.order_by("email")[:sample]) if sample else []
    if group is None:
        return result
    members = CustomerGroupMembership.objects.using(database).filter(group=group)
    joining = matched.exclude(pk__in=members.values("user_id"))
    leaving = (
        User.objects.using(database)
        .filter(
            pk__in=members.filter(source=MembershipSource.SEGMENT).values("user_id")
        )
        .exclude(pk__in=matched.values("pk"))
    )
    result.joining_count, result.leaving_count = joining.count(), leaving.count()
    if sample:
        result.joining = list(joining.order_by("email")[:sample])
        result.leaving = list(leaving.order_by("email")[:sample])
    return result
