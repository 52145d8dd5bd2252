"""E-mail each moderator what arrived in their areas since their last digest (run it from cron)."""

from django.core.management.base import BaseCommand

from assets_registry.notifications import send_moderation_digests


class Command(BaseCommand):
    help = "E-mail each moderator one digest of new submissions in their areas (e.g. hourly, from cron)."

    def handle(self, *args, **options):
        sent = send_moderation_digests()
        self.stdout.write(f"Sent {sent} moderation digest{'s' if sent != 1 else ''}.")
