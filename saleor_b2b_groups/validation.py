"""What PostgreSQL can store: no NUL character, no value longer than its column.

One place for these limits, used by every write path: the GraphQL guard in front of
every root field (``graphql.input_guard``) and the bulk rows of groups and
memberships (``groups.bulk``), so that a bad row of a bulk call is refused alone.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_unicode_slug

#: The longest value each input field may hold (the column it is stored in).
MAX_LENGTHS: dict[str, int] = {
    "name": 250,
    "slug": 255,
    "external_reference": 250,
    "group_external_reference": 250,
    "price_list_external_reference": 250,
    "parent_external_reference": 250,
    "user_external_reference": 250,
    "external_references": 250,
    "email": 254,
    "user_email": 254,
    "target_url": 2048,
    "secret_key": 255,
    "currency": 3,
    "variant_sku": 255,
    "variant_external_reference": 250,
    "channel": 255,
    "search": 250,
    "sku": 255,
}
#: Free text (descriptions, notes, comments, reasons).
DEFAULT_MAX_LENGTH = 10_000

NUL_MESSAGE = "NUL characters are not allowed."


def input_problem(value: Any, name: str = "") -> tuple[str, str] | None:
    """(field, message) for the first string that cannot be stored, or None."""
    if isinstance(value, str):
        if "\x00" in value:
            return name, NUL_MESSAGE
        limit = MAX_LENGTHS.get(name, DEFAULT_MAX_LENGTH)
        if len(value) > limit:
            return name, f"At most {limit} characters."
        return None
    if isinstance(value, dict):
        for key, item in value.items():
            if found := input_problem(item, key):
                return found
    elif isinstance(value, list | tuple):
        for item in value:
            if found := input_problem(item, name):
                return found
    return None


#: Why a slug is refused (as by Saleor's ``SlugField(allow_unicode=True)``).
SLUG_MESSAGE = (
    "Enter a valid slug: Unicode letters, numbers, underscores or hyphens "
    f"(at most {MAX_LENGTHS['slug']})."
)


def slug_problem(slug: str) -> str | None:
    """Why ``slug`` is not a slug, or None.

    Saleor validates the slugs it is given with its models' ``SlugField``
    (``allow_unicode=True``, run by ``full_clean``) and slugifies only the ones it
    makes up; so does this package. No spaces, slashes, markup or control
    characters (bidirectional overrides included).
    """
    try:
        validate_unicode_slug(slug)
    except ValidationError:
        return SLUG_MESSAGE
    if len(slug) > MAX_LENGTHS["slug"]:
        return SLUG_MESSAGE
    return None
