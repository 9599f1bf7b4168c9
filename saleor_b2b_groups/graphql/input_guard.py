"""Every argument of this package's queries and mutations, checked before them.

PostgreSQL refuses NUL characters in text and values longer than their column;
reaching it, they come back as a database error. So every string in the arguments
of this package's root fields is checked first, in one place: no NUL character,
and no longer than the column it is stored in or compared with (``MAX_LENGTHS`` by
input field name; ``DEFAULT_MAX_LENGTH`` for free text). A mutation answers with its
own payload and the code ``INVALID`` on the field; a query with a typed
``ValidationError``. Nothing has run, so nothing changed. The limits live in
``saleor_b2b_groups.validation``. The rows of the bulk upserts (groups,
memberships, price lists, entries, rules) are left to their own validation
(``groups.bulk``, ``pricing.bulk``), which refuses a bad row alone under
``errorPolicy: REJECT_FAILED_ROWS``.
"""

from collections.abc import Callable
from functools import wraps

from django.core.exceptions import ValidationError
from graphene.utils.str_converters import to_camel_case
from saleor.graphql.core.mutations import BaseMutation

from ..validation import input_problem

#: Bulk arguments whose rows are validated one by one by their domain.
ROWS_VALIDATED_BY_DOMAIN = {
    "customer_group_bulk_upsert": {"groups"},
    "customer_group_membership_bulk_upsert": {"memberships"},
    "price_list_bulk_upsert": {"price_lists"},
    "price_list_entries_bulk_upsert": {"entries"},
    "price_list_rules_bulk_upsert": {"rules"},
}


def guard_mutation(
    mutation: type[BaseMutation], rows: frozenset[str] = frozenset()
) -> Callable[[Callable], Callable]:
    def wrap(resolve: Callable) -> Callable:
        @wraps(resolve)
        def resolve_checked(root, info, **kwargs):
            checked = {k: v for k, v in kwargs.items() if k not in rows}
            found = input_problem(checked)
            if found is None:
                return resolve(root, info, **kwargs)
            field, message = found
            error = ValidationError(message, code="invalid")
            return mutation.handle_errors(
                ValidationError({to_camel_case(field) or "input": error})
            )

        return resolve_checked

    return wrap


#: Marks a query resolver that checks its arguments.
GUARDED = "__b2b_input_guarded__"


def guard_query(resolve: Callable) -> Callable:
    @wraps(resolve)
    def resolve_checked(root, info, **kwargs):
        found = input_problem(kwargs)
        if found is not None:
            field, message = found
            raise ValidationError({to_camel_case(field) or "input": message})
        return resolve(root, info, **kwargs)

    setattr(resolve_checked, GUARDED, True)
    return resolve_checked
