"""Admin mutations for catalog rules, group catalog settings and channel access.

Every change is all or nothing, emits ``catalog_rules_changed`` to the ERP in the
same transaction, and answers bad input with ``CatalogVisibilityErrorCode``.
Permissions: ``MANAGE_PRODUCTS`` (rules and group catalog settings),
``MANAGE_CHANNELS`` (a channel's access policy).
"""

from collections import defaultdict
from typing import Any

import graphene
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from saleor.channel.models import Channel
from saleor.graphql.channel.types import Channel as ChannelType
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.doc_category import DOC_CATEGORY_PRODUCTS
from saleor.graphql.core.mutations import BaseMutation
from saleor.graphql.core.types import BaseInputObjectType, NonNullList
from saleor.permission.enums import ChannelPermissions
from saleor.product.models import Category, Collection, Product

from ... import ids
from ...groups.models import CustomerGroup
from ...groups.terms import TERMS
from ...visibility import RuleScope
from ...visibility.error_codes import CatalogVisibilityErrorCode
from ...visibility.events import emit_channel_access_changed, emit_group_catalog_changed
from ...visibility.models import CatalogRule as CatalogRuleModel
from ...visibility.models import ChannelAccessPolicy
from ..core import ADDED_IN_B2B_01
from ..groups.types import CustomerGroup as CustomerGroupType
from .enums import CatalogModeEnum, CatalogRuleEffectEnum, ChannelAccessEnum
from .types import ADMIN_PERMISSIONS, CatalogRule, CatalogVisibilityError

Code = CatalogVisibilityErrorCode

#: Rules one call may set or delete.
MAX_RULES = 1000

TARGET_MODELS: dict[str, Any] = {
    RuleScope.PRODUCT: Product,
    RuleScope.CATEGORY: Category,
    RuleScope.COLLECTION: Collection,
}


def error(message: str, code: CatalogVisibilityErrorCode, **params) -> ValidationError:
    return ValidationError(message, code=code.value, params=params or None)


def decode(global_id: str, type_name: str, field: str) -> int:
    try:
        return ids.pk_of(global_id, type_name)
    except ids.InvalidId as e:
        raise ValidationError({field: error(str(e), Code.GRAPHQL_ERROR)}) from e


def get_group(id: str | None, external_reference: str | None) -> CustomerGroup:
    if bool(id) == bool(external_reference):
        raise ValidationError(
            {
                "id": error(
                    "Give either 'id' or 'externalReference'.", Code.GRAPHQL_ERROR
                )
            }
        )
    qs = CustomerGroup.objects.select_for_update(of=("self",))
    if id:
        group = qs.filter(pk=decode(id, "CustomerGroup", "id")).first()
    else:
        group = qs.filter(external_reference=external_reference).first()
    if group is None:
        raise ValidationError(
            {"id": error("Customer group not found.", Code.NOT_FOUND)}
        )
    return group


class GroupArguments:
    id = graphene.ID(description="ID of the customer group.")
    external_reference = graphene.String(
        description="External reference of the customer group."
    )


class CustomerGroupCatalogInput(BaseInputObjectType):
    catalog_mode = CatalogModeEnum(
        description="The group's own catalog mode; null inherits the parent's."
    )
    allowed_channels = NonNullList(
        graphene.ID,
        description=(
            "The channels the group's members may see and buy in; null inherits "
            "the parent's (at the root: every channel)."
        ),
    )

    class Meta:
        doc_category = DOC_CATEGORY_PRODUCTS


class CustomerGroupCatalogUpdate(BaseMutation):
    customer_group = graphene.Field(CustomerGroupType, description="The group.")

    class Arguments(GroupArguments):
        input = CustomerGroupCatalogInput(required=True, description="What to set.")

    class Meta:
        description = (
            "Sets a group's catalog mode and allowed channels (inherited by the "
            "groups below it)." + ADDED_IN_B2B_01
        )
        doc_category = DOC_CATEGORY_PRODUCTS
        permissions = tuple(ADMIN_PERMISSIONS)
        error_type_class = CatalogVisibilityError

    @classmethod
    def perform_mutation(  # type: ignore[override]
        cls, _root, info: ResolveInfo, /, *, input, id=None, external_reference=None
    ):
        with transaction.atomic():
            group = get_group(id, external_reference)
            update_fields = []
            if "catalog_mode" in input:
                group.catalog_mode = input["catalog_mode"]
                update_fields.append("catalog_mode")
            if "allowed_channels" in input:
                group.allowed_channels = cls.clean_channels(input["allowed_channels"])
                update_fields.append("allowed_channels")
            if update_fields:
                group.save(update_fields=[*update_fields, "updated_at"])
                emit_group_catalog_changed(group)
        return cls(customer_group=group)

    @staticmethod
    def clean_channels(global_ids: list[str] | None) -> list[int] | None:
        if global_ids is None:
            return None
        pks = [decode(gid, "Channel", "allowed_channels") for gid in global_ids]
        found = set(Channel.objects.filter(pk__in=pks).values_list("pk", flat=True))
        if missing := [
            gid for gid, pk in zip(global_ids, pks, strict=True) if pk not in found
        ]:
            raise ValidationError(
                {
                    "allowed_channels": error(
                        f"Channels not found: {', '.join(missing)}.", Code.NOT_FOUND
                    )
                }
            )
        term = TERMS["allowed_channels"]
        try:
            return term.clean(pks) if term.clean else pks
        except ValueError as e:
            raise ValidationError(
                {"allowed_channels": error(str(e), Code.REQUIRED)}
            ) from e


class CatalogRuleInput(BaseInputObjectType):
    effect = CatalogRuleEffectEnum(required=True, description="Include or exclude.")
    product = graphene.ID(description="A product.")
    category = graphene.ID(description="A category, with its subcategories.")
    collection = graphene.ID(description="A collection.")

    class Meta:
        description = "One rule: an effect on exactly one target."
        doc_category = DOC_CATEGORY_PRODUCTS


def _clean_rules(rules: list[dict]) -> list[tuple[str, str, int]]:
    """(effect, scope, target pk) per input rule; all errors at once, by index."""
    errors: list[ValidationError] = []
    cleaned: list[tuple[str, str, int] | None] = []
    wanted: dict[str, set[int]] = defaultdict(set)
    seen: set[tuple[str, int]] = set()
    for index, rule in enumerate(rules):
        targets = [scope for scope in RuleScope.PRECEDENCE if rule.get(scope)]
        if len(targets) != 1:
            errors.append(
                error(
                    "Give exactly one of product, category, collection.",
                    Code.REQUIRED,
                    index=index,
                )
            )
            cleaned.append(None)
            continue
        scope = targets[0]
        try:
            pk = decode(rule[scope], scope.title(), scope)
        except ValidationError as e:
            errors.append(
                error(
                    str(e.error_dict[scope][0].message), Code.GRAPHQL_ERROR, index=index
                )
            )
            cleaned.append(None)
            continue
        if (scope, pk) in seen:
            errors.append(
                error(f"The {scope} is listed twice.", Code.DUPLICATED, index=index)
            )
        seen.add((scope, pk))
        wanted[scope].add(pk)
        cleaned.append((rule["effect"], scope, pk))
    existing = {
        scope: set(
            TARGET_MODELS[scope].objects.filter(pk__in=pks).values_list("pk", flat=True)
        )
        for scope, pks in wanted.items()
    }
    for index, item in enumerate(cleaned):
        if item and item[2] not in existing[item[1]]:
            errors.append(
                error(f"The {item[1]} does not exist.", Code.NOT_FOUND, index=index)
            )
    if errors:
        raise ValidationError({"rules": errors})
    return [item for item in cleaned if item]


class CustomerGroupCatalogRulesSet(BaseMutation):
    customer_group = graphene.Field(CustomerGroupType, description="The group.")
    rules = NonNullList(CatalogRule, description="The rules set.")

    class Arguments(GroupArguments):
        rules = NonNullList(
            CatalogRuleInput,
            required=True,
            description=(
                f"Rules to set, at most {MAX_RULES}. A rule on a target the group "
                "already has a rule on replaces it."
            ),
        )

    class Meta:
        description = (
            "Includes or excludes products, categories and collections for a "
            "group's members (and those of the groups below it); all or nothing."
            + ADDED_IN_B2B_01
        )
        doc_category = DOC_CATEGORY_PRODUCTS
        permissions = tuple(ADMIN_PERMISSIONS)
        error_type_class = CatalogVisibilityError

    @classmethod
    def perform_mutation(  # type: ignore[override]
        cls, _root, info: ResolveInfo, /, *, rules, id=None, external_reference=None
    ):
        if len(rules) > MAX_RULES:
            raise ValidationError(
                {"rules": error(f"At most {MAX_RULES} rules per call.", Code.INVALID)}
            )
        cleaned = _clean_rules(rules)
        with transaction.atomic():
            group = get_group(id, external_reference)
            current = {
                (rule.scope, rule.target_id): rule
                for rule in CatalogRuleModel.objects.filter(group=group)
            }
            to_update, to_create, result = [], [], []
            now = timezone.now()
            for effect, scope, pk in cleaned:
                rule = current.get((scope, pk))
                if rule is None:
                    rule = CatalogRuleModel(
                        group=group, effect=effect, scope=scope, **{f"{scope}_id": pk}
                    )
                    to_create.append(rule)
                elif rule.effect != effect:
                    rule.effect = effect
                    rule.updated_at = now
                    to_update.append(rule)
                result.append(rule)
            CatalogRuleModel.objects.bulk_create(to_create)
            CatalogRuleModel.objects.bulk_update(to_update, ["effect", "updated_at"])
            if to_create or to_update:
                emit_group_catalog_changed(group)
        return cls(customer_group=group, rules=result)


class CustomerGroupCatalogRulesDelete(BaseMutation):
    customer_group = graphene.Field(CustomerGroupType, description="The group.")
    deleted_count = graphene.Int(description="Rules deleted.")

    class Arguments(GroupArguments):
        rules = NonNullList(
            graphene.ID, required=True, description="IDs of the group's rules."
        )

    class Meta:
        description = "Deletes rules of a group; all or nothing." + ADDED_IN_B2B_01
        doc_category = DOC_CATEGORY_PRODUCTS
        permissions = tuple(ADMIN_PERMISSIONS)
        error_type_class = CatalogVisibilityError

    @classmethod
    def perform_mutation(  # type: ignore[override]
        cls, _root, info: ResolveInfo, /, *, rules, id=None, external_reference=None
    ):
        pks = [decode(gid, "CatalogRule", "rules") for gid in rules]
        with transaction.atomic():
            group = get_group(id, external_reference)
            found = set(
                CatalogRuleModel.objects.filter(group=group, pk__in=pks).values_list(
                    "pk", flat=True
                )
            )
            if missing := [
                g for g, pk in zip(rules, pks, strict=True) if pk not in found
            ]:
                raise ValidationError(
                    {
                        "rules": error(
                            f"Not rules of this group: {', '.join(missing)}.",
                            Code.NOT_FOUND,
                        )
                    }
                )
            deleted, _ = CatalogRuleModel.objects.filter(pk__in=found).delete()
            if deleted:
                emit_group_catalog_changed(group)
        return cls(customer_group=group, deleted_count=deleted)


class ChannelAccessUpdate(BaseMutation):
    channel = graphene.Field(ChannelType, description="The channel.")
    access = ChannelAccessEnum(description="The channel's access policy now.")

    class Arguments:
        channel = graphene.ID(required=True, description="ID of the channel.")
        access = ChannelAccessEnum(required=True, description="The policy to set.")

    class Meta:
        description = (
            "Makes a channel public or B2B-only (only members of groups allowed in "
            "it see anything or check out there)." + ADDED_IN_B2B_01
        )
        doc_category = DOC_CATEGORY_PRODUCTS
        permissions = (ChannelPermissions.MANAGE_CHANNELS,)
        error_type_class = CatalogVisibilityError

    @classmethod
    def perform_mutation(  # type: ignore[override]
        cls, _root, info: ResolveInfo, /, *, channel, access
    ):
        pk = decode(channel, "Channel", "channel")
        instance = Channel.objects.filter(pk=pk).first()
        if instance is None:
            raise ValidationError(
                {"channel": error("Channel not found.", Code.NOT_FOUND)}
            )
        with transaction.atomic():
            policies = ChannelAccessPolicy.objects.select_for_update()
            policy, created = policies.get_or_create(
                channel=instance, defaults={"access": access}
            )
            changed = created or policy.access != access
            if not created and changed:
                policy.access = access
                policy.save(update_fields=["access", "updated_at"])
            if changed:
                emit_channel_access_changed(policy)
        return cls(channel=instance, access=policy.access)
