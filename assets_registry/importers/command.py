"""What the import commands share: options, running the importer, printing the report."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from assets_registry.importers.base import ImportAborted, ImportResult
from assets_registry.importers.readers import ImportFileError


class ImportCommand(BaseCommand):
    """Subclasses add their own arguments and implement ``importer(path, options)``."""

    default_source = ""

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="The file (or folder) to import.")
        parser.add_argument(
            "--commit",
            action="store_true",
            help="Write to the database. Without it: a dry run that writes nothing.",
        )
        parser.add_argument(
            "--source",
            default="",
            help="Name of the source (e.g. 'ealing-council'); keys its records, so use the same name every "
            "time this source is imported"
            + (f" (default: {self.default_source})." if self.default_source else "."),
        )
        parser.add_argument(
            "--trusted",
            action="store_true",
            help="A trusted partner: publish directly. Otherwise every record enters moderation as a draft.",
        )
        parser.add_argument(
            "--report",
            type=Path,
            help="Where to write the per-row report (CSV). Default: ./import-report-SOURCE.csv",
        )
        parser.add_argument(
            "--allow-duplicates",
            action="store_true",
            help="Publish records that look like an existing space (same-looking name within 100 m).",
        )
        parser.add_argument(
            "--allow-unlocated",
            action="store_true",
            help="Keep records with no usable position, postcode or address (default: rejected).",
        )
        parser.add_argument(
            "--no-areas",
            action="store_true",
            help="Do not look up the local authority of records given by coordinates (faster).",
        )
        parser.add_argument(
            "--country", default="", help="Default country code for records without one (GB)."
        )
        parser.add_argument("--encoding", default="", help="The file's text encoding (default UTF-8).")
        parser.add_argument("--strict", action="store_true", help="Write nothing if any row is rejected.")
        parser.add_argument("--no-progress", action="store_true", help="No progress bars.")

    def common_options(self, options) -> dict:
        result = {
            "trusted": options["trusted"],
            "allow_duplicates": options["allow_duplicates"],
            "allow_unlocated": options["allow_unlocated"],
            "areas": not options["no_areas"],
            "strict": options["strict"],
            "progress": not options["no_progress"],
        }
        if options["source"]:
            result["source"] = options["source"]
        if options["country"]:
            result["default_country"] = options["country"]
        return result

    def importer(self, path: Path, options):
        raise NotImplementedError

    def handle(self, *args, **options):
        path = options["path"]
        if not path.exists():
            raise CommandError(f"No such file or folder: {path}")
        try:
            importer = self.importer(path, options)
            result = importer.run(commit=options["commit"])
        except ImportAborted as aborted:
            self._report(aborted.result, options)
            raise CommandError(str(aborted)) from aborted
        except ImportFileError as error:
            raise CommandError(f"{error} Nothing was imported.") from error
        self._report(result, options)

    def _report(self, result: ImportResult, options) -> None:
        path = options["report"] or Path(f"import-report-{result.source}.csv")
        result.write_report(path)
        self.stdout.write(result.summary())
        self.stdout.write(f"Report (every rejected, skipped or merged row, and warnings): {path}")
        if not result.committed:
            self.stdout.write(self.style.WARNING("Dry run: nothing was written. Add --commit to import."))
        else:
            self.stdout.write(self.style.SUCCESS("Done."))
