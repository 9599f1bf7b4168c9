"""The Saleor every test runs against (tests/environment.py), this suite and Saleor's.

scripts/saleor-tests runs Saleor's own tests in the same environment, so these are
its guarantees too: the plugin is in every plugin list a test sets, and active.
"""

from django.conf import settings
from django.test import override_settings
from saleor.plugins.manager import get_plugins_manager

from saleor_b2b_groups import PLUGIN_ID
from tests.environment import B2B_PLUGIN_PATH

WEBHOOK_PLUGIN = "saleor.plugins.webhook.plugin.WebhookPlugin"


def test_plugin_is_installed_and_active_by_default(db):
    # when
    plugin = get_plugins_manager(allow_replica=False).get_plugin(PLUGIN_ID)

    # then
    assert B2B_PLUGIN_PATH in settings.PLUGINS
    assert plugin is not None
    assert plugin.active is True


def test_a_test_setting_its_own_plugins_keeps_this_one(settings):
    # when: as Saleor's tests do
    settings.PLUGINS = [WEBHOOK_PLUGIN]

    # then
    assert settings.PLUGINS == [WEBHOOK_PLUGIN, B2B_PLUGIN_PATH]


@override_settings(PLUGINS=[WEBHOOK_PLUGIN])
def test_override_settings_keeps_this_plugin_too(db):
    # when
    manager = get_plugins_manager(allow_replica=False)

    # then
    assert settings.PLUGINS == [WEBHOOK_PLUGIN, B2B_PLUGIN_PATH]
    assert manager.get_plugin(PLUGIN_ID).active is True


def test_plugin_inactive_switches_it_off(plugin_inactive):
    # when
    plugin = get_plugins_manager(allow_replica=False).get_plugin(PLUGIN_ID)

    # then
    assert plugin is not None
    assert plugin.active is False
