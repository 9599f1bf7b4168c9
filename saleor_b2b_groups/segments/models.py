from django.db import models

from ..groups.models import CustomerGroup


class CustomerGroupSegment(models.Model):
    """A group's membership rules and what its last recompute did.

    One per group at most; the group's segment memberships exist only while it does.
    ``rules`` is the validated tree (``segments.rules``), stored as validated.
    """

    group = models.OneToOneField(
        CustomerGroup, related_name="segment", on_delete=models.CASCADE
    )
    rules = models.JSONField()
    updated_at = models.DateTimeField(auto_now=True)
    #: When the last recompute committed; null until the first.
    last_computed_at = models.DateTimeField(null=True, blank=True)
    #: How long the last full recompute of this group took, in milliseconds.
    last_duration_ms = models.PositiveIntegerField(null=True, blank=True)
    #: Customers the rules matched at the last recompute.
    last_matched_count = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ("pk",)

    def __str__(self) -> str:
        return f"segment of {self.group_id}"
