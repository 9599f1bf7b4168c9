# ERP integration: event outbox, per-aggregate sequences, endpoints, deliveries.

import django.contrib.postgres.fields
import django.core.serializers.json
import django.db.models.deletion
import uuid
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('saleor_b2b_groups', '0004_checkout_approvals'),
    ]

    operations = [
        migrations.CreateModel(
            name='ErpEndpoint',
            fields=[
                ('id', models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=255)),
                ('target_url', models.URLField(max_length=2048)),
                ('secret_key', models.CharField(blank=True, default='', max_length=255)),
                ('events', django.contrib.postgres.fields.ArrayField(base_field=models.CharField(choices=[('customer_group_created', 'Customer group created'), ('customer_group_updated', 'Customer group updated'), ('customer_group_deleted', 'Customer group deleted'), ('customer_group_membership_changed', 'Customer group membership changed'), ('price_list_changed', 'Price list changed'), ('catalog_rules_changed', 'Catalog rules changed'), ('checkout_approval_requested', 'Checkout approval requested'), ('checkout_approval_approved', 'Checkout approval approved'), ('checkout_approval_rejected', 'Checkout approval rejected'), ('order_placed', 'Order placed by a group member')], max_length=64), blank=True, default=list, size=None)),
                ('is_active', models.BooleanField(default=True)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
            ],
            options={
                'ordering': ('pk',),
            },
        ),
        migrations.CreateModel(
            name='AggregateSequence',
            fields=[
                ('id', models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('aggregate_type', models.CharField(max_length=64)),
                ('aggregate_id', models.CharField(max_length=255)),
                ('last_sequence', models.PositiveBigIntegerField(default=0)),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('aggregate_type', 'aggregate_id'), name='erp_aggregatesequence_unique')],
            },
        ),
        migrations.CreateModel(
            name='EventDelivery',
            fields=[
                ('id', models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('aggregate_type', models.CharField(max_length=64)),
                ('aggregate_id', models.CharField(max_length=255)),
                ('sequence', models.PositiveBigIntegerField()),
                ('status', models.CharField(choices=[('pending', 'Pending'), ('success', 'Success'), ('failed', 'Failed')], default='pending', max_length=16)),
                ('attempts', models.PositiveIntegerField(default=0)),
                ('last_status_code', models.PositiveIntegerField(blank=True, null=True)),
                ('last_error', models.TextField(blank=True, default='')),
                ('next_retry_at', models.DateTimeField(blank=True, null=True)),
                ('delivered_at', models.DateTimeField(blank=True, null=True)),
                ('created_at', models.DateTimeField(auto_now_add=True, db_index=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('endpoint', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='deliveries', to='saleor_b2b_groups.erpendpoint')),
            ],
            options={
                'ordering': ('created_at', 'pk'),
            },
        ),
        migrations.CreateModel(
            name='DeliveryAttempt',
            fields=[
                ('id', models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('status_code', models.PositiveIntegerField(blank=True, null=True)),
                ('error', models.TextField(blank=True, default='')),
                ('duration_ms', models.PositiveIntegerField(default=0)),
                ('response_body', models.TextField(blank=True, default='')),
                ('delivery', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='attempt_log', to='saleor_b2b_groups.eventdelivery')),
            ],
            options={
                'ordering': ('created_at', 'pk'),
            },
        ),
        migrations.CreateModel(
            name='OutboxEvent',
            fields=[
                ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ('event_type', models.CharField(choices=[('customer_group_created', 'Customer group created'), ('customer_group_updated', 'Customer group updated'), ('customer_group_deleted', 'Customer group deleted'), ('customer_group_membership_changed', 'Customer group membership changed'), ('price_list_changed', 'Price list changed'), ('catalog_rules_changed', 'Catalog rules changed'), ('checkout_approval_requested', 'Checkout approval requested'), ('checkout_approval_approved', 'Checkout approval approved'), ('checkout_approval_rejected', 'Checkout approval rejected'), ('order_placed', 'Order placed by a group member')], max_length=64)),
                ('aggregate_type', models.CharField(max_length=64)),
                ('aggregate_id', models.CharField(max_length=255)),
                ('sequence', models.PositiveBigIntegerField()),
                ('payload', models.JSONField(encoder=django.core.serializers.json.DjangoJSONEncoder)),
                ('created_at', models.DateTimeField(auto_now_add=True, db_index=True)),
            ],
            options={
                'ordering': ('created_at', 'sequence'),
                'constraints': [models.UniqueConstraint(fields=('aggregate_type', 'aggregate_id', 'sequence'), name='erp_outboxevent_sequence_unique')],
            },
        ),
        migrations.AddField(
            model_name='eventdelivery',
            name='event',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='deliveries', to='saleor_b2b_groups.outboxevent'),
        ),
        migrations.AddIndex(
            model_name='eventdelivery',
            index=models.Index(condition=models.Q(('status', 'success'), _negated=True), fields=['endpoint', 'aggregate_type', 'aggregate_id', 'sequence'], name='erp_delivery_queue_idx'),
        ),
        migrations.AddIndex(
            model_name='eventdelivery',
            index=models.Index(fields=['status', 'next_retry_at'], name='erp_delivery_due_idx'),
        ),
        migrations.AddConstraint(
            model_name='eventdelivery',
            constraint=models.UniqueConstraint(fields=('event', 'endpoint'), name='erp_eventdelivery_unique'),
        ),
    ]
