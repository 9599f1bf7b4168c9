# Reserved for checkout approvals; filled in by that feature.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("saleor_b2b_groups", "0003_catalog_visibility")]

    operations: list = []
