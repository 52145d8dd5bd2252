from django.core.management.base import BaseCommand

from atlas.services import assign_assets_to_areas


class Command(BaseCommand):
    help = (
        "Place every public space in the atlas areas it falls in (point in polygon; ZIPs by postcode "
        "or nearest ZIP centroid), and drop links of spaces no longer public. Idempotent. Changes to "
        "spaces (imports included) place themselves; run this after importing new boundaries."
    )

    def handle(self, *args, **options):
        result = assign_assets_to_areas(progress=True, stdout=self.stderr)
        self.stdout.write(
            f"{result.assets} public spaces in {result.links} area links "
            f"({result.created} added, {result.removed} removed)."
        )
