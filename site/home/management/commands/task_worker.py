"""The task worker: django-tasks-db's ``db_worker``, after queuing again what a dead worker left.

Run one or more beside the web servers (docs/deployment.md, "Background work"). SIGTERM or SIGINT
stops it gracefully: the task in hand finishes, then it exits; a second signal stops that task
too (it is then retried). Give each worker a ``--worker-id`` of its own that survives restarts
(systemd: ``%H-%i``): a restarted worker then queues again at once the task it was killed in.
"""

from django_tasks_db.management.commands import db_worker

from home.task_recovery import requeue_abandoned


class Command(db_worker.Command):
    help = (
        "Run queued tasks (django-tasks-db's db_worker), first queuing again tasks a dead worker "
        "left running: this worker's own (same --worker-id) and any older than TASK_STALE_AFTER."
    )

    def handle(self, *args, **options):
        requeued, failed = requeue_abandoned(worker_id=options["worker_id"])
        if requeued or failed:
            self.stdout.write(f"Queued again {requeued} abandoned task(s); {failed} out of attempts.")
        super().handle(*args, **options)
