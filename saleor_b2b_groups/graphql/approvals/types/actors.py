"""Who requested or decided an approval, as the API shows them."""

from dataclasses import dataclass

import graphene
from saleor.account.models import User as UserModel
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.doc_category import DOC_CATEGORY_CHECKOUT

from ...core import ADDED_IN_B2B_01
from ..actor import viewer_is_staff
from ..enums import (
    CheckoutApprovalActorKindEnum,
)

# People -----------------------------------------------------------------------


@dataclass(frozen=True)
class ActorValue:
    kind: str
    name: str
    user_id: int | None = None
    app_id: int | None = None
    email: str | None = None
    first_name: str = ""
    last_name: str = ""


def actor_of_user(user: UserModel | None, email: str = "") -> ActorValue:
    if user is None:
        return ActorValue(kind="customer", name=email, email=email or None)
    return ActorValue(
        kind="staff" if user.is_staff else "customer",
        name=user.get_full_name() or user.email,
        user_id=user.pk,
        email=user.email,
        first_name=user.first_name,
        last_name=user.last_name,
    )


class CheckoutApprovalActor(graphene.ObjectType):
    kind = CheckoutApprovalActorKindEnum(required=True, description="Who it is.")
    name = graphene.String(required=True, description="Full name, email or app name.")
    user_id = graphene.ID(description="The user's ID; null for apps.")
    app_id = graphene.ID(description="The app's ID; null for users.")
    email = graphene.String(
        description="The user's email (staff members' only to staff and apps)."
    )
    first_name = graphene.String(required=True)
    last_name = graphene.String(required=True)

    class Meta:
        description = "A person or app in an approval." + ADDED_IN_B2B_01
        doc_category = DOC_CATEGORY_CHECKOUT

    @staticmethod
    def resolve_user_id(root: ActorValue, _info: ResolveInfo):
        return (
            graphene.Node.to_global_id("User", root.user_id) if root.user_id else None
        )

    @staticmethod
    def resolve_app_id(root: ActorValue, _info: ResolveInfo):
        return graphene.Node.to_global_id("App", root.app_id) if root.app_id else None

    @staticmethod
    def resolve_email(root: ActorValue, info: ResolveInfo):
        if root.kind == "staff" and not viewer_is_staff(info):
            return None
        return root.email
