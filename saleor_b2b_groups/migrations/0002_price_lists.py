# Group pricing: price lists, entries (tiers), percentage rules, group assignments.

import django.contrib.postgres.indexes
import django.core.validators
import django.db.models.deletion
import saleor.core.utils.json_serializer
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('channel', '0027_channel_allow_legacy_gift_card_use'),
        ('product', '0205_merge_20260615_1308'),
        ('saleor_b2b_groups', '0001_customer_groups'),
    ]

    operations = [
        migrations.AddField(
            model_name='customergroup',
            name='price_conflict_policy',
            field=models.CharField(blank=True, max_length=16, null=True),
        ),
        migrations.CreateModel(
            name='PriceList',
            fields=[
                ('id', models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('private_metadata', models.JSONField(blank=True, db_default={}, default=dict, encoder=saleor.core.utils.json_serializer.CustomJsonEncoder)),
                ('metadata', models.JSONField(blank=True, db_default={}, default=dict, encoder=saleor.core.utils.json_serializer.CustomJsonEncoder)),
                ('external_reference', models.CharField(blank=True, db_index=True, max_length=250, null=True, unique=True)),
                ('name', models.CharField(max_length=250)),
                ('slug', models.SlugField(allow_unicode=True, max_length=255, unique=True)),
                ('currency', models.CharField(max_length=3)),
                ('is_active', models.BooleanField(default=True)),
                ('valid_from', models.DateTimeField(blank=True, null=True)),
                ('valid_to', models.DateTimeField(blank=True, null=True)),
                ('cap_at_channel_price', models.BooleanField(default=False)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('channel', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='channel.channel')),
            ],
            options={
                'ordering': ('name', 'pk'),
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='CustomerGroupPriceList',
            fields=[
                ('id', models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('priority', models.IntegerField(default=0)),
                ('group', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='price_list_assignments', to='saleor_b2b_groups.customergroup')),
                ('price_list', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='group_assignments', to='saleor_b2b_groups.pricelist')),
            ],
            options={
                'ordering': ('-priority', 'pk'),
            },
        ),
        migrations.CreateModel(
            name='PriceListEntry',
            fields=[
                ('id', models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('min_quantity', models.PositiveIntegerField(default=1, validators=[django.core.validators.MinValueValidator(1)])),
                ('price_amount', models.DecimalField(decimal_places=3, max_digits=20)),
                ('external_reference', models.CharField(blank=True, max_length=250, null=True)),
                ('price_list', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='entries', to='saleor_b2b_groups.pricelist')),
                ('variant', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='product.productvariant')),
            ],
            options={
                'ordering': ('pk',),
            },
        ),
        migrations.CreateModel(
            name='PriceListRule',
            fields=[
                ('id', models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('scope', models.CharField(choices=[('variant', 'Variant'), ('product', 'Product'), ('collection', 'Collection'), ('category', 'Category'), ('all', 'All')], max_length=16)),
                ('percentage', models.DecimalField(decimal_places=2, max_digits=5, validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(100)])),
                ('external_reference', models.CharField(blank=True, max_length=250, null=True)),
                ('category', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='product.category')),
                ('collection', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='product.collection')),
                ('price_list', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='rules', to='saleor_b2b_groups.pricelist')),
                ('product', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='product.product')),
                ('variant', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='product.productvariant')),
            ],
            options={
                'ordering': ('pk',),
            },
        ),
        migrations.AddIndex(
            model_name='pricelist',
            index=django.contrib.postgres.indexes.GinIndex(fields=['private_metadata'], name='pricelist_p_meta_idx'),
        ),
        migrations.AddIndex(
            model_name='pricelist',
            index=django.contrib.postgres.indexes.GinIndex(fields=['metadata'], name='pricelist_meta_idx'),
        ),
        migrations.AddIndex(
            model_name='pricelist',
            index=models.Index(fields=['channel', 'is_active'], name='pricelist_channel_idx'),
        ),
        migrations.AddConstraint(
            model_name='customergrouppricelist',
            constraint=models.UniqueConstraint(fields=('group', 'price_list'), name='customergrouppricelist_unique'),
        ),
        migrations.AddIndex(
            model_name='pricelistentry',
            index=models.Index(fields=['variant', 'price_list'], name='pricelistentry_var_idx'),
        ),
        migrations.AddConstraint(
            model_name='pricelistentry',
            constraint=models.UniqueConstraint(fields=('price_list', 'variant', 'min_quantity'), name='pricelistentry_unique_tier'),
        ),
        migrations.AddConstraint(
            model_name='pricelistentry',
            constraint=models.UniqueConstraint(condition=models.Q(('external_reference__isnull', False)), fields=('price_list', 'external_reference'), name='pricelistentry_unique_reference'),
        ),
        migrations.AddConstraint(
            model_name='pricelistentry',
            constraint=models.CheckConstraint(condition=models.Q(('price_amount__gte', 0)), name='pricelistentry_price_gte_0'),
        ),
        migrations.AddConstraint(
            model_name='pricelistentry',
            constraint=models.CheckConstraint(condition=models.Q(('min_quantity__gte', 1)), name='pricelistentry_min_qty_gte_1'),
        ),
        migrations.AddConstraint(
            model_name='pricelistrule',
            constraint=models.CheckConstraint(condition=models.Q(('percentage__gte', 0), ('percentage__lte', 100)), name='pricelistrule_percentage_0_100'),
        ),
        migrations.AddConstraint(
            model_name='pricelistrule',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('category__isnull', True), ('collection__isnull', True), ('product__isnull', True), ('scope', 'all'), ('variant__isnull', True)), models.Q(('category__isnull', True), ('collection__isnull', True), ('product__isnull', True), ('scope', 'variant'), ('variant__isnull', False)), models.Q(('category__isnull', True), ('collection__isnull', True), ('product__isnull', False), ('scope', 'product'), ('variant__isnull', True)), models.Q(('category__isnull', False), ('collection__isnull', True), ('product__isnull', True), ('scope', 'category'), ('variant__isnull', True)), models.Q(('category__isnull', True), ('collection__isnull', False), ('product__isnull', True), ('scope', 'collection'), ('variant__isnull', True)), _connector='OR'), name='pricelistrule_scope_target'),
        ),
        migrations.AddConstraint(
            model_name='pricelistrule',
            constraint=models.UniqueConstraint(fields=('price_list', 'scope', 'variant', 'product', 'category', 'collection'), name='pricelistrule_unique_target', nulls_distinct=False),
        ),
        migrations.AddConstraint(
            model_name='pricelistrule',
            constraint=models.UniqueConstraint(condition=models.Q(('external_reference__isnull', False)), fields=('price_list', 'external_reference'), name='pricelistrule_unique_reference'),
        ),
    ]
