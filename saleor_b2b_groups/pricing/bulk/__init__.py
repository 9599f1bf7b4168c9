"""Bulk upserts and deletes of price list entries and rules: the ERP's path in.

**Keys.** A row with an ``external_reference`` updates the entry (rule) holding that
reference in the list; when none does, it takes the unreferenced entry at its tier
(rule at its target) or creates one. A row without a reference updates the entry at
its tier -- (variant, minimum quantity) -- or the rule at its target -- (scope,
target) --, keeping the stored reference, or creates one. So repeating a call finds
the same rows and, their values being equal, writes nothing: upserts are idempotent.

**Conflicts** are refused before anything is written, never guessed:

* two rows of one call claiming the same tier (target), reference or stored row:
  ``DUPLICATED_INPUT_ITEM`` on each of them;
* a row taking a tier (target) that another stored row holds at the start of the
  call: ``UNIQUE``. Swapping two tiers takes two calls.

**Error policy.** ``all_or_nothing`` writes nothing when any row fails (Saleor's
``REJECT_EVERYTHING``); otherwise the valid rows are written and the failed ones
skipped (``REJECT_FAILED_ROWS``; an entry or a rule has no valid part to save
alone, so ``IGNORE_FAILED`` means the same).

**Cost.** A fixed number of queries whatever the size of the call: lock the list,
resolve the variants (with their channel listings) or rule targets, load the stored
rows the call can touch, one INSERT, one UPDATE. Calls on one list are serialised
by a row lock on the list. At most ``MAX_ROWS`` rows (or delete keys) per call.

Domain code: callers (GraphQL, the demo, imports) decode their input into
``EntryRow`` / ``RuleRow`` and read ``BulkOutcome``.
"""

from .base import MAX_ROWS, BulkOutcome, DeleteOutcome, RowError, TooManyRows
from .entries import EntryRow, TierKey, delete_entries, upsert_entries
from .rules import RuleRow, TargetKey, delete_rules, upsert_rules

# price_lists (whole lists: upsert_price_lists) imports pricing.changes, which the
# writers above do not need: import it from its module.

__all__ = [
    "MAX_ROWS",
    "BulkOutcome",
    "DeleteOutcome",
    "EntryRow",
    "RowError",
    "RuleRow",
    "TargetKey",
    "TierKey",
    "TooManyRows",
    "delete_entries",
    "delete_rules",
    "upsert_entries",
    "upsert_rules",
]
