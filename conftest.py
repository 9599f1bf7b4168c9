"""Top-level pytest configuration: Saleor's own fixtures, with this plugin active.

Mirrors Saleor's root ``conftest.py`` (which is not part of its package), then adds:
the plugin in ``settings.PLUGINS`` and active in every test unless the test switches
it off, and a test database copied from a migrated Saleor template (tests/database.py).
"""

import django.test
import pytest
from django.conf import settings
from django.test.utils import setup_databases
from saleor.tests.utils import prepare_test_db_connections

from saleor_b2b_groups.plugin import CustomerGroupsPlugin
from tests.database import create_test_database_from_template, drop_test_database

TEST_DATABASES = {
    settings.DATABASE_CONNECTION_DEFAULT_NAME,
    settings.DATABASE_CONNECTION_REPLICA_NAME,
}
django.test.TransactionTestCase.databases = TEST_DATABASES
django.test.TestCase.databases = TEST_DATABASES

prepare_test_db_connections()

pytest_plugins = [
    "saleor.tests.fixtures",
    "saleor.app.tests.fixtures",
    "saleor.plugins.tests.fixtures",
    "saleor.graphql.tests.fixtures",
    "saleor.webhook.tests.fixtures",
    "saleor.tax.tests.fixtures",
    "saleor.channel.tests.fixtures",
    "saleor.page.tests.fixtures",
    "saleor.menu.tests.fixtures",
    "saleor.warehouse.tests.fixtures",
    "saleor.thumbnail.tests.fixtures",
    "saleor.order.tests.fixtures",
    "saleor.product.tests.fixtures",
    "saleor.site.tests.fixtures",
    "saleor.shipping.tests.fixtures",
    "saleor.permission.tests.fixtures",
    "saleor.giftcard.tests.fixtures",
    "saleor.discount.tests.fixtures",
    "saleor.checkout.tests.fixtures",
    "saleor.attribute.tests.fixtures",
    "saleor.account.tests.fixtures",
    "saleor.graphql.account.tests.fixtures",
    "saleor.payment.tests.fixtures",
    "saleor.webhook.tests.circuit_breaker.fixtures",
    "tests.fixtures",
]

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


@pytest.fixture(autouse=True)
def setup_dummy_gateways(settings):
    """Saleor's fixture of the same name, plus this plugin."""
    settings.PLUGINS = [
        "saleor.payment.gateways.dummy.plugin.DeprecatedDummyGatewayPlugin",
        "saleor.payment.gateways.dummy_credit_card.plugin.DeprecatedDummyCreditCardGatewayPlugin",
        B2B_PLUGIN_PATH,
    ]
    return settings


@pytest.fixture(autouse=True)
def _b2b_plugin_active_by_default(monkeypatch):
    """The plugin is active in every test unless the test deactivates it.

    Deactivation goes through Saleor's own ``pluginUpdate`` (see ``plugin_inactive``),
    which writes the configuration row that takes precedence over this default.
    """
    monkeypatch.setattr(CustomerGroupsPlugin, "DEFAULT_ACTIVE", True)


@pytest.fixture(autouse=True)
def _warm_storefront_traffic_cache(db):
    """Saleor's ``saleor/graphql/conftest.py`` fixture: keep query counts stable."""
    from django.contrib.sites.models import Site
    from saleor.graphql.storefront_traffic import set_allow_storefront_traffic_cache

    Site.objects.get_current()
    set_allow_storefront_traffic_cache(True)
