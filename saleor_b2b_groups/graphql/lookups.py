"""Errors and look-ups every mutation of the package shares.

Each feature has its own error enum (``CustomerGroupErrorCode``,
``PriceListErrorCode``, ...); every one of them has ``GRAPHQL_ERROR`` (a malformed
argument) and ``NOT_FOUND``, so finding an object by global ID or by the ERP's
external reference is written once here and answers in the caller's enum.
"""

from enum import Enum

from django.core.exceptions import ValidationError
from django.db.models import Model

from .. import ids


def error(message: str, code: Enum, **params) -> ValidationError:
    """A field's error with the feature's code (``params``: extra error fields)."""
    return ValidationError(message, code=code.value, params=params or None)


def field_error(field: str, message: str, code: Enum, **params) -> ValidationError:
    return ValidationError({field: error(message, code, **params)})


def get_or_error[M: Model](
    model: type[M],
    codes: type[Enum],
    *,
    id: str | None = None,
    external_reference: str | None = None,
    id_arg: str = "id",
    ref_arg: str = "externalReference",
    lock: bool = False,
) -> M:
    """``model`` by global ID or by external reference: exactly one of them.

    ``id_arg``/``ref_arg``: the mutation's argument names, for the error and its
    message; ``lock``: ``SELECT ... FOR UPDATE`` of the row (one writer at a time).
    """
    if bool(id) == bool(external_reference):
        message = f"Give either '{id_arg}' or '{ref_arg}'."
        raise field_error(id_arg, message, codes["GRAPHQL_ERROR"])
    queryset = model._default_manager.all()
    if lock:
        queryset = queryset.select_for_update(of=("self",))
    if id:
        try:
            pk = ids.pk_of(id, model.__name__)
        except ids.InvalidId as e:
            raise field_error(id_arg, str(e), codes["GRAPHQL_ERROR"]) from e
        instance = queryset.filter(pk=pk).first()
    else:
        instance = queryset.filter(external_reference=external_reference).first()
    if instance is None:
        name = str(model._meta.verbose_name).capitalize()
        raise field_error(id_arg, f"{name} not found.", codes["NOT_FOUND"])
    return instance
