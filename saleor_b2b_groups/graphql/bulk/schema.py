"""The ERP's bulk upserts, keyed by external reference (``docs/erp/bulk-api.md``)."""

import graphene

from .groups import CustomerGroupBulkUpsert
from .memberships import CustomerGroupMembershipBulkUpsert
from .price_lists import PriceListBulkUpsert


class BulkMutations(graphene.ObjectType):
    customer_group_bulk_upsert = CustomerGroupBulkUpsert.Field()
    customer_group_membership_bulk_upsert = CustomerGroupMembershipBulkUpsert.Field()
    price_list_bulk_upsert = PriceListBulkUpsert.Field()
