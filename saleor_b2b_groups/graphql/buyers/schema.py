import graphene

from .mutations.purchasing_group_select import PurchasingGroupSelect


class BuyerMutations(graphene.ObjectType):
    purchasing_group_select = PurchasingGroupSelect.Field()
