"""The B2B demo: what ``scripts/demo`` loads on top of Saleor's ``populatedb``.

The demo is a list of per-concept loader modules (``LOADERS``), each one a module
with three names:

- ``load(log: Callable[[str], None]) -> None`` creates what is missing and leaves
  what exists alone, so that loading twice is loading once;
- ``is_loaded() -> bool`` says whether ``load`` has nothing left to do;
- ``LOGINS: list[tuple[str, str, str]]``: (email, password, what the user is).

Each issue that adds a feature adds or extends a loader, so that the demo shows it.
This module runs them in order, in one transaction, after activating the plugin the
way Saleor's ``pluginUpdate`` does; ``manage.py b2b_demo`` is its command line.
Loaders may use the helpers below (``get_or_create_customer``) and must import this
package lazily, inside functions, or not at all: ``LOADERS`` holds dotted paths so
that a loader importing from here causes no import cycle.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from importlib import import_module
from types import ModuleType
from typing import TYPE_CHECKING, Protocol, cast

from .. import PLUGIN_ID

if TYPE_CHECKING:
    from saleor.account.models import User

#: Loader modules, in loading order (a later loader may rely on an earlier one).
LOADERS: list[str] = [
    "saleor_b2b_groups.demo.groups",
    "saleor_b2b_groups.demo.pricing",
    "saleor_b2b_groups.demo.visibility",
    "saleor_b2b_groups.demo.approvals",
    "saleor_b2b_groups.demo.quantities",
    "saleor_b2b_groups.demo.selfservice",
    "saleor_b2b_groups.demo.credit",
    "saleor_b2b_groups.demo.segments",
]

#: Password of every B2B demo user (Saleor's populatedb uses "password" for its own).
DEMO_PASSWORD = "password"

#: Saleor's populatedb superuser (``populatedb --createsuperuser``).
ADMIN_LOGIN = (
    "admin@example.com",
    "admin",
    "staff superuser (Saleor's populatedb): every permission, the admin queries",
)

#: The channel whose products the demo and its example queries use.
DEFAULT_CHANNEL = "default-channel"

#: Serialises concurrent loads of the same database (pg_advisory_xact_lock key).
_LOAD_LOCK_ID = 0x5A1E0D30

Log = Callable[[str], None]


class Loader(Protocol):
    """What a loader module provides (checked when it is imported)."""

    LOGINS: list[tuple[str, str, str]]

    def load(self, log: Log) -> None: ...

    def is_loaded(self) -> bool: ...


def loaders() -> list[tuple[str, Loader]]:
    """The loader modules, imported, as (short name, module)."""
    result = []
    for path in LOADERS:
        module = import_module(path)
        _check_loader(module)
        result.append((path.rsplit(".", 1)[-1], cast(Loader, module)))
    return result


def _check_loader(module: ModuleType) -> None:
    missing = [
        name
        for name, is_valid in [
            ("load", callable(getattr(module, "load", None))),
            ("is_loaded", callable(getattr(module, "is_loaded", None))),
            ("LOGINS", isinstance(getattr(module, "LOGINS", None), list)),
        ]
        if not is_valid
    ]
    if missing:
        raise TypeError(
            f"Demo loader {module.__name__} lacks {', '.join(missing)}; "
            f"see saleor_b2b_groups/demo/__init__.py for what a loader provides."
        )


def catalog_loaded() -> bool:
    """Whether Saleor's ``populatedb --createsuperuser`` has run to its end.

    Checks the first things it creates (the default channel with listed products)
    and the last (the superuser, then the "Customer Support" permission group).
    """
    from saleor.account.models import Group, User
    from saleor.product.models import ProductChannelListing

    return (
        ProductChannelListing.objects.filter(channel__slug=DEFAULT_CHANNEL).exists()
        and User.objects.filter(email=ADMIN_LOGIN[0], is_superuser=True).exists()
        and Group.objects.filter(name="Customer Support").exists()
    )


def plugin_active() -> bool:
    """Whether the global configuration row says the plugin is active."""
    from saleor.plugins.models import PluginConfiguration

    return PluginConfiguration.objects.filter(
        identifier=PLUGIN_ID, channel__isnull=True, active=True
    ).exists()


def activate_plugin() -> None:
    """Activate the plugin exactly as ``pluginUpdate(id, input: {active: true})``."""
    from saleor.plugins.manager import get_plugins_manager

    manager = get_plugins_manager(allow_replica=False)
    if manager.get_plugin(PLUGIN_ID) is None:
        raise RuntimeError(
            f"Plugin {PLUGIN_ID} is not in settings.PLUGINS: reinstall the package "
            "(scripts/setup) so that its saleor.plugins entry point is registered."
        )
    manager.save_plugin_configuration(PLUGIN_ID, None, {"active": True})


def status() -> list[tuple[str, bool]]:
    """Each part of the demo and whether it is loaded, in loading order."""
    parts = [
        ("Saleor's demo catalog (populatedb)", catalog_loaded()),
        ("plugin active", plugin_active()),
    ]
    parts += [(f"loader {name}", loader.is_loaded()) for name, loader in loaders()]
    return parts


def is_loaded() -> bool:
    """Whether the whole demo, Saleor's catalog included, is in the database."""
    return all(loaded for _, loaded in status())


def load(log: Log = print) -> None:
    """Activate the plugin and run every loader, all or nothing.

    Saleor's catalog is not loaded here (``populatedb`` is its own command); the
    loaders may rely on it.
    """
    from django.db import connection, transaction

    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOAD_LOCK_ID])
        if not plugin_active():
            log(f"Activating the plugin ({PLUGIN_ID})")
            activate_plugin()
        for name, loader in loaders():
            if loader.is_loaded():
                log(f"{name}: already loaded")
                continue
            started = time.monotonic()
            log(f"{name}: loading")
            loader.load(log)
            log(f"{name}: loaded in {time.monotonic() - started:.1f} s")


def logins() -> list[tuple[str, str, str]]:
    """Every demo login: (email, password, what the user is), admin first."""
    result = [ADMIN_LOGIN]
    for _, loader in loaders():
        result += loader.LOGINS
    return result


def get_or_create_customer(
    email: str,
    *,
    first_name: str = "",
    last_name: str = "",
    password: str = DEMO_PASSWORD,
) -> User:
    """A confirmed, active customer who can log in with ``tokenCreate``.

    An existing user is returned unchanged: the demo never resets what a person
    changed while trying it out.
    """
    from saleor.account.models import User
    from saleor.account.search import update_user_search_vector
    from saleor.account.utils import get_default_customer_type

    user = User.objects.filter(email=email).first()
    if user is not None:
        return user
    user = User(
        email=email,
        first_name=first_name,
        last_name=last_name,
        is_active=True,
        is_confirmed=True,
        customer_type=get_default_customer_type(),
    )
    user.set_password(password)
    user.save()
    update_user_search_vector(user, attach_addresses_data=False)
    return user
