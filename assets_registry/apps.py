from django.apps import AppConfig


class AssetsRegistryConfig(AppConfig):
    name = "assets_registry"
    verbose_name = "Spaces"

    def ready(self):
        from wagtail.models import TaskState
        from wagtail.signals import task_submitted

        from assets_registry import signals  # noqa: F401  (spaces_changed, and its listeners)
        from assets_registry.notifications import submission_notifier

        # Wagtail's admin connects its submission e-mail under this dispatch_uid when its app is
        # ready, after ours (INSTALLED_APPS order): ours, connected first, takes that place, so
        # registry submissions reach moderators only through the digest (notifications.py).
        wagtails_uid = "group_approval_task_submitted_email_notification"
        task_submitted.connect(submission_notifier, sender=TaskState, dispatch_uid=wagtails_uid)
