"""Django's entry to this app's models; each lives in its domain module."""

from .groups.models import CustomerGroup, CustomerGroupMembership

__all__ = ["CustomerGroup", "CustomerGroupMembership"]
