"""Queue one schedule's periodic tasks (home/tasks.py PERIODIC); run it from cron or a timer."""

from django.core.management.base import BaseCommand

from home.tasks import PERIODIC


class Command(BaseCommand):
    help = "Queue the periodic tasks of one schedule (hourly, daily, monthly) for the task worker."

    def add_arguments(self, parser):
        parser.add_argument("schedule", choices=sorted(PERIODIC))

    def handle(self, *args, schedule, **options):
        for periodic_task in PERIODIC[schedule]:
            result = periodic_task.enqueue()
            self.stdout.write(f"Queued {periodic_task.module_path} ({result.id}, {result.status}).")
        if not PERIODIC[schedule]:
            self.stdout.write(f"No {schedule} tasks.")
