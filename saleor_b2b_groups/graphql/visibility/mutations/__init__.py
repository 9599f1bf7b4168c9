"""Admin mutations of catalog visibility: one module per mutation.

Every change is all or nothing and emits ``catalog_rules_changed`` to the ERP in
the same transaction (``visibility.services``); bad input is answered with
``CatalogVisibilityErrorCode``. Permissions: ``MANAGE_PRODUCTS`` (rules and group
catalog settings), ``MANAGE_CHANNELS`` (a channel's access policy).
"""

from .catalog_rules_delete import CustomerGroupCatalogRulesDelete
from .catalog_rules_set import CustomerGroupCatalogRulesSet
from .channel_access_update import ChannelAccessUpdate
from .group_catalog_update import CustomerGroupCatalogUpdate

__all__ = [
    "ChannelAccessUpdate",
    "CustomerGroupCatalogRulesDelete",
    "CustomerGroupCatalogRulesSet",
    "CustomerGroupCatalogUpdate",
]
