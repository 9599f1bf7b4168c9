"""Buyer self-service: the company's order history by role, requisition lists and
quick order.

* ``orders``: which orders a buyer may see (``visible_orders``): a BUYER their
  own, an APPROVER their group's too, a MANAGER their group's and every group's
  below it. An order belongs to the group its customer bought for when it was
  placed (``PlacedOrderGroup``, written by the plugin's ``order_created`` hook);
  an order without that record (placed before the plugin, or by a customer in
  several groups who named none) belongs to every group its customer is a member of.
* ``lists``: requisition lists, private or shared with a group.
* ``lines``: turning rows (variant or SKU, quantity) into checkout lines for the
  buyer, with a code per refused row; quick order and "list to checkout" use it.
* ``quantities``: the hook quantity rules plug into (``register_quantity_check``).
"""


class RequisitionListVisibility:
    PRIVATE = "private"
    GROUP = "group"

    CHOICES = [(PRIVATE, "Private"), (GROUP, "Shared with a group")]


#: Most rows one quick order or list call takes.
MAX_ROWS = 1000
#: Most bytes of an uploaded CSV file (1,000 rows of SKU and quantity fit easily).
MAX_CSV_BYTES = 256 * 1024
#: Most lines one requisition list holds.
MAX_LIST_LINES = 1000
#: Most units on one row.
MAX_QUANTITY = 1_000_000
