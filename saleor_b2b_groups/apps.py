from importlib import import_module

from django.apps import AppConfig
from django.core.exceptions import ImproperlyConfigured

from . import SUPPORTED_SALEOR_SERIES

#: Modules that register each feature's inherited terms with ``groups.terms``, in
#: the order of ``CustomerGroupTermEnum`` (after the groups package's own).
TERM_MODULES: list[str] = [
    "saleor_b2b_groups.pricing.terms",
    "saleor_b2b_groups.visibility.terms",
    "saleor_b2b_groups.approvals.terms",
    "saleor_b2b_groups.quantities.terms",
]

#: Modules that plug a feature into another's hook (imported once, at start-up).
HOOK_MODULES: list[str] = [
    "saleor_b2b_groups.quantities.hooks",
]


class B2BGroupsConfig(AppConfig):
    name = "saleor_b2b_groups"
    label = "saleor_b2b_groups"
    verbose_name = "B2B customer groups"
    default_auto_field = "django.db.models.AutoField"

    def ready(self) -> None:
        # Every patch of Saleor is installed from here and nowhere else, once, at
        # start-up (see patches.py); tests/contract/ checks them.
        import saleor

        from . import patches

        if not saleor.__version__.startswith(SUPPORTED_SALEOR_SERIES):
            raise ImproperlyConfigured(
                f"saleor-b2b-groups supports Saleor {SUPPORTED_SALEOR_SERIES}x, "
                f"found {saleor.__version__}. Install a matching release."
            )
        for module in [*TERM_MODULES, *HOOK_MODULES]:
            import_module(module)
        patches.install_all()
