"""Stewards' model permissions on surveys and their researchers (connections.surveys_roles)."""

from django.db import migrations


def forwards(apps, schema_editor):
    from connections.surveys_roles import survey_permissions_ensure

    survey_permissions_ensure(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("connections", "0001_initial"),
        ("coalitions", "0002_groups_and_workflow"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
