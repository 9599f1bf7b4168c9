from saleor.plugins.base_plugin import BasePlugin

from . import PLUGIN_ID


class CustomerGroupsPlugin(BasePlugin):
    """Switches saleor-b2b-groups on and off, globally.

    Inactive (the default until an admin activates it with ``pluginUpdate``), every
    Saleor behaviour is unchanged: the added GraphQL fields answer as for a customer
    in no group, and the added mutations refuse with ``PLUGIN_INACTIVE``.
    """

    PLUGIN_ID = PLUGIN_ID
    PLUGIN_NAME = "B2B customer groups"
    PLUGIN_DESCRIPTION = (
        "Customer group hierarchy, group pricing, catalog visibility and checkout "
        "approvals for B2B buyers."
    )
    CONFIGURATION_PER_CHANNEL = False
    DEFAULT_ACTIVE = False
    DEFAULT_CONFIGURATION: list[dict] = []
    CONFIG_STRUCTURE: dict = {}
