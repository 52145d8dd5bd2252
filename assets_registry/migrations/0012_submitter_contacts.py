"""Residents' e-mails move out of spaces and suggestions (and out of every revision of them) into
SubmitterContact, so that erasing one row erases an address (assets_registry/personal_data.py)."""

import secrets

import django.db.models.deletion
from django.db import migrations, models

from assets_registry.search_backends import text_index_sql as sql


def move_emails_out(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    Contact = apps.get_model("assets_registry", "SubmitterContact")
    for model_name in ("asset", "assetsuggestion"):
        model = apps.get_model("assets_registry", model_name)
        content_type, _ = ContentType.objects.get_or_create(app_label="assets_registry", model=model_name)
        rows = model.objects.exclude(submitter_email="").values_list("pk", "submitter_email")
        Contact.objects.bulk_create(
            Contact(content_type=content_type, object_id=str(pk), email=email, token=secrets.token_urlsafe(32))
            for pk, email in rows.iterator()
        )
        scrubbed = []
        for revision in Revision.objects.filter(base_content_type=content_type).only("pk", "content").iterator():
            if isinstance(revision.content, dict) and "submitter_email" in revision.content:
                revision.content.pop("submitter_email")
                scrubbed.append(revision)
            if len(scrubbed) >= 1000:
                Revision.objects.bulk_update(scrubbed, ["content"])
                scrubbed = []
        Revision.objects.bulk_update(scrubbed, ["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("assets_registry", "0011_moderation_digest_marks"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.CreateModel(
            name="SubmitterContact",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("object_id", models.CharField(max_length=64)),
                ("email", models.EmailField(max_length=254)),
                ("token", models.CharField(max_length=64, unique=True)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("decided_at", models.DateTimeField(blank=True, null=True)),
                (
                    "content_type",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="+", to="contenttypes.contenttype"
                    ),
                ),
            ],
            options={
                "indexes": [models.Index(fields=["content_type", "object_id"], name="assets_regi_content_a4275c_idx")],
            },
        ),
        migrations.RunPython(move_emails_out, migrations.RunPython.noop),
        # SQLite rebuilds the table to drop a column: its FTS view and triggers go first.
        migrations.RunPython(
            sql.migration_step({"sqlite": sql.SQLITE_DROP_NEAR_FTS}),
            sql.migration_step({"sqlite": sql.SQLITE_NEAR_FTS}),
        ),
        migrations.RemoveField(model_name="asset", name="submitter_email"),
        migrations.RemoveField(model_name="assetsuggestion", name="submitter_email"),
        migrations.RunPython(
            sql.migration_step({"sqlite": sql.SQLITE_NEAR_FTS}),
            sql.migration_step({"sqlite": sql.SQLITE_DROP_NEAR_FTS}),
        ),
    ]
