"""ERP endpoint and redelivery mutations: one module per mutation (MANAGE_APPS)."""

from .endpoint_create import ErpEndpointCreate
from .endpoint_delete import ErpEndpointDelete
from .endpoint_update import ErpEndpointUpdate
from .event_redeliver import ErpEventRedeliver

__all__ = [
    "ErpEndpointCreate",
    "ErpEndpointDelete",
    "ErpEndpointUpdate",
    "ErpEventRedeliver",
]
