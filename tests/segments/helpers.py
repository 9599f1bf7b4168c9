"""Customers, addresses and orders for segment tests, made directly in the DB."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone
from saleor.account.models import Address, User
from saleor.order import OrderStatus
from saleor.order.models import Order, OrderLine


def make_customer(email: str, **fields) -> User:
    return User.objects.create(email=email, is_active=True, **fields)


def set_address(user: User, kind: str, country: str, postal_code: str = "") -> Address:
    address = Address.objects.create(
        first_name="A",
        last_name="B",
        street_address_1="Street 1",
        city="City",
        country=country,
        postal_code=postal_code,
    )
    setattr(user, f"default_{kind}_address", address)
    user.save(update_fields=[f"default_{kind}_address"])
    return address


def place_order(
    user: User,
    channel,
    total: Decimal | str | int,
    *,
    days_ago: float = 1,
    status: str = OrderStatus.UNFULFILLED,
    variant=None,
    now=None,
) -> Order:
    order = Order.objects.create(
        user=user,
        user_email=user.email,
        channel=channel,
        currency=channel.currency_code,
        status=status,
        total_gross_amount=Decimal(total),
        total_net_amount=Decimal(total),
        lines_count=1 if variant else 0,
    )
    created_at = (now or timezone.now()) - timedelta(days=days_ago)
    Order.objects.filter(pk=order.pk).update(created_at=created_at)
    order.created_at = created_at
    if variant is not None:
        OrderLine.objects.create(
            order=order,
            variant=variant,
            product_name=variant.product.name,
            product_sku=variant.sku,
            is_shipping_required=False,
            is_gift_card=False,
            quantity=1,
            currency=order.currency,
            unit_price_net_amount=Decimal(total),
            unit_price_gross_amount=Decimal(total),
            total_price_net_amount=Decimal(total),
            total_price_gross_amount=Decimal(total),
            undiscounted_unit_price_net_amount=Decimal(total),
            undiscounted_unit_price_gross_amount=Decimal(total),
            undiscounted_total_price_net_amount=Decimal(total),
            undiscounted_total_price_gross_amount=Decimal(total),
        )
    return order
