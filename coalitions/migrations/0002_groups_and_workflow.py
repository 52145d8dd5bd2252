"""The "Coalition stewards" and "Coalition members" groups with their model permissions, and the
"Coalition approval" workflow (a StewardApprovalTask) for measures and observations
(``coalitions.roles``; idempotent, so the demo and tests can run it again)."""

from django.db import migrations


def forwards(apps, schema_editor):
    from coalitions.roles import roles_and_workflow_ensure

    roles_and_workflow_ensure(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("coalitions", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
