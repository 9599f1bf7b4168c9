# Checkout approvals: policy terms on groups, requests, levels and decisions.

import django.core.serializers.json
import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('account', '0105_add_manage_customer_types_and_attributes_perm'),
        ('channel', '0027_channel_allow_legacy_gift_card_use'),
        ('saleor_b2b_groups', '0003_catalog_visibility'),
    ]

    operations = [
        migrations.AddField(
            model_name='customergroup',
            name='approval_policy',
            field=models.JSONField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='customergroup',
            name='approval_validity_hours',
            field=models.PositiveIntegerField(blank=True, null=True),
        ),
        migrations.CreateModel(
            name='CheckoutApproval',
            fields=[
                ('id', models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('checkout_token', models.UUIDField(db_index=True)),
                ('requested_by_email', models.CharField(blank=True, default='', max_length=254)),
                ('note', models.TextField(blank=True, default='')),
                ('status', models.CharField(choices=[('pending', 'Pending'), ('approved', 'Approved'), ('rejected', 'Rejected'), ('superseded', 'Superseded')], default='pending', max_length=16)),
                ('current_level', models.PositiveSmallIntegerField(default=0)),
                ('level_count', models.PositiveSmallIntegerField(default=0)),
                ('fingerprint', models.CharField(max_length=64)),
                ('snapshot', models.JSONField(encoder=django.core.serializers.json.DjangoJSONEncoder)),
                ('currency', models.CharField(max_length=3)),
                ('total_net_amount', models.DecimalField(decimal_places=3, max_digits=20)),
                ('total_gross_amount', models.DecimalField(decimal_places=3, max_digits=20)),
                ('validity_hours', models.PositiveIntegerField()),
                ('requested_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now)),
                ('decided_at', models.DateTimeField(blank=True, null=True)),
                ('expires_at', models.DateTimeField()),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('channel', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='channel.channel')),
                ('group', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='checkout_approvals', to='saleor_b2b_groups.customergroup')),
                ('requested_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='checkout_approval_requests', to='account.user')),
            ],
            options={
                'ordering': ('-requested_at', '-pk'),
            },
        ),
        migrations.CreateModel(
            name='CheckoutApprovalDecision',
            fields=[
                ('id', models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('level', models.PositiveSmallIntegerField()),
                ('decision', models.CharField(choices=[('approved', 'Approved'), ('rejected', 'Rejected')], max_length=16)),
                ('app_id', models.PositiveIntegerField(blank=True, null=True)),
                ('actor_email', models.CharField(blank=True, default='', max_length=254)),
                ('actor_name', models.CharField(blank=True, default='', max_length=255)),
                ('as_staff', models.BooleanField(default=False)),
                ('comment', models.TextField(blank=True, default='')),
                ('fingerprint', models.CharField(max_length=64)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('approval', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='decisions', to='saleor_b2b_groups.checkoutapproval')),
                ('user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='account.user')),
            ],
            options={
                'ordering': ('approval', 'level'),
            },
        ),
        migrations.CreateModel(
            name='CheckoutApprovalLevel',
            fields=[
                ('id', models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('index', models.PositiveSmallIntegerField()),
                ('role', models.CharField(choices=[('buyer', 'Buyer'), ('approver', 'Approver'), ('manager', 'Manager')], max_length=32)),
                ('levels_up', models.PositiveSmallIntegerField(default=0)),
                ('reasons', models.JSONField(default=list)),
                ('approval', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='levels', to='saleor_b2b_groups.checkoutapproval')),
                ('group', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='saleor_b2b_groups.customergroup')),
            ],
            options={
                'ordering': ('approval', 'index'),
            },
        ),
        migrations.AddIndex(
            model_name='checkoutapproval',
            index=models.Index(fields=['status', 'expires_at'], name='checkoutapproval_status_idx'),
        ),
        migrations.AddIndex(
            model_name='checkoutapproval',
            index=models.Index(fields=['requested_by', 'requested_at'], name='checkoutapproval_buyer_idx'),
        ),
        migrations.AddConstraint(
            model_name='checkoutapproval',
            constraint=models.UniqueConstraint(condition=models.Q(('status__in', ['pending', 'approved'])), fields=('checkout_token',), name='checkoutapproval_one_open_request'),
        ),
        migrations.AddConstraint(
            model_name='checkoutapprovaldecision',
            constraint=models.UniqueConstraint(fields=('approval', 'level'), name='checkoutapprovaldecision_unique'),
        ),
        migrations.AddIndex(
            model_name='checkoutapprovallevel',
            index=models.Index(fields=['group', 'role'], name='checkoutapprovallevel_group'),
        ),
        migrations.AddConstraint(
            model_name='checkoutapprovallevel',
            constraint=models.UniqueConstraint(fields=('approval', 'index'), name='checkoutapprovallevel_unique'),
        ),
    ]
