"""Every argument of this package's queries and mutations, checked before them.

PostgreSQL refuses NUL characters in text and values longer than their column;
reaching it, they come back as a database error. So every string in the arguments
of this package's root fields is checked first, in one place: no NUL character,
and no longer than the column it is stored in or compared with (``MAX_LENGTHS`` by
input field name; ``DEFAULT_MAX_LENGTH`` for free text). A mutation answers with its
own payload and the code ``INVALID`` on the field; a query with a typed
``ValidationError``. Nothing has run, so nothing changed.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import ValidationError
from graphene.utils.str_converters import to_camel_case
from saleor.graphql.core.mutations import BaseMutation

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
    "channel": 255,
    "search": 250,
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


def guard_mutation(mutation: type[BaseMutation]) -> Callable[[Callable], Callable]:
    def wrap(resolve: Callable) -> Callable:
        @wraps(resolve)
        def resolve_checked(root, info, **kwargs):
            found = input_problem(kwargs)
            if found is None:
                return resolve(root, info, **kwargs)
            field, message = found
            error = ValidationError(message, code="invalid")
            return mutation.handle_errors(
                ValidationError({to_camel_case(field) or "input": error})
            )

        return resolve_checked

    return wrap


def guard_query(resolve: Callable) -> Callable:
    @wraps(resolve)
    def resolve_checked(root, info, **kwargs):
        found = input_problem(kwargs)
        if found is not None:
            field, message = found
            raise ValidationError({to_camel_case(field) or "input": message})
        return resolve(root, info, **kwargs)

    return resolve_checked
