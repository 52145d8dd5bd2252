"""The management-command base of every importer: dry run unless ``--commit``, a per-row report,
progress bars, the summary printed, and a CommandError (nothing written) for a file that cannot
be imported."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from importing.readers import ImportFileError
from importing.report import ImportReport
from importing.rows import ImportAborted


class ImportCommand(BaseCommand):
    """Subclasses add their own arguments and implement ``run_import(options) -> ImportReport``
    (build the importer, run it with ``commit=options["commit"]``)."""

    def add_arguments(self, parser):
        parser.add_argument(
            "--commit",
            action="store_true",
            help="Write to the database. Without it: a dry run that writes nothing.",
        )
        parser.add_argument("--report", type=Path, help=self.report_help())
        parser.add_argument("--no-progress", action="store_true", help="No progress bars.")

    def report_help(self) -> str:
        return "Where to write the per-row report (CSV): every rejected, skipped or merged row, and warnings."

    def default_report_path(self, report: ImportReport) -> Path | None:
        """Where the report goes without ``--report`` (None: nowhere)."""
        return None

    def run_import(self, options) -> ImportReport:
        raise NotImplementedError

    def handle(self, *args, **options):
        path = options.get("path")
        if path is not None and not Path(path).exists():
            raise CommandError(f"No such file or folder: {path}")
        try:
            report = self.run_import(options)
        except ImportAborted as aborted:
            self.print_report(aborted.report, options)
            raise CommandError(str(aborted)) from aborted
        except ImportFileError as error:
            raise CommandError(f"{error} Nothing was imported.") from error
        self.print_report(report, options)

    def print_report(self, report: ImportReport, options) -> None:
        self.stdout.write(report.summary())
        path = options.get("report") or self.default_report_path(report)
        if path:
            report.write_report(path)
            self.stdout.write(f"Report (every rejected, skipped or merged row, and warnings): {path}")
        if not report.committed:
            self.stdout.write(self.style.WARNING("Dry run: nothing was written. Add --commit to import."))
        else:
            self.stdout.write(self.style.SUCCESS("Done."))
