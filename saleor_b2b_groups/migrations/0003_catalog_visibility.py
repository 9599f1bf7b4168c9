# Catalog and channel visibility: catalog rules, channel access, group terms.

import django.contrib.postgres.fields
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('channel', '0027_channel_allow_legacy_gift_card_use'),
        ('product', '0205_merge_20260615_1308'),
        ('saleor_b2b_groups', '0002_price_lists'),
    ]

    operations = [
        migrations.CreateModel(
            name='ChannelAccessPolicy',
            fields=[
                ('channel', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='+', serialize=False, to='channel.channel')),
                ('access', models.CharField(choices=[('public', 'Everybody: anonymous visitors and customers in no group too'), ('b2b_only', 'Only members of groups allowed in the channel')], default='public', max_length=16)),
                ('updated_at', models.DateTimeField(auto_now=True)),
            ],
        ),
        migrations.AddField(
            model_name='customergroup',
            name='allowed_channels',
            field=django.contrib.postgres.fields.ArrayField(base_field=models.IntegerField(), blank=True, null=True, size=None),
        ),
        migrations.AddField(
            model_name='customergroup',
            name='catalog_mode',
            field=models.CharField(blank=True, max_length=16, null=True),
        ),
        migrations.CreateModel(
            name='CatalogRule',
            fields=[
                ('id', models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('effect', models.CharField(choices=[('include', 'Include'), ('exclude', 'Exclude')], max_length=16)),
                ('scope', models.CharField(choices=[('product', 'Product'), ('collection', 'Collection'), ('category', 'Category')], max_length=16)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('category', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='product.category')),
                ('collection', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='product.collection')),
                ('group', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='catalog_rules', to='saleor_b2b_groups.customergroup')),
                ('product', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='product.product')),
            ],
            options={
                'ordering': ('pk',),
                'constraints': [models.CheckConstraint(condition=models.Q(models.Q(('category__isnull', True), ('collection__isnull', True), ('product__isnull', False), ('scope', 'product')), models.Q(('category__isnull', False), ('collection__isnull', True), ('product__isnull', True), ('scope', 'category')), models.Q(('category__isnull', True), ('collection__isnull', False), ('product__isnull', True), ('scope', 'collection')), _connector='OR'), name='catalogrule_scope_target'), models.CheckConstraint(condition=models.Q(('effect__in', ['include', 'exclude'])), name='catalogrule_effect_valid'), models.UniqueConstraint(fields=('group', 'scope', 'product', 'category', 'collection'), name='catalogrule_unique_target', nulls_distinct=False)],
            },
        ),
    ]
