"""manage.py snapshot_registry_measures [--backfill [--since YYYY-MM]] [--coalition slug]

Without --backfill: the month just ended, for every coalition (what the monthly task does).
With --backfill: every month from --since (default: when the place's first space was published)
to the month just ended. Idempotent: running it twice writes the same values.
"""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from coalitions import registry_measures, snapshots
from coalitions.models import Coalition


def parse_month(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(f"{text}-01")
    except ValueError:
        raise CommandError(f"--since {text!r} is not a month: write it as YYYY-MM, e.g. 2024-01.") from None


class Command(BaseCommand):
    help = "Compute the registry measures' monthly snapshots for coalitions (and backfill history)."

    def add_arguments(self, parser):
        parser.add_argument("--backfill", action="store_true", help="Every month up to the one just ended.")
        parser.add_argument("--since", metavar="YYYY-MM", help="With --backfill: the first month.")
        parser.add_argument("--coalition", metavar="SLUG", help="Only this coalition.")

    def handle(self, *args, **options):
        from tqdm import tqdm

        if options["since"] and not options["backfill"]:
            raise CommandError("--since goes with --backfill.")
        since = parse_month(options["since"]) if options["since"] else None
        last = registry_measures.month_just_ended()
        if since and since > last:
            raise CommandError(f"--since {options['since']} is after the month just ended ({last:%Y-%m}).")
        coalitions = Coalition.objects.all()
        if options["coalition"]:
            coalitions = coalitions.filter(slug=options["coalition"])
            if not coalitions.exists():
                raise CommandError(f"No coalition has the slug {options['coalition']!r}.")
        plan = []
        for coalition in coalitions:
            first = (since or snapshots.backfill_start(coalition)) if options["backfill"] else last
            plan.append((coalition, registry_measures.months_between(min(first, last), last)))
        written = 0
        with tqdm(
            total=sum(len(months) for _c, months in plan),
            desc="Months",
            unit=" months",
            disable=options["verbosity"] < 1,
            file=self.stderr._out,  # the stream itself: OutputWrapper would end every write with a newline
        ) as bar:
            for coalition, months in plan:
                bar.set_postfix_str(coalition.slug)
                written += snapshots.take_months(coalition, months, progress=bar.update)
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(plan)} coalition(s), up to {last:%B %Y}: "
                f"{written} snapshot value(s) written or changed."
            )
        )
