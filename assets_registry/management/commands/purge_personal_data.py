"""Erase residents' e-mails kept past their retention period (run it daily from cron)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from assets_registry.personal_data import purge_personal_data


class Command(BaseCommand):
    help = (
        "Erase residents' e-mails PERSONAL_DATA_RETENTION_DAYS after their submission was decided, "
        "and any whose submission is gone."
    )

    def handle(self, *args, **options):
        erased = purge_personal_data()
        days = settings.PERSONAL_DATA_RETENTION_DAYS
        self.stdout.write(
            f"Erased {erased} e-mail address{'es' if erased != 1 else ''} ({days}-day retention)."
        )
