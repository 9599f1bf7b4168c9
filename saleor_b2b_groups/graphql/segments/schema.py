import graphene
from django.core.exceptions import ValidationError
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.doc_category import DOC_CATEGORY_USERS
from saleor.graphql.core.fields import PermissionsField

from ...segments.error_codes import CustomerGroupSegmentErrorCode
from ...segments.models import CustomerGroupSegment as SegmentModel
from ...segments.preview import MAX_SAMPLE, preview
from ...segments.rules import RuleError, clean_rules
from ..core import ADDED_IN_B2B_01
from ..groups.types import ADMIN_PERMISSIONS
from .inputs import CustomerGroupSegmentRuleInput
from .mutations.base import get_group, path_in_api
from .mutations.segment_delete import CustomerGroupSegmentDelete
from .mutations.segment_recompute import CustomerGroupSegmentRecompute
from .mutations.segment_set import CustomerGroupSegmentSet
from .types import CustomerGroupSegmentPreview


def _errors(field: str, message: str, code: CustomerGroupSegmentErrorCode):
    return CustomerGroupSegmentPreview(
        errors=[{"field": field, "message": message, "code": code.name}],
        matched=[],
        joining=[],
        leaving=[],
    )


class CustomerGroupSegmentQueries(graphene.ObjectType):
    customer_group_segment_preview = PermissionsField(
        CustomerGroupSegmentPreview,
        group=graphene.Argument(
            graphene.ID,
            description="The group: who would join and leave it; its rules when "
            "no rules are given.",
        ),
        rules=graphene.Argument(
            CustomerGroupSegmentRuleInput, description="The rules to try."
        ),
        sample_size=graphene.Argument(
            graphene.Int,
            description=f"Customers shown per list, 0 to {MAX_SAMPLE}; default 10.",
        ),
        description=(
            "How many customers a rule set matches, with a sample, and who would "
            "join or leave a group; nothing is saved. Errors come in the "
            "payload's errors." + ADDED_IN_B2B_01
        ),
        permissions=ADMIN_PERMISSIONS,
        doc_category=DOC_CATEGORY_USERS,
    )

    @staticmethod
    def resolve_customer_group_segment_preview(
        _root, _info: ResolveInfo, *, group=None, rules=None, sample_size=None
    ):
        customer_group = None
        if group is not None:
            try:
                customer_group = get_group(group)
            except ValidationError as e:
                message = e.error_dict["group"][0].message
                return _errors(
                    "group", message, CustomerGroupSegmentErrorCode.NOT_FOUND
                )
        if rules is None:
            segment = (
                SegmentModel.objects.filter(group=customer_group).first()
                if customer_group
                else None
            )
            if segment is None:
                return _errors(
                    "rules",
                    "Give rules, or a group that has rules.",
                    CustomerGroupSegmentErrorCode.NO_RULES,
                )
            tree = segment.rules
        else:
            try:
                tree = clean_rules(rules)
            except RuleError as e:
                where = path_in_api(e.path)
                return _errors(
                    "rules", f"{where}: {e.message}" if where else e.message, e.code
                )
        sample = 10 if sample_size is None else sample_size
        if not 0 <= sample <= MAX_SAMPLE:
            return _errors(
                "sampleSize",
                f"From 0 to {MAX_SAMPLE}.",
                CustomerGroupSegmentErrorCode.INVALID,
            )
        found = preview(tree, customer_group, sample)
        return CustomerGroupSegmentPreview(
            matched_count=found.matched_count,
            joining_count=found.joining_count,
            leaving_count=found.leaving_count,
            matched=found.matched,
            joining=found.joining,
            leaving=found.leaving,
            errors=[],
        )


class CustomerGroupSegmentMutations(graphene.ObjectType):
    customer_group_segment_set = CustomerGroupSegmentSet.Field()
    customer_group_segment_delete = CustomerGroupSegmentDelete.Field()
    customer_group_segment_recompute = CustomerGroupSegmentRecompute.Field()
