"""The model permissions Wagtail asks of a steward before ``StewardPermissionPolicy`` narrows them
to their own coalitions' surveys: the "Coalition stewards" group may add, change, view and delete
surveys and survey researchers. Researchers need no group: their access is their
``SurveyResearcher`` row, and their pages are outside the admin.

Idempotent and given an app registry, so the data migration (0002_researcher_group) and run time
(tests whose flushed database lost what the migration made; the demo) share it.
"""

from __future__ import annotations

from django.apps import apps as global_apps

from coalitions.roles import STEWARDS_GROUP

STEWARD_PERMISSIONS = {
    "survey": ("add", "change", "delete", "view"),
    "surveyresearcher": ("add", "change", "delete", "view"),
}


def survey_permissions_ensure(apps=global_apps) -> None:
    Group = apps.get_model("auth", "Group")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=STEWARDS_GROUP)
    for model, actions in STEWARD_PERMISSIONS.items():
        content_type, _ = ContentType.objects.get_or_create(app_label="connections", model=model)
        for action in actions:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {model}"},
            )
            group.permissions.add(permission)
