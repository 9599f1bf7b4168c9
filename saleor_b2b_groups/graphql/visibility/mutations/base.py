"""What the visibility mutations share: ID parsing, the group, error mapping."""

from collections.abc import Sequence

import graphene
from django.core.exceptions import ValidationError
from saleor.graphql.core.doc_category import DOC_CATEGORY_PRODUCTS

from .... import ids
from ....groups.models import CustomerGroup
from ....visibility.error_codes import CatalogVisibilityErrorCode as Code
from ....visibility.services import CatalogInputError
from ...lookups import error, field_error, get_or_error
from ...mutation_base import FeatureMutation
from ..types import ADMIN_PERMISSIONS, CatalogVisibilityError


def decode(global_id: str, type_name: str, field: str) -> int:
    try:
        return ids.pk_of(global_id, type_name)
    except ids.InvalidId as e:
        raise field_error(field, str(e), Code.GRAPHQL_ERROR) from e


def get_group(id: str | None, external_reference: str | None) -> CustomerGroup:
    return get_or_error(
        CustomerGroup, Code, id=id, external_reference=external_reference
    )


def as_validation_error(
    e: CatalogInputError, global_ids: Sequence[str] = (), pks: Sequence[int] = ()
) -> ValidationError:
    """The service's refusal; unknown objects named by the IDs the caller gave."""
    message = str(e)
    if e.pks:
        by_pk = dict(zip(pks, global_ids, strict=True))
        named = ", ".join(by_pk.get(pk, str(pk)) for pk in e.pks)
        message = f"{message.rstrip('.')}: {named}."
    params = {"index": e.index} if e.index is not None else {}
    return ValidationError({e.field: error(message, e.code, **params)})


class GroupArguments:
    id = graphene.ID(description="ID of the customer group.")
    external_reference = graphene.String(
        description="External reference of the customer group."
    )


class CatalogVisibilityMutation(FeatureMutation):
    """What every visibility mutation shares (see ``FeatureMutation``)."""

    DEFAULTS = {
        "doc_category": DOC_CATEGORY_PRODUCTS,
        "permissions": tuple(ADMIN_PERMISSIONS),
        "error_type_class": CatalogVisibilityError,
    }

    class Meta:
        abstract = True
