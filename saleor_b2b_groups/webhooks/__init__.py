"""ERP integration: typed events written to an outbox, delivered signed and in order.

``events.emit`` is the one way in: it writes the event in the caller's transaction
(so an event exists exactly when its change does) and schedules delivery on commit.
``tasks`` delivers to each ``ErpEndpoint``, retrying with backoff; ``signing`` signs
as Saleor signs its own webhooks.
"""

from pathlib import Path

#: The contract: ``envelope.json``, ``definitions.json`` and ``<event type>.json``
#: (JSON Schema draft 2020-12), shipped with the package.
SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"


def schema_path(event_type: str) -> Path:
    """The JSON Schema of a whole message of this event type."""
    return SCHEMA_DIR / f"{event_type}.json"


class ErpEventType:
    """Event types of the contract; each has a JSON Schema in ``schemas/``."""

    CUSTOMER_GROUP_CREATED = "customer_group_created"
    CUSTOMER_GROUP_UPDATED = "customer_group_updated"
    CUSTOMER_GROUP_DELETED = "customer_group_deleted"
    CUSTOMER_GROUP_MEMBERSHIP_CHANGED = "customer_group_membership_changed"
    PRICE_LIST_CHANGED = "price_list_changed"
    CATALOG_RULES_CHANGED = "catalog_rules_changed"
    CHECKOUT_APPROVAL_REQUESTED = "checkout_approval_requested"
    CHECKOUT_APPROVAL_APPROVED = "checkout_approval_approved"
    CHECKOUT_APPROVAL_REJECTED = "checkout_approval_rejected"
    CHECKOUT_APPROVAL_ESCALATED = "checkout_approval_escalated"
    ORDER_PLACED = "order_placed"
    QUANTITY_RULES_CHANGED = "quantity_rules_changed"
    CREDIT_ACCOUNT_CHANGED = "credit_account_changed"
    CREDIT_LEDGER_ENTRY_CREATED = "credit_ledger_entry_created"

    CHOICES = [
        (CUSTOMER_GROUP_CREATED, "Customer group created"),
        (CUSTOMER_GROUP_UPDATED, "Customer group updated"),
        (CUSTOMER_GROUP_DELETED, "Customer group deleted"),
        (CUSTOMER_GROUP_MEMBERSHIP_CHANGED, "Customer group membership changed"),
        (PRICE_LIST_CHANGED, "Price list changed"),
        (CATALOG_RULES_CHANGED, "Catalog rules changed"),
        (CHECKOUT_APPROVAL_REQUESTED, "Checkout approval requested"),
        (CHECKOUT_APPROVAL_APPROVED, "Checkout approval approved"),
        (CHECKOUT_APPROVAL_REJECTED, "Checkout approval rejected"),
        (CHECKOUT_APPROVAL_ESCALATED, "Checkout approval escalated to staff"),
        (ORDER_PLACED, "Order placed by a group member"),
        (QUANTITY_RULES_CHANGED, "Quantity rules changed"),
        (CREDIT_ACCOUNT_CHANGED, "Credit account changed"),
        (CREDIT_LEDGER_ENTRY_CREATED, "Credit ledger entry created"),
    ]
    ALL = [value for value, _ in CHOICES]


class DeliveryStatus:
    PENDING = "pending"
    SUCCESS = "success"
    FAILED = "failed"

    CHOICES = [(PENDING, "Pending"), (SUCCESS, "Success"), (FAILED, "Failed")]
