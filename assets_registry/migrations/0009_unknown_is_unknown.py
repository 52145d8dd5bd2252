"""Yes/no facts become three-state (unknown is not "no"); where a position came from; links
between a space and the one it may repeat or was merged into (issue 14)."""

import django.db.models.deletion
from django.db import migrations, models

from assets_registry.search_backends import text_index_sql as sql

YES_NO_FIELDS = ("free", "open_to_all", "mixed_ages", "step_free")


def false_to_unknown(apps, schema_editor):
    """These facts defaulted to False, so a stored False cannot be told from "never said": make
    it unknown (a source that says "no" says so again on its next import). Revisions too, so a
    draft or a revert does not bring the False back."""
    Asset = apps.get_model("assets_registry", "Asset")
    Revision = apps.get_model("wagtailcore", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for name in YES_NO_FIELDS:
        Asset.objects.filter(**{name: False}).update(**{name: None})
    content_type = ContentType.objects.filter(app_label="assets_registry", model="asset").first()
    if content_type is None:
        return
    revisions = Revision.objects.filter(base_content_type=content_type).only("content")
    for revision in revisions.iterator(chunk_size=500):
        content = revision.content or {}
        changed = [name for name in YES_NO_FIELDS if content.get(name) is False]
        if changed:
            for name in changed:
                content[name] = None
            Revision.objects.filter(pk=revision.pk).update(content=content)


class Migration(migrations.Migration):
    dependencies = [
        ("assets_registry", "0008_kind_label"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        # SQLite rebuilds the table to alter a column: its FTS view and triggers go first.
        migrations.RunPython(
            sql.migration_step({"sqlite": sql.SQLITE_DROP_NEAR_FTS}),
            sql.migration_step({"sqlite": sql.SQLITE_NEAR_FTS}),
        ),
        migrations.AddField(
            model_name="asset",
            name="duplicate_reasons",
            field=models.CharField(blank=True, editable=False, max_length=255),
        ),
        migrations.AddField(
            model_name="asset",
            name="location_basis",
            field=models.CharField(
                blank=True,
                help_text="The source columns (“easting/northing”) or the text geocoded (“postcode W5 2HL”).",
                max_length=100,
                verbose_name="position worked out from",
            ),
        ),
        migrations.AddField(
            model_name="asset",
            name="merged_into",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="merged_from",
                to="assets_registry.asset",
            ),
        ),
        migrations.AddField(
            model_name="asset",
            name="possible_duplicate_of",
            field=models.ForeignKey(
                blank=True,
                help_text="A published space this one may repeat; a moderator merges them or clears this.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="possible_duplicates",
                to="assets_registry.asset",
            ),
        ),
        migrations.AlterField(
            model_name="asset",
            name="free",
            field=models.BooleanField(blank=True, default=None, null=True, verbose_name="free to use"),
        ),
        migrations.AlterField(
            model_name="asset",
            name="mixed_ages",
            field=models.BooleanField(blank=True, default=None, null=True, verbose_name="mixed ages"),
        ),
        migrations.AlterField(
            model_name="asset",
            name="open_to_all",
            field=models.BooleanField(blank=True, default=None, null=True, verbose_name="open to all"),
        ),
        migrations.AlterField(
            model_name="asset",
            name="step_free",
            field=models.BooleanField(blank=True, default=None, null=True, verbose_name="step-free access"),
        ),
        migrations.RunPython(false_to_unknown, migrations.RunPython.noop),
        migrations.RunPython(
            sql.migration_step({"sqlite": sql.SQLITE_NEAR_FTS}),
            sql.migration_step({"sqlite": sql.SQLITE_DROP_NEAR_FTS}),
        ),
    ]
