"""Whether the plugin is switched on, in Saleor's own terms.

The plugin is switched on and off through Saleor's ``pluginUpdate`` mutation, which
stores a global ``PluginConfiguration`` row. Every feature asks here, through the
request's plugin manager, so that "inactive" means vanilla Saleor everywhere.
"""

from saleor.plugins.manager import PluginsManager

from . import PLUGIN_ID


def is_plugin_active(manager: PluginsManager) -> bool:
    plugin = manager.get_plugin(PLUGIN_ID)
    return bool(plugin and plugin.active)
