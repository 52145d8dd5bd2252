"""`manage.py import_atlas FORMAT FILE [--commit]`: docs/atlas.md."""

from pathlib import Path

from django.core.management.base import CommandError

from atlas.importers import FORMATS, GeoJSONBoundaries, UKSocialCapitalImporter
from importing.command import ImportCommand


class Command(ImportCommand):
    help = "Import atlas indicators or boundaries (dry run unless --commit). Formats: " + "; ".join(
        f"{name}: {text}" for name, (_cls, text) in FORMATS.items()
    )

    def add_arguments(self, parser):
        parser.add_argument("format", choices=list(FORMATS))
        parser.add_argument("path", type=Path)
        super().add_arguments(parser)
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

    def importer(self, options):
        importer_class = FORMATS[options["format"]][0]
        if importer_class is UKSocialCapitalImporter:
            return importer_class(geography=options["geography"], category=options["category"])
        if importer_class is GeoJSONBoundaries:
            if not options["kind"]:
                raise CommandError("geojson-boundaries needs --kind")
            return importer_class(
                kind=options["kind"],
                code_property=options["code_property"],
                name_property=options["name_property"],
                source=options["source"],
            )
        return importer_class()

    def run_import(self, options):
        try:
            importer = self.importer(options)
        except ValueError as error:  # an option the importer cannot take
            raise CommandError(str(error)) from None
        return importer.run(
            options["path"], commit=options["commit"], progress=not options["no_progress"], stdout=self.stderr
        )
