"""`manage.py export_hsds --output FOLDER [--query ...]`: the HSDS 3.0 tabular package."""

import sys
from pathlib import Path

from django.core.management.base import CommandError

from assets_registry.exporters import hsds
from assets_registry.exporters.command import ExportCommand
from assets_registry.exporters.rows import public_row_chunks


class Command(ExportCommand):
    help = (
        "Write published spaces as an Open Referral HSDS 3.0 tabular package: one CSV per table "
        "(organizations, services, locations, schedules, taxonomies...) and datapackage.json. Streamed."
    )

    def handle(self, *args, **options):
        from tqdm import tqdm

        output: Path | None = options["output"]
        if output is None:
            raise CommandError("Give the folder to write with --output.")
        if output.exists() and not output.is_dir():
            raise CommandError(f"{output} exists and is not a folder.")
        chunks = public_row_chunks(self.filters(options), base_url=self.base_url(options))
        with tqdm(desc="Spaces", unit=" spaces", disable=options["verbosity"] < 1, file=sys.stderr) as bar:
            counts = hsds.write_package(output, chunks, progress=bar.update)
        for table, count in counts.items():
            self.stdout.write(f"  {hsds.table_schema(table)['path']:28} {count:>9} rows")
        self.stdout.write(self.style.SUCCESS(f"HSDS 3.0 package written to {output}/ (datapackage.json)"))
