"""B2B customer groups for Saleor 3.23.

Installing the package registers it through Saleor's ``saleor.plugins`` entry point:
Saleor's settings then add it to ``INSTALLED_APPS`` (models, migrations, Celery tasks)
and to ``PLUGINS`` (activation through ``pluginUpdate``).
"""

__version__ = "0.1.0"

#: Stable identifier of the plugin in Saleor's ``PluginConfiguration`` table.
PLUGIN_ID = "saleor.b2b_groups"

#: The plugin's class as Saleor's ``PLUGINS`` setting names it.
PLUGIN_PATH = "saleor_b2b_groups.plugin.CustomerGroupsPlugin"

#: The Saleor minor version this package is written and tested against.
SUPPORTED_SALEOR_SERIES = "3.23."
