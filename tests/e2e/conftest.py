"""Fixtures the end-to-end tests share."""

from tests.e2e.test_demo import demo_database  # noqa: F401 (a database of its own)
