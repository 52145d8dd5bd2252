from django.core.management.base import BaseCommand, CommandError

from search.index_updates import replay


class Command(BaseCommand):
    help = (
        "Send Elasticsearch the index updates kept while it was down (pages and spaces), oldest "
        "first; idempotent. Safe from cron. Exits with status 1 if some are still waiting."
    )

    def handle(self, *args, **options):
        report = replay()
        self.stdout.write(
            f"Replayed {report.replayed} kept index update(s); {report.remaining} still waiting."
        )
        if report.error:
            raise CommandError(f"Elasticsearch is still unavailable ({report.error}); run this again later.")
