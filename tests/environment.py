"""The Saleor every test runs against: this package installed, migrated and active.

A pytest plugin shared by this project's root ``conftest.py`` and by
``scripts/saleor-tests`` (Saleor's own test modules, see ``tests/saleor_suite.py``), so
that both run on the same Saleor: a test database copied from a migrated Saleor
template with this package's migrations on top (``tests/database.py``), the plugin in
``settings.PLUGINS`` of every test, and active unless a test switches it off.
"""

from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from django.test.signals import setting_changed
from django.test.utils import override_settings, setup_databases

from saleor_b2b_groups.plugin import CustomerGroupsPlugin
from tests.database import create_test_database_from_template, drop_test_database
from tests.saleor_suite import PLUGIN_INACTIVE_OPTION

B2B_PLUGIN_PATH = f"{CustomerGroupsPlugin.__module__}.{CustomerGroupsPlugin.__name__}"


@pytest.fixture(scope="session")
def django_db_setup(request, django_test_environment, django_db_blocker):
    capture = request.config.pluginmanager.getplugin("capturemanager")
    with django_db_blocker.unblock():
        with capture.global_and_fixture_disabled():  # show the template's progress
            name = create_test_database_from_template()
        # keepdb: the copy exists; Django then runs `migrate`, which applies this
        # package's migrations (and Saleor's post-migrate handlers) for real.
        setup_databases(verbosity=0, interactive=False, keepdb=True)
    yield
    with django_db_blocker.unblock():
        drop_test_database(name)


def _keep_plugin_installed(*, setting: str, value: Any, enter: bool, **_) -> None:
    """Add this plugin to every ``PLUGINS`` a test sets.

    Saleor's autouse ``setup_dummy_gateways`` sets ``PLUGINS`` for every test, and
    some tests set their own (``override_settings(PLUGINS=[WebhookPlugin])``); in a
    Saleor with this package installed the plugin is in every one of those lists.
    """
    if setting == "PLUGINS" and enter and B2B_PLUGIN_PATH not in value:
        settings.PLUGINS = [*value, B2B_PLUGIN_PATH]


@pytest.fixture(scope="session", autouse=True)
def _b2b_plugin_installed() -> Iterator[None]:
    """The plugin is in ``settings.PLUGINS`` from the start and stays in it."""
    setting_changed.connect(_keep_plugin_installed)
    installed = override_settings(PLUGINS=list(settings.PLUGINS))  # + this plugin
    installed.enable()
    yield
    installed.disable()
    setting_changed.disconnect(_keep_plugin_installed)


@pytest.fixture(autouse=True)
def _b2b_plugin_active_by_default(request, monkeypatch):
    """The plugin is active in every test unless the test deactivates it.

    Deactivation goes through Saleor's own ``pluginUpdate`` (see ``plugin_inactive``),
    which writes the configuration row that takes precedence over this default.
    ``scripts/saleor-tests --plugin-inactive`` keeps the default of a fresh install:
    installed, not activated.
    """
    if not request.config.getoption(PLUGIN_INACTIVE_OPTION, default=False):
        monkeypatch.setattr(CustomerGroupsPlugin, "DEFAULT_ACTIVE", True)
