import graphene
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.connection import (
    create_connection_slice,
    filter_connection_queryset,
)
from saleor.graphql.core.context import get_database_connection_name
from saleor.graphql.core.doc_category import DOC_CATEGORY_DISCOUNTS
from saleor.graphql.core.fields import FilterConnectionField, PermissionsField
from saleor.graphql.core.utils import from_global_id_or_error
from saleor.graphql.core.validators import validate_one_of_args_is_in_query

from ...pricing.models import PriceList as PriceListModel
from ..core import ADDED_IN_B2B_01
from .filters import PriceListFilterInput
from .mutations.entries_bulk_delete import PriceListEntriesBulkDelete
from .mutations.entries_bulk_upsert import PriceListEntriesBulkUpsert
from .mutations.price_list_assign import CustomerGroupPriceListAssign
from .mutations.price_list_create import PriceListCreate
from .mutations.price_list_delete import PriceListDelete
from .mutations.price_list_unassign import CustomerGroupPriceListUnassign
from .mutations.price_list_update import PriceListUpdate
from .mutations.rules_bulk_delete import PriceListRulesBulkDelete
from .mutations.rules_bulk_upsert import PriceListRulesBulkUpsert
from .sorters import PriceListSortingInput
from .types import ADMIN_PERMISSIONS, PriceList, PriceListCountableConnection


class PriceListQueries(graphene.ObjectType):
    price_lists = FilterConnectionField(
        PriceListCountableConnection,
        filter=PriceListFilterInput(description="Filtering options."),
        sort_by=PriceListSortingInput(description="Sort price lists."),
        description="List of price lists." + ADDED_IN_B2B_01,
        permissions=ADMIN_PERMISSIONS,
        doc_category=DOC_CATEGORY_DISCOUNTS,
    )
    price_list = PermissionsField(
        PriceList,
        id=graphene.Argument(graphene.ID, description="ID of the price list."),
        slug=graphene.Argument(graphene.String, description="Slug of the list."),
        external_reference=graphene.Argument(
            graphene.String, description="External reference of the price list."
        ),
        description="Look up a price list by ID, slug or external reference."
        + ADDED_IN_B2B_01,
        permissions=ADMIN_PERMISSIONS,
        doc_category=DOC_CATEGORY_DISCOUNTS,
    )

    @staticmethod
    def resolve_price_lists(_root, info: ResolveInfo, **kwargs):
        qs = PriceListModel.objects.using(get_database_connection_name(info.context))
        qs = filter_connection_queryset(
            qs, kwargs, allow_replica=info.context.allow_replica
        )
        return create_connection_slice(qs, info, kwargs, PriceListCountableConnection)

    @staticmethod
    def resolve_price_list(
        _root, info: ResolveInfo, *, id=None, slug=None, external_reference=None
    ):
        validate_one_of_args_is_in_query(
            "id", id, "slug", slug, "external_reference", external_reference
        )
        qs = PriceListModel.objects.using(get_database_connection_name(info.context))
        if id:
            _, pk = from_global_id_or_error(id, "PriceList", raise_error=True)
            return qs.filter(pk=pk).first()
        if slug:
            return qs.filter(slug=slug).first()
        return qs.filter(external_reference=external_reference).first()


class PriceListMutations(graphene.ObjectType):
    price_list_create = PriceListCreate.Field()
    price_list_update = PriceListUpdate.Field()
    price_list_delete = PriceListDelete.Field()
    price_list_entries_bulk_upsert = PriceListEntriesBulkUpsert.Field()
    price_list_entries_bulk_delete = PriceListEntriesBulkDelete.Field()
    price_list_rules_bulk_upsert = PriceListRulesBulkUpsert.Field()
    price_list_rules_bulk_delete = PriceListRulesBulkDelete.Field()
    customer_group_price_list_assign = CustomerGroupPriceListAssign.Field()
    customer_group_price_list_unassign = CustomerGroupPriceListUnassign.Field()
