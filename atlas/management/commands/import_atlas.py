from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from atlas.importers import FORMATS, GeoJSONBoundaries, UKSocialCapitalImporter


class Command(BaseCommand):
    help = "Import atlas indicators or boundaries (dry run unless --commit). Formats: " + "; ".join(
        f"{name}: {text}" for name, (_cls, text) in FORMATS.items()
    )

    def add_arguments(self, parser):
        parser.add_argument("format", choices=list(FORMATS))
        parser.add_argument("path", type=Path)
        parser.add_argument("--commit", action="store_true", help="Write to the database (default: dry run).")
        parser.add_argument("--report", type=Path, help="Write rejected rows and reasons to this CSV file.")
        parser.add_argument("--no-progress", action="store_true", help="Hide the progress bar.")
        uk = parser.add_argument_group("uk-sca")
        uk.add_argument(
            "--geography", choices=["lad", "postcode_district", "msoa"], help="Force the kind of area."
        )
        uk.add_argument("--category", help="Keep rows with this measurement_category (files with several).")
        geo = parser.add_argument_group("geojson-boundaries")
        geo.add_argument("--kind", help="Area kind, e.g. uk_msoa.")
        geo.add_argument("--code-property", default="code")
        geo.add_argument("--name-property", default="name")
        geo.add_argument("--source", default="", help="Where the boundaries come from (shown on pages).")

    def handle(self, *args, **options):
        path = options["path"]
        if not path.exists():
            raise CommandError(f"No such file: {path}")
        importer_class = FORMATS[options["format"]][0]
        try:
            if importer_class is UKSocialCapitalImporter:
                importer = importer_class(geography=options["geography"], category=options["category"])
            elif importer_class is GeoJSONBoundaries:
                if not options["kind"]:
                    raise CommandError("geojson-boundaries needs --kind")
                importer = importer_class(
                    kind=options["kind"],
                    code_property=options["code_property"],
                    name_property=options["name_property"],
                    source=options["source"],
                )
            else:
                importer = importer_class()
            report = importer.run(
                path, commit=options["commit"], progress=not options["no_progress"], stdout=self.stderr
            )
        except ValueError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(report.summary())
        for rejection in report.rejected[:20]:
            self.stdout.write(f"  row {rejection.row} {rejection.record!r}: {rejection.reason}")
        if len(report.rejected) > 20:
            self.stdout.write(f"  … and {len(report.rejected) - 20} more (use --report FILE for all)")
        if options["report"]:
            report.write_rejections(options["report"])
            self.stdout.write(f"Rejections written to {options['report']}")
