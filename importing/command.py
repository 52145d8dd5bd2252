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

    _see_report = ""  # "; every row in PATH" once the report is written

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
            raise CommandError(f"No such file or folder: {path}. Check the path and try again.")
        try:
            report = self.run_import(options)
        except ImportAborted as aborted:
            report = aborted.report
            report.aborted = True
            self.print_report(report, options)
            raise CommandError(self.aborted_message(report, options)) from aborted
        except ImportFileError as error:
            raise CommandError(f"{error} Nothing was imported.") from error
        self.print_report(report, options)
        if report.read and report.rejected and not report.accepted:
            raise CommandError(
                f"None of the {report.read} row(s) can be imported: every one was rejected or left out "
                f"(reasons above{self._see_report}). Nothing was written. Fix the file and try again."
            )
        self.print_outcome(report)

    def print_report(self, report: ImportReport, options) -> None:
        self.stdout.write(report.summary())
        path = options.get("report") or self.default_report_path(report)
        self._see_report = ""
        if path:
            report.write_report(path)
            self._see_report = f"; every row in {path}"
            self.stdout.write(f"Report (every rejected, skipped or merged row, and warnings): {path}")

    def print_outcome(self, report: ImportReport) -> None:
        """The last line: what happened and what to do next."""
        left_out = ""
        if report.rejected:
            left_out = (
                f" {report.rejected} rejected row(s) {'were' if report.committed else 'would be'} left out"
            )
        if not report.committed:
            message = "Dry run: nothing was written. Add --commit to import."
            if left_out:
                message += f"{left_out} (fix them and run again to include them{self._see_report})."
            self.stdout.write(self.style.WARNING(message))
        else:
            message = "Done."
            if left_out:
                message += f"{left_out}: fix them and import the file again to add them{self._see_report}."
            self.stdout.write(self.style.SUCCESS(message))

    def aborted_message(self, report: ImportReport, options) -> str:
        """--strict found rejected rows: nothing was written, whether or not --commit was given."""
        rows = "1 row was rejected" if report.rejected == 1 else f"{report.rejected} rows were rejected"
        head = (
            f"Nothing was written: --strict refuses the whole file when any row is rejected, and {rows}."
            if options.get("commit")
            else f"Dry run: nothing was written; with --strict, --commit would write nothing either: {rows}."
        )
        return (
            f"{head} Fix them (reasons above{self._see_report}) and import again, or leave out --strict "
            "to import the other rows."
        )
