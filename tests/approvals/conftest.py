import pytest
from django.conf import settings
from django.contrib.sites.models import Site
from django.db import connections


@pytest.fixture
def concurrent_connections():
    """What threads with connections of their own need in a transactional test.

    Saleor reads through its replica alias, which the test setup mirrors to the
    test database on the main thread's connection only: point the alias's settings
    there too, for the connections other threads open. And a flushed database has
    new sites, so Django's cache of the current one is dropped.
    """
    Site.objects.clear_cache()
    replica = connections.settings[settings.DATABASE_CONNECTION_REPLICA_NAME]
    original = replica["NAME"]
    default = connections[settings.DATABASE_CONNECTION_DEFAULT_NAME]
    replica["NAME"] = default.settings_dict["NAME"]
    yield
    replica["NAME"] = original
    Site.objects.clear_cache()
