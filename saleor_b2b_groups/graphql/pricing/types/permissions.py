"""Who manages price lists: whoever manages Saleor's promotions and vouchers."""

from saleor.core.exceptions import PermissionDenied
from saleor.graphql.core import ResolveInfo
from saleor.permission.enums import DiscountPermissions
from saleor.permission.utils import one_of_permissions_or_auth_filter_required

#: Price lists are negotiated discounts: managed by whoever manages Saleor's
#: promotions and vouchers.
ADMIN_PERMISSIONS = [DiscountPermissions.MANAGE_DISCOUNTS]


def manage_price_lists_permissions(_info: ResolveInfo, _object_pk) -> list:
    """For Saleor's metadata mutations on a price list."""
    return list(ADMIN_PERMISSIONS)


def check_can_manage_price_lists(info: ResolveInfo) -> None:
    if not one_of_permissions_or_auth_filter_required(info.context, ADMIN_PERMISSIONS):
        raise PermissionDenied(permissions=ADMIN_PERMISSIONS)
