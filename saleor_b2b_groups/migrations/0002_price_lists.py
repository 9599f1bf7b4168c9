# Reserved for group pricing; filled in by that feature.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("saleor_b2b_groups", "0001_customer_groups")]

    operations: list = []
