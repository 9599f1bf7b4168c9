"""Catalog visibility rules for the groups (pending: the feature is being built).

When catalog visibility is installed, this step seeds ``Size.catalog_rules`` rules
over the groups: for the deep bench buyer's lineage an include rule on a few root
categories and an exclude rule on one product (so the storefront scenario pays for
filtering that changes what the buyer sees), and for other groups a mix of include
and exclude rules on categories, collections and products. Until then it reports
itself pending and the storefront scenario says catalog rules were not measured.

To finish it when the feature lands: write ``seed`` with the feature's models (set
based: ``writes.create_in_batches``), return its counts, and make ``pending``
return None.
"""

from . import Dataset, feature_pending
from .progress import Progress

TITLE = "catalog visibility rules"

#: The module the feature lives in (a module per domain concept).
FEATURE_MODULE = "saleor_b2b_groups.visibility"


def pending() -> str | None:
    return feature_pending(FEATURE_MODULE)


def seed(dataset: Dataset, progress: Progress) -> dict[str, int]:
    raise NotImplementedError(pending())
