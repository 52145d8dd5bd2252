from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from assets_registry.importers.demo_extracts import IMPORTERS


class Command(BaseCommand):
    help = "Import open asset data (dry run unless --commit). Formats: " + ", ".join(IMPORTERS)

    def add_arguments(self, parser):
        parser.add_argument("format", choices=sorted(IMPORTERS))
        parser.add_argument("path", type=Path)
        parser.add_argument("--commit", action="store_true", help="Write to the database (default: dry run).")
        parser.add_argument("--report", type=Path, help="Write rejected rows and reasons to this CSV file.")

    def handle(self, *args, **options):
        path = options["path"]
        if not path.exists():
            raise CommandError(f"No such file: {path}")
        importer = IMPORTERS[options["format"]]()
        report = importer.run(importer.read_rows(path), commit=options["commit"], stdout=self.stderr)
        if options["report"]:
            report.write_rejections(options["report"])
        mode = "Imported" if options["commit"] else "Dry run (nothing written; add --commit)"
        self.stdout.write(
            f"{mode}: {report.created} created, {report.updated} updated, {report.unchanged} unchanged, "
            f"{len(report.rejected)} rejected."
        )
        for number, record, reason in report.rejected[:20]:
            self.stdout.write(f"  row {number} {record!r}: {reason}")
