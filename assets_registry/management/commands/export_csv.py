"""`manage.py export_csv -o spaces.csv [--query ...]`: the same columns as /spaces.csv."""

from assets_registry.exporters import csv_export
from assets_registry.exporters.command import ExportCommand
from assets_registry.exporters.rows import public_row_chunks


class Command(ExportCommand):
    help = "Write published spaces as CSV, streamed."

    def handle(self, *args, **options):
        filters = self.filters(options)
        columns = csv_export.COLUMNS + (("distance_m",) if filters and filters.near else ())
        chunks = public_row_chunks(filters, base_url=self.base_url(options))
        self.write(csv_export.csv_chunks(chunks, columns=columns), options["output"])
