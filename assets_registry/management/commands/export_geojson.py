"""`manage.py export_geojson -o spaces.geojson [--query ...]`: the same file as /spaces/export.geojson."""

from assets_registry.exporters import geojson
from assets_registry.exporters.command import ExportCommand
from assets_registry.exporters.rows import public_row_chunks


class Command(ExportCommand):
    help = "Write published spaces as GeoJSON (RFC 7946), streamed."

    def handle(self, *args, **options):
        chunks = public_row_chunks(self.filters(options), base_url=self.base_url(options))
        members = {"name": "Connected Places Hub spaces"}
        self.write(geojson.feature_collection_chunks(chunks, members=members), options["output"])
