"""Visibility's inherited terms: the catalog mode and the allowed channels."""

from ..groups.terms import Term, register_term
from . import CatalogMode


def _clean_catalog_mode(value: str) -> str:
    allowed = [choice for choice, _label in CatalogMode.CHOICES]
    if value not in allowed:
        raise ValueError(f"Unknown catalog mode; use one of {allowed}.")
    return value


def _clean_allowed_channels(value: list[int]) -> list[int]:
    if not value:
        raise ValueError(
            "Allow at least one channel; null inherits the parent's channels."
        )
    return sorted(set(value))


CATALOG_MODE = register_term(
    Term(
        field="catalog_mode",
        default=CatalogMode.OPEN,
        description=(
            "What the group's members see where no catalog rule speaks: "
            "everything (open) or nothing (restricted)."
        ),
        clean=_clean_catalog_mode,
    )
)
ALLOWED_CHANNELS = register_term(
    Term(
        field="allowed_channels",
        default=None,
        description=(
            "The channels the group's members may see and buy in; null: every channel."
        ),
        clean=_clean_allowed_channels,
    )
)
