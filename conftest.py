"""Top-level pytest configuration: Saleor's own fixtures, with this plugin active.

Mirrors Saleor's root ``conftest.py`` (which is not part of its package), then adds
this project's environment (tests/environment.py, shared with scripts/saleor-tests):
the plugin in ``settings.PLUGINS`` and active in every test unless the test switches
it off, and a test database copied from a migrated Saleor template (tests/database.py).
"""

import django.test
import pytest
from django.conf import settings
from saleor.tests.utils import prepare_test_db_connections

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
    "tests.environment",
]


@pytest.fixture(autouse=True)
def _warm_storefront_traffic_cache(db):
    """Saleor's ``saleor/graphql/conftest.py`` fixture: keep query counts stable."""
    from django.contrib.sites.models import Site
    from saleor.graphql.storefront_traffic import set_allow_storefront_traffic_cache

    Site.objects.get_current()
    set_allow_storefront_traffic_cache(True)
