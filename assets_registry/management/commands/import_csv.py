"""`manage.py import_csv FILE --mapping MAPPING.yaml [--commit] [--trusted]`: docs/importers.md."""

from django.core.management.base import CommandError

from assets_registry.importers.base import IMPORT_FIELDS
from assets_registry.importers.command import SpaceImportCommand
from assets_registry.importers.csv_importer import CsvImporter, mapping_from_flags
from assets_registry.importers.mapping import ColumnMapping

FLAG_NAMES = (
    "id_column",
    "name_column",
    "lat_column",
    "lon_column",
    "postcode_column",
    "address_column",
    "locality_column",
    "website_column",
    "description_column",
    "category",
    "category_column",
)


class Command(SpaceImportCommand):
    help = (
        "Import spaces from a CSV file through a column mapping (a YAML/JSON file, or flags). "
        "Dry run unless --commit."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--mapping", help="Column-mapping file (YAML or JSON), e.g. data/mappings/*.yaml."
        )
        group = parser.add_argument_group("without a mapping file")
        group.add_argument("--id-column", default="", help="Column with the source's own ids.")
        group.add_argument("--name-column", default="", help="Column with the name (default: name).")
        group.add_argument("--lat-column", default="")
        group.add_argument("--lon-column", default="")
        group.add_argument("--postcode-column", default="", help="UK postcode or US ZIP code, to geocode.")
        group.add_argument("--address-column", default="", help="Street address, to geocode if no postcode.")
        group.add_argument("--locality-column", default="")
        group.add_argument("--website-column", default="")
        group.add_argument("--description-column", default="")
        group.add_argument("--category", default="", help="Category for every row (see /api/v1/taxonomy).")
        group.add_argument("--category-column", default="", help="Column holding our category values.")

    def importer(self, path, options):
        if options["mapping"]:
            mapping = ColumnMapping.load(options["mapping"], allowed_fields=IMPORT_FIELDS)
        else:
            flags = {name: options[name] for name in FLAG_NAMES}
            if not (flags["lat_column"] and flags["lon_column"]) and not (
                flags["postcode_column"] or flags["address_column"]
            ):
                raise CommandError(
                    "Give --mapping FILE, or flags: --lat-column and --lon-column, or --postcode-column "
                    "or --address-column."
                )
            mapping = ColumnMapping.from_dict(mapping_from_flags(**flags), allowed_fields=IMPORT_FIELDS)
        if not (options["source"] or mapping.source):
            raise CommandError("Name the source with --source (or `source:` in the mapping file).")
        return CsvImporter(path, mapping, encoding=options["encoding"], **self.common_options(options))
