import graphene

from saleor_b2b_groups.groups.models import CustomerGroup, CustomerGroupMembership


def group_id(group) -> str:
    return graphene.Node.to_global_id("CustomerGroup", group.pk)


def user_id(user) -> str:
    return graphene.Node.to_global_id("User", user.pk)


def tree_snapshot():
    """Groups and memberships, to prove a refused mutation changed nothing."""
    return (
        sorted(
            CustomerGroup.objects.values_list(
                "pk", "name", "slug", "parent_id", "ancestor_ids", "external_reference"
            )
        ),
        sorted(
            CustomerGroupMembership.objects.values_list("group_id", "user_id", "role")
        ),
    )
