"""`manage.py export_hsds --output FOLDER [--query ...]`: the HSDS 3.0 tabular package."""

import sys
from pathlib import Path

from django.core.management.base import CommandError

from assets_registry.exporters import hsds
from assets_registry.exporters.command import ExportCommand
from assets_registry.exporters.rows import public_row_chunks


class Command(ExportCommand):
    help = (
        "Write published spaces as an Open Referral HSDS 3.0 tabular package into a folder (--output, "
        "required; nothing goes to standard output): one CSV per table (organizations.csv, services.csv, "
        "locations.csv, addresses.csv, attributes.csv, schedules.csv, taxonomies.csv...) and "
        "datapackage.json. Every row validates against the HSDS 3.0 schemas. Streamed."
    )
    output_help = (
        "Folder to write the package into (created if missing; its CSV files and datapackage.json "
        "are replaced)."
    )
    output_required = True
    output_metavar = "FOLDER"

    def handle(self, *args, **options):
        from tqdm import tqdm

        output: Path = options["output"]
        if output.exists() and not output.is_dir():
            raise CommandError(f"{output} exists and is not a folder.")
        chunks = public_row_chunks(self.filters(options), base_url=self.base_url(options))
        with tqdm(desc="Spaces", unit=" spaces", disable=options["verbosity"] < 1, file=sys.stderr) as bar:
            counts = hsds.write_package(output, chunks, progress=bar.update)
        for table, count in counts.items():
            self.stdout.write(f"  {hsds.table_schema(table)['path']:28} {count:>9} rows")
        self.stdout.write(self.style.SUCCESS(f"HSDS 3.0 package written to {output}/ (datapackage.json)"))
