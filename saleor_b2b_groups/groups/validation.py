"""What a group's fields accept: one check per field for every way in.

``customerGroupCreate``/``Update`` and the bulk rows (API and ``b2b_import``) ask
here, and map a ``GroupFieldError`` to their own error type and code.
"""

from typing import Any

from .terms import TERMS


class GroupFieldError(ValueError):
    """``field``: the input field, snake case; ``required``: missing, not wrong."""

    def __init__(self, field: str, message: str, *, required: bool = False) -> None:
        super().__init__(message)
        self.field, self.required = field, required


def clean_name(name: str | None) -> str:
    name = (name or "").strip()
    if not name:
        raise GroupFieldError("name", "A group needs a name.", required=True)
    return name


def clean_terms(values: dict[str, Any]) -> tuple[dict[str, Any], list[GroupFieldError]]:
    """The inherited terms among ``values``, checked (None: inherit)."""
    cleaned: dict[str, Any] = {}
    problems = []
    for name, term in TERMS.items():
        if name not in values:
            continue
        value = values[name]
        if value is not None and term.clean is not None:
            try:
                value = term.clean(value)
            except ValueError as e:
                problems.append(GroupFieldError(name, str(e)))
        cleaned[name] = value
    return cleaned, problems
