import graphene
from saleor.channel.models import Channel
from saleor.graphql.channel.types import Channel as ChannelType
from saleor.graphql.core import ResolveInfo
from saleor.permission.enums import ChannelPermissions

from ....visibility import services
from ....visibility.error_codes import CatalogVisibilityErrorCode as Code
from ...core import ADDED_IN_B2B_01
from ...lookups import field_error
from ..enums import ChannelAccessEnum
from .base import CatalogVisibilityMutation, decode


class ChannelAccessUpdate(CatalogVisibilityMutation):
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
        permissions = (ChannelPermissions.MANAGE_CHANNELS,)

    @classmethod
    def perform_mutation(  # type: ignore[override]
        cls, _root, info: ResolveInfo, /, *, channel, access
    ):
        instance = Channel.objects.filter(
            pk=decode(channel, "Channel", "channel")
        ).first()
        if instance is None:
            raise field_error("channel", "Channel not found.", Code.NOT_FOUND)
        policy = services.set_channel_access(instance, access)
        return cls(channel=instance, access=policy.access)
