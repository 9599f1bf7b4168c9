"""The price list's own fields, as create and update take them."""

from collections import defaultdict

import graphene
from django.core.exceptions import ValidationError
from django.utils.text import slugify
from saleor.channel.models import Channel
from saleor.core.utils.metadata_manager import (
    MetadataEmptyKeyError,
    MetadataType,
    create_from_graphql_input,
    store_on_instance,
)
from saleor.graphql.core.doc_category import DOC_CATEGORY_DISCOUNTS
from saleor.graphql.core.scalars import DateTime
from saleor.graphql.core.types import BaseInputObjectType, NonNullList
from saleor.graphql.meta.inputs import MetadataInput

from .... import ids
from ....pricing.bulk.base import MAX_REFERENCE_LENGTH
from ....pricing.error_codes import PriceListErrorCode as Code
from ....pricing.models import PriceList
from ....validation import slug_problem
from .base import error

NAME_LENGTH = PriceList._meta.get_field("name").max_length or 250
SLUG_LENGTH = PriceList._meta.get_field("slug").max_length or 255


class PriceListInput(BaseInputObjectType):
    name = graphene.String(description="Name of the price list.")
    slug = graphene.String(description="Slug; from the name when omitted.")
    currency = graphene.String(
        description=(
            "Optional check: when given, must be the channel's currency (a list's "
            "currency is always its channel's)."
        )
    )
    is_active = graphene.Boolean(description="An inactive list offers no price.")
    valid_from = DateTime(description="No price before this time; null: no limit.")
    valid_to = DateTime(description="No price from this time on; null: no limit.")
    cap_at_channel_price = graphene.Boolean(
        description="Never charge more than the channel price."
    )
    external_reference = graphene.String(description="The list's key in the ERP.")
    metadata = NonNullList(MetadataInput, description="Public metadata to set.")
    private_metadata = NonNullList(
        MetadataInput, description="Private metadata to set."
    )

    class Meta:
        doc_category = DOC_CATEGORY_DISCOUNTS


class PriceListCreateInput(PriceListInput):
    name = graphene.String(description="Name of the price list.", required=True)
    channel = graphene.ID(
        required=True,
        description="The channel whose prices it replaces; a list stays in it.",
    )

    class Meta:
        doc_category = DOC_CATEGORY_DISCOUNTS


def clean_price_list_input(instance: PriceList, data: dict) -> dict:
    """Validate create/update input; every error at once, field by field."""
    errors: defaultdict[str, list[ValidationError]] = defaultdict(list)
    cleaned: dict = {}
    creating = instance.pk is None

    if creating:
        cleaned["channel"] = _clean_channel(data.get("channel"), errors)
    channel = cleaned.get("channel") or getattr(instance, "channel", None)
    if "name" in data or creating:
        cleaned["name"] = (data.get("name") or "").strip()
        if not cleaned["name"]:
            errors["name"].append(error("A price list needs a name.", Code.REQUIRED))
        elif len(cleaned["name"]) > NAME_LENGTH:
            message = f"At most {NAME_LENGTH} characters."
            errors["name"].append(error(message, Code.INVALID))
    if "slug" in data or creating:
        _clean_slug(instance, data, cleaned, errors)
    currency = instance.currency or (channel.currency_code if channel else None)
    if currency is not None:
        cleaned["currency"] = currency
        if data.get("currency") is not None and data["currency"] != currency:
            errors["currency"].append(
                error(
                    f"The price list is in {currency}, its channel's currency; "
                    f"not {data['currency']}.",
                    Code.INVALID_CURRENCY,
                )
            )
    for flag in ("is_active", "cap_at_channel_price"):
        if flag in data:
            if data[flag] is None:
                errors[flag].append(error("Cannot be null.", Code.REQUIRED))
            cleaned[flag] = data[flag]
    for bound in ("valid_from", "valid_to"):
        if bound in data:
            cleaned[bound] = data[bound]
    valid_from = cleaned.get("valid_from", instance.valid_from)
    valid_to = cleaned.get("valid_to", instance.valid_to)
    if valid_from and valid_to and valid_to <= valid_from:
        errors["valid_to"].append(
            error("validTo must be after validFrom.", Code.INVALID)
        )
    if "external_reference" in data:
        _clean_reference(instance, data, cleaned, errors)
    for field in ("metadata", "private_metadata"):
        if data.get(field):
            try:
                cleaned[field] = create_from_graphql_input(data[field])
            except MetadataEmptyKeyError:
                errors[field].append(
                    error("Metadata key cannot be empty.", Code.REQUIRED)
                )
    if errors:
        raise ValidationError(errors)
    return cleaned


def _clean_channel(global_id, errors) -> Channel | None:
    try:
        pk = ids.pk_of(global_id or "", "Channel")
    except ValueError as e:
        errors["channel"].append(error(str(e), Code.GRAPHQL_ERROR))
        return None
    channel = Channel.objects.filter(pk=pk).first()
    if channel is None:
        errors["channel"].append(error("Channel not found.", Code.NOT_FOUND))
    return channel


def _clean_slug(instance: PriceList, data: dict, cleaned: dict, errors) -> None:
    slug = (data.get("slug") or "").strip()
    derived = not slug and instance.pk is None
    if derived:
        slug = slugify(cleaned.get("name", ""), allow_unicode=True)
    if derived and "name" in errors:
        return  # the name's error says it all
    if not slug:
        errors["slug"].append(error("The slug cannot be blank.", Code.REQUIRED))
    elif problem := slug_problem(slug):
        errors["slug"].append(error(problem, Code.INVALID))
    elif len(slug) > SLUG_LENGTH:
        message = f"At most {SLUG_LENGTH} characters."
        errors["slug"].append(error(message, Code.INVALID))
    elif PriceList.objects.filter(slug=slug).exclude(pk=instance.pk).exists():
        errors["slug"].append(error(f"Slug '{slug}' is taken.", Code.UNIQUE))
    cleaned["slug"] = slug


def _clean_reference(instance: PriceList, data: dict, cleaned: dict, errors) -> None:
    reference = (data["external_reference"] or "").strip() or None
    if reference and len(reference) > MAX_REFERENCE_LENGTH:
        errors["external_reference"].append(
            error(f"At most {MAX_REFERENCE_LENGTH} characters.", Code.INVALID)
        )
    elif (
        reference
        and PriceList.objects.filter(external_reference=reference)
        .exclude(pk=instance.pk)
        .exists()
    ):
        errors["external_reference"].append(
            error(f"External reference '{reference}' is taken.", Code.UNIQUE)
        )
    cleaned["external_reference"] = reference


def apply_price_list_input(price_list: PriceList, cleaned: dict) -> set[str]:
    """Set the cleaned values; the fields that differ from what was stored (every
    field given, for a new list)."""
    creating = price_list.pk is None
    changed: set[str] = set()
    for field, value in cleaned.items():
        if field in ("metadata", "private_metadata"):
            kind = MetadataType.PUBLIC if field == "metadata" else MetadataType.PRIVATE
            before = dict(getattr(price_list, field))
            store_on_instance(value, price_list, kind)
            if creating or getattr(price_list, field) != before:
                changed.add(field)
        elif field == "channel":
            price_list.channel = value
            changed.add(field)
        else:
            if creating or getattr(price_list, field) != value:
                changed.add(field)
            setattr(price_list, field, value)
    return changed
