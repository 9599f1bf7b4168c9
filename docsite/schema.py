"""The GraphQL schema Saleor serves with this package installed, for the docs.

Django is set up with the tests' settings (Saleor's own test settings): building the
schema needs no database and no network, so the docs build offline.
"""

import os
import sys
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


@cache
def saleor_schema() -> Any:
    """Saleor's one schema (``saleor.graphql.api.schema``), extended by the package."""
    if str(ROOT) not in sys.path:  # the tests' settings live in the checkout
        sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    os.environ.setdefault("SEND_USAGE_TELEMETRY", "False")
    import django

    django.setup()
    from saleor.graphql.api import schema

    return schema
