import graphene
from saleor.core.db.connection import allow_writer_in_context
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.context import get_database_connection_name
from saleor.graphql.core.doc_category import DOC_CATEGORY_USERS
from saleor.graphql.core.fields import PermissionsField

from ...groups.models import CustomerGroup
from ...ids import InvalidId, pk_of
from ...segments.error_codes import CustomerGroupSegmentErrorCode as Code
from ...segments.models import CustomerGroupSegment as SegmentModel
from ...segments.preview import MAX_SAMPLE, preview
from ...segments.rules import RuleError, clean_rules
from ..core import ADDED_IN_B2B_01
from ..groups.types import ADMIN_PERMISSIONS
from .inputs import CustomerGroupSegmentRuleInput
from .mutations.base import path_in_api
from .mutations.segment_delete import CustomerGroupSegmentDelete
from .mutations.segment_recompute import CustomerGroupSegmentRecompute
from .mutations.segment_set import CustomerGroupSegmentSet
from .types import CustomerGroupSegmentPreview


def _errors(field: str, message: str, code: Code):
    return CustomerGroupSegmentPreview(
        errors=[{"field": field, "message": message, "code": code.value}],
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
        _root, info: ResolveInfo, *, group=None, rules=None, sample_size=None
    ):
        database = get_database_connection_name(info.context)
        customer_group = None
        if group is not None:
            try:
                pk = pk_of(group, "CustomerGroup")
            except InvalidId as e:
                return _errors("group", str(e), Code.NOT_FOUND)
            customer_group = CustomerGroup.objects.using(database).filter(pk=pk).first()
            if customer_group is None:
                return _errors("group", f"Unknown group: {group}.", Code.NOT_FOUND)
        if rules is None:
            segment = (
                SegmentModel.objects.using(database)
                .filter(group=customer_group)
                .first()
                if customer_group
                else None
            )
            if segment is None:
                return _errors(
                    "rules", "Give rules, or a group that has rules.", Code.NO_RULES
                )
            tree = segment.rules
        else:
            try:
                # the rules' reference checks read the writer, as a mutation would
                with allow_writer_in_context(info.context):
                    tree = clean_rules(rules)
            except RuleError as e:
                where = path_in_api(e.path)
                message = f"{where}: {e.message}" if where else e.message
                return _errors("rules", message, e.code)
        sample = 10 if sample_size is None else sample_size
        if not 0 <= sample <= MAX_SAMPLE:
            return _errors("sampleSize", f"From 0 to {MAX_SAMPLE}.", Code.INVALID)
        found = preview(tree, customer_group, sample, database)
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
