"""Everything this package adds to Saleor's GraphQL schema, in one list per kind.

``schema_extension`` reads these lists when Saleor builds its schema.
"""

import graphene

from .groups.schema import CustomerGroupMutations, CustomerGroupQueries
from .groups.user_fields import UserCustomerGroups
from .schema_extension import TypeExtension
from .shop import ShopCustomerGroups

#: Root query mixins, added to Saleor's ``Query``.
QUERIES: list[type[graphene.ObjectType]] = [CustomerGroupQueries]
#: Root mutation mixins, added to Saleor's ``Mutation``.
MUTATIONS: list[type[graphene.ObjectType]] = [CustomerGroupMutations]
#: Fields added to Saleor's own types.
TYPE_EXTENSIONS: list[type[TypeExtension]] = [ShopCustomerGroups, UserCustomerGroups]
#: Types reachable only through interfaces or unions.
TYPES: list[type[graphene.ObjectType]] = []

#: A field whose presence on ``Shop`` proves the schema was extended.
SCHEMA_MARKER_FIELD = "customerGroupsEnabled"
