"""`manage.py import_hsds FILE.json|FOLDER|datapackage.json --source NAME [--commit]`: docs/importers.md."""

from assets_registry.importers.command import SpaceImportCommand
from assets_registry.importers.hsds import HsdsImporter


class Command(SpaceImportCommand):
    help = (
        "Import Open Referral HSDS 3.0 data: an API response (JSON) or a tabular package (folder of "
        "CSV files with datapackage.json). Dry run unless --commit."
    )
    default_source = "hsds"

    def importer(self, path, options):
        return HsdsImporter(path, encoding=options["encoding"], **self.common_options(options))
