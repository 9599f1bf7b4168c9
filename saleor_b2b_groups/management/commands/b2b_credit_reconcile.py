from django.core.management.base import BaseCommand, CommandError

from ...credit.reconcile import differences


class Command(BaseCommand):
    help = (
        "Compare every credit account's and sub-limit's summary (outstanding, "
        "held) with its ledger; exit non-zero on any difference."
    )

    def handle(self, *args, **options):
        found = differences()
        for d in found:
            self.stdout.write(
                f"{d.kind} {d.id}: {d.figure} is {d.summary} in the summary, "
                f"{d.ledger} in the ledger"
            )
        if found:
            raise CommandError(f"{len(found)} difference(s).")
        self.stdout.write("The summaries match the ledger.")
