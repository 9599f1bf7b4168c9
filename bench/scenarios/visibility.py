"""Catalog visibility on its own (pending: the feature is being built).

Once catalog visibility is installed and its seeding step
(``saleor_b2b_groups.benchdata.visibility``) gives the deep bench buyer's lineage
include and exclude rules, the storefront scenarios measure pricing and visibility
together, as a buyer meets them, and drop their "catalog rules: not measured"
note. This scenario then isolates visibility: the storefront listing for a buyer
whose groups have catalog rules but no price lists (a bench user the visibility
step adds), vanilla against plugin, with the storefront target (1.15x, at most 3
extra queries); and ``query_counts`` gains that buyer's rows.

To finish it: give the seeding step that buyer, add its login to
``bench.session.LOGINS``, and replace ``pending`` and ``run_once`` below with the
listing request as that buyer (``storefront.listing(bench, who=...)``).
"""

from ..client import Timed
from ..session import Bench
from . import COMPARE, Scenario
from .storefront import STOREFRONT_TARGET


class CatalogRulesOnly(Scenario):
    key = "catalog_rules"
    title = "storefront listing, catalog rules only"
    kind = COMPARE
    target = STOREFRONT_TARGET

    def pending(self, bench: Bench) -> str | None:
        return bench.seeded("visibility") or "scenario not written yet"

    def run_once(self, bench: Bench) -> Timed:
        raise NotImplementedError(self.pending(bench))
