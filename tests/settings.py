"""Test settings: Saleor's own test settings, on the machine's PostgreSQL by default."""

import os

os.environ.setdefault(
    "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/saleor_b2b_groups"
)
os.environ.setdefault("SEND_USAGE_TELEMETRY", "False")
os.environ.setdefault("SECRET_KEY", "NOTREALLY")

from saleor.tests.settings import *  # noqa: F403

SEND_USAGE_TELEMETRY = False
