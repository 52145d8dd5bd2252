"""`manage.py import_osm FILE.geojson|FILE.csv [--mapping MAPPING.yaml] [--commit]`: docs/importers.md."""

from assets_registry.importers.base import IMPORT_FIELDS
from assets_registry.importers.command import SpaceImportCommand
from assets_registry.importers.mapping import ColumnMapping
from assets_registry.importers.osm import OsmImporter


class Command(SpaceImportCommand):
    help = (
        "Import OpenStreetMap features (GeoJSON, or CSV with tag columns); tags map to our categories. "
        "Dry run unless --commit."
    )
    default_source = "osm"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--mapping", help="Optional mapping (YAML/JSON): constant tags, id, field overrides (CSV input)."
        )

    def importer(self, path, options):
        mapping = (
            ColumnMapping.load(options["mapping"], allowed_fields=IMPORT_FIELDS)
            if options["mapping"]
            else None
        )
        common = self.common_options(options)
        if mapping and mapping.source and "source" not in common:
            common["source"] = mapping.source
        return OsmImporter(path, mapping, encoding=options["encoding"], **common)
