"""Rebuild the Elasticsearch find-a-space index with no downtime (see
``assets_registry/search_backends/elasticsearch_index.py``)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from assets_registry.search_backends import elasticsearch_index as asset_index


class Command(BaseCommand):
    help = (
        "Build a new timestamped find-a-space index from the database and move the alias to it "
        "atomically; searches keep answering from the old index until the swap."
    )

    def add_arguments(self, parser):
        parser.add_argument("--chunk-size", type=int, default=2000, help="Documents per bulk request.")
        parser.add_argument("--threads", type=int, default=2, help="Parallel bulk requests.")
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")
        parser.add_argument("--drop", action="store_true", help="Delete the index and its alias instead.")

    def handle(self, *args, chunk_size, threads, no_progress, drop, verbosity, **options):
        if not settings.ELASTICSEARCH_URL:
            raise CommandError(
                "ELASTICSEARCH_URL is not set: find-a-space uses the database, nothing to build."
            )
        try:
            if drop:
                asset_index.delete_all()
                self.stdout.write(f"Deleted every {asset_index.alias_name()} index.")
                return
            result = asset_index.rebuild(
                chunk_size=chunk_size, threads=threads, progress=not no_progress and verbosity > 0
            )
        except asset_index.AssetIndexError as error:
            raise CommandError(str(error)) from error
        removed = f"; removed {', '.join(result.removed)}" if result.removed else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"Indexed {result.indexed} spaces into {result.index} in {result.seconds:.1f}s; "
                f"{asset_index.alias_name()} now points at it{removed}."
            )
        )
