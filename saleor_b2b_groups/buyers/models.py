from django.conf import settings
from django.db import models


class PurchasingGroupSelection(models.Model):
    """The group a buyer in several groups buys for (see ``buyers``).

    One row per customer, read with their groups in the same query
    (``groups.fetch``): prices, catalog, approvals and every later feature then
    follow that group's lineage only. No row: the buyer has not named one.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="b2b_purchasing_group_selection",
    )
    group = models.ForeignKey(
        "saleor_b2b_groups.CustomerGroup",
        on_delete=models.CASCADE,
        related_name="+",
    )
    selected_at = models.DateTimeField(auto_now=True)

    class Meta:
        app_label = "saleor_b2b_groups"

    def __str__(self) -> str:
        return f"{self.user_id} buys for {self.group_id}"
