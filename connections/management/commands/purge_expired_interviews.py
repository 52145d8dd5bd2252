"""Delete raw interviews whose survey ended more than its retention period ago (log lines stay)."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from connections.interviews_services import interviews_purge_expired


class Command(BaseCommand):
    help = "Delete the raw interviews of surveys past their end date plus retention; each leaves a log line."

    def add_arguments(self, parser):
        parser.add_argument(
            "--today", help="Act as if today were this date (YYYY-MM-DD); for checks and backfills."
        )

    def handle(self, *args, today=None, **options):
        try:
            day = dt.date.fromisoformat(today) if today else None
        except ValueError:
            raise CommandError(f"--today must be a date like 2026-01-31, not “{today}”.") from None
        deleted = interviews_purge_expired(today=day)
        for name, count in deleted.items():
            self.stdout.write(f"{name}: {count} interview(s) deleted")
        if not deleted:
            self.stdout.write("No survey is past its retention period.")
