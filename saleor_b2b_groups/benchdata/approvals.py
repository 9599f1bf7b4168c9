"""An approval policy the bench checkouts pass (pending: the feature is being built).

When checkout approvals are installed, this step gives the deep bench buyer's
account (the root of its lineage) a policy that every bench checkout *passes*: an
amount threshold far above any bench order total, so ``checkoutComplete`` pays for
evaluating the policy but never waits for an approver; and, for realism, policies
with lower thresholds on other accounts. Until then it reports itself pending and
the checkout scenario says the approval policy was not measured.

To finish it when the feature lands: write ``seed`` with the feature's models,
return its counts, and make ``pending`` return None.
"""

from . import Dataset, feature_pending
from .progress import Progress

TITLE = "checkout approval policies"

#: The module the feature lives in (a module per domain concept).
FEATURE_MODULE = "saleor_b2b_groups.approvals"


def pending() -> str | None:
    return feature_pending(FEATURE_MODULE)


def seed(dataset: Dataset, progress: Progress) -> dict[str, int]:
    raise NotImplementedError(pending())
