"""A checkout that needs an approval (pending: the feature is being built).

Once checkout approvals are installed and their seeding step
(``saleor_b2b_groups.benchdata.approvals``) gives the deep bench buyer's account
a policy every bench checkout passes, the ``checkout`` scenario measures that
policy's cost at completion and drops its "approval policy: not measured" note.
This scenario then measures the approval round trip the plugin adds (there is no
vanilla counterpart): a checkout above a policy's threshold, the buyer's approval
request, an approver's approval, and the completion, reported per step.

To finish it: give the seeding step a policy with a low threshold on another
account with a buyer and an approver (bench users), add their logins to
``bench.session.LOGINS``, make this a ``THROUGHPUT``-kind scenario (plugin only)
whose ``run`` times the flow with ``client.FlowTimer``, and replace ``pending``.
"""

from ..client import Timed
from ..session import Bench
from . import COMPARE, Scenario


class ApprovalRequired(Scenario):
    key = "approval_flow"
    title = "checkout needing approval: request, approve, complete"
    kind = COMPARE

    def pending(self, bench: Bench) -> str | None:
        return bench.seeded("approvals") or "scenario not written yet"

    def run_once(self, bench: Bench) -> Timed:
        raise NotImplementedError(self.pending(bench))
