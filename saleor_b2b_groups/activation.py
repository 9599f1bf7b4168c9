"""Whether the plugin is switched on, in Saleor's own terms.

The plugin is switched on and off through Saleor's ``pluginUpdate`` mutation, which
stores a global ``PluginConfiguration`` row; without a row the plugin's
``DEFAULT_ACTIVE`` applies, exactly as in Saleor's plugin manager. Every feature asks
here, so that "inactive" means vanilla Saleor everywhere.
"""

from saleor.plugins.manager import PluginsManager
from saleor.plugins.models import PluginConfiguration

from . import PLUGIN_ID


def is_plugin_active(manager: PluginsManager) -> bool:
    """Ask a plugin manager that is already at hand (mutations, hooks)."""
    plugin = manager.get_plugin(PLUGIN_ID)
    return bool(plugin and plugin.active)


def is_plugin_active_in_database(database: str = "default") -> bool:
    """One query, no plugin manager: for read paths that have none loaded."""
    from .plugin import CustomerGroupsPlugin

    row = (
        PluginConfiguration.objects.using(database)
        .filter(identifier=PLUGIN_ID, channel__isnull=True)
        .values_list("active", flat=True)
        .first()
    )
    if row is None:
        return CustomerGroupsPlugin.get_default_active()
    return row
