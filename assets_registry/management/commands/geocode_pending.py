from django.core.management.base import BaseCommand

from assets_registry.locating import geocode_pending


class Command(BaseCommand):
    help = "Retry geocoding every space flagged needs_geocoding (after a geocoder outage). Safe from cron."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=None)

    def handle(self, *args, **options):
        located, pending = geocode_pending(limit=options["limit"])
        self.stdout.write(f"Located {located} space(s); {pending} still waiting.")
