"""Whether the plugin is switched on, in Saleor's own terms.

The plugin is switched on and off through Saleor's ``pluginUpdate`` mutation, which
stores a global ``PluginConfiguration`` row; without a row the plugin's
``DEFAULT_ACTIVE`` applies, exactly as in Saleor's plugin manager. Every feature asks
here, so that "inactive" means vanilla Saleor everywhere.
"""

from django.utils.module_loading import import_string
from saleor.plugins.manager import PluginsManager
from saleor.plugins.models import PluginConfiguration

from . import PLUGIN_ID, PLUGIN_PATH


def is_plugin_active(manager: PluginsManager) -> bool:
    """Ask a plugin manager that is already at hand (mutations, hooks)."""
    plugin = manager.get_plugin(PLUGIN_ID)
    return bool(plugin and plugin.active)


def default_active() -> bool:
    """Active without a configuration row? The plugin class decides.

    The class is found by its path, as Saleor's plugin manager finds it in
    ``settings.PLUGINS``: the plugin module imports every feature's hooks, and the
    features ask here, so importing it by name would make a cycle.
    """
    return import_string(PLUGIN_PATH).get_default_active()


def is_plugin_active_in_database(database: str = "default") -> bool:
    """One query, no plugin manager: for read paths that have none loaded."""
    row = (
        PluginConfiguration.objects.using(database)
        .filter(identifier=PLUGIN_ID, channel__isnull=True)
        .values_list("active", flat=True)
        .first()
    )
    if row is None:
        return default_active()
    return row
