from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from saleor.core.models import ModelWithExternalReference, ModelWithMetadata

from . import CustomerGroupRole, MembershipSource


class CustomerGroup(ModelWithMetadata, ModelWithExternalReference):
    """A B2B account or a part of one, in a tree of any depth.

    The tree is stored twice on purpose: ``parent`` is the truth an admin edits, and
    ``ancestor_ids`` (root first) is derived from it under a lock (``groups.tree``) so
    that ancestors and descendants of any group are one indexed query, whatever the
    depth. Terms (``payment_terms_days`` and those later features add) are nullable:
    null means "inherit from the nearest ancestor that sets it" (``groups.terms``).
    """

    name = models.CharField(max_length=250)
    slug = models.SlugField(max_length=255, unique=True, allow_unicode=True)
    description = models.TextField(blank=True, default="")
    parent = models.ForeignKey(
        "self", null=True, blank=True, related_name="children", on_delete=models.PROTECT
    )
    #: Ids of the ancestors, root first; maintained by ``groups.tree`` only.
    ancestor_ids = ArrayField(models.IntegerField(), default=list, blank=True)
    #: An inactive group, and every group below it, gives its members nothing.
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Inherited terms: null inherits (see groups.terms).
    payment_terms_days = models.PositiveIntegerField(null=True, blank=True)
    #: How a buyer's price is picked among this group's price lists (pricing).
    price_conflict_policy = models.CharField(max_length=16, null=True, blank=True)
    #: Open (all but excluded) or restricted (only included) catalog (visibility).
    catalog_mode = models.CharField(max_length=16, null=True, blank=True)
    #: Ids of the channels the group may buy in (visibility); null inherits. An
    #: array, not a relation: it is read with the group at no extra query, and
    #: channel ids are never reused, so a deleted channel's id matches nothing.
    allowed_channels = ArrayField(models.IntegerField(), null=True, blank=True)
    #: When checkouts need approval and by whom (approvals.policy); null inherits.
    approval_policy = models.JSONField(null=True, blank=True)
    #: Hours an approval request and an approval stay valid; null inherits.
    approval_validity_hours = models.PositiveIntegerField(null=True, blank=True)
    #: Smallest and largest order subtotal, in the channel's currency
    #: (quantities.terms); null inherits.
    min_order_subtotal = models.DecimalField(
        max_digits=18, decimal_places=3, null=True, blank=True
    )
    max_order_subtotal = models.DecimalField(
        max_digits=18, decimal_places=3, null=True, blank=True
    )

    class Meta(ModelWithMetadata.Meta):
        ordering = ("name", "pk")
        indexes = [
            *ModelWithMetadata.Meta.indexes,
            GinIndex(fields=["ancestor_ids"], name="customergroup_ancestors_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("pk")),
                name="customergroup_not_own_parent",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def depth(self) -> int:
        """0 for a root group."""
        return len(self.ancestor_ids)

    @property
    def lineage_ids(self) -> list[int]:
        """This group's id, then its parent's, up to the root."""
        return [self.pk, *reversed(self.ancestor_ids)]


class CustomerGroupMembership(models.Model):
    """A customer's place in a group; a customer may belong to several groups."""

    group = models.ForeignKey(
        CustomerGroup, related_name="memberships", on_delete=models.CASCADE
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        related_name="customer_group_memberships",
        on_delete=models.CASCADE,
    )
    role = models.CharField(
        max_length=32,
        choices=CustomerGroupRole.CHOICES,
        default=CustomerGroupRole.BUYER,
    )
    #: Manual (admin, ERP) or segment (``segments``): a recompute touches only the
    #: latter. A database default too: writers in raw SQL (the bench seed's COPY)
    #: make manual memberships without naming the column.
    source = models.CharField(
        max_length=16,
        choices=MembershipSource.CHOICES,
        default=MembershipSource.MANUAL,
        db_default=MembershipSource.MANUAL,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("pk",)
        constraints = [
            models.UniqueConstraint(
                fields=["group", "user"], name="customergroupmembership_unique_member"
            ),
        ]
        indexes = [models.Index(fields=["user", "group"], name="cgmembership_user_idx")]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.group_id} as {self.role}"
