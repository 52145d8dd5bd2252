from django.apps import AppConfig
from django.core.management import call_command
from django.db.models.signals import post_migrate


def create_cache_tables(**kwargs):
    """Every `manage.py migrate` (make migrate, the deployment steps, CI) creates the database
    cache's tables too; with Redis configured it does nothing."""
    call_command("createcachetable", database=kwargs.get("using", "default"), verbosity=0)


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Site"

    def ready(self):
        # Retries with backoff for every queued task (a task_finished receiver).
        from home import page_cache_invalidation, task_retries  # noqa: F401

        page_cache_invalidation.connect()
        post_migrate.connect(create_cache_tables, sender=self, dispatch_uid="home_create_cache_tables")
