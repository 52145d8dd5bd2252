from django.db import migrations, models
from django.db.models import F


def completed_when_last_saved(apps, schema_editor):
    # A complete interview cannot change, so its last save is when it was completed.
    Interview = apps.get_model("connections", "Interview")
    Interview.objects.filter(status="complete", completed_at__isnull=True).update(completed_at=F("updated_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("connections", "0002_researcher_group"),
    ]

    operations = [
        migrations.AddField(
            model_name="interview",
            name="completed_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(completed_when_last_saved, migrations.RunPython.noop),
    ]
