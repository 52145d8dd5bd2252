"""The options every space import command adds to the shared command base (``importing.command``)."""

from __future__ import annotations

from pathlib import Path

from importing.command import ImportCommand
from importing.report import ImportReport


class SpaceImportCommand(ImportCommand):
    """Subclasses add their own arguments and implement ``importer(path, options)``."""

    default_source = ""

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="The file (or folder) to import.")
        super().add_arguments(parser)
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
        parser.add_argument(
            "--encoding",
            default="",
            help="The file's text encoding, e.g. cp1252. Default: detected (UTF-8 with or without BOM, "
            "UTF-16, else Windows-1252 or what the bytes suggest) and named in the report.",
        )
        parser.add_argument(
            "--strict",
            action="store_true",
            help="Write nothing, even with --commit, if any row is rejected (exit status 1).",
        )

    def report_help(self) -> str:
        return "Where to write the per-row report (CSV). Default: ./import-report-SOURCE.csv"

    def default_report_path(self, report: ImportReport) -> Path:
        return Path(f"import-report-{report.source}.csv")

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

    def run_import(self, options) -> ImportReport:
        return self.importer(options["path"], options).run(commit=options["commit"])
