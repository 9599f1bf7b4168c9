"""GraphQL types of checkout approvals."""

from .approval import *  # noqa: F403
