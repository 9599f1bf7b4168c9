# Reserved for the ERP integration (event outbox, endpoints, deliveries).
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("saleor_b2b_groups", "0004_checkout_approvals")]

    operations: list = []
