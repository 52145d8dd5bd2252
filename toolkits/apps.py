from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_roles(sender, using="default", **kwargs):
    # Roles are code: `migrate` (and a test run's flush) leaves the Fellows and Moderators groups
    # with the permissions the knowledge hub needs.
    from toolkits.services import knowledge_hub_roles_ensure

    if using == "default":
        knowledge_hub_roles_ensure()


class ToolkitsConfig(AppConfig):
    name = "toolkits"
    verbose_name = "Toolkits and case studies"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        post_migrate.connect(_ensure_roles, sender=self, dispatch_uid="toolkits.ensure_roles")
