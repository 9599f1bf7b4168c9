# Reserved for catalog and channel visibility; filled in by that feature.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("saleor_b2b_groups", "0002_price_lists")]

    operations: list = []
