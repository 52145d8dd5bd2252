from django.db import migrations, models


# The starter groups every new site gets; editors change them in the admin (Snippets -> Search
# synonyms). Words of the field and UK/US spellings; stemming already covers word endings.
STARTER_SYNONYMS = [
    ("potluck, shared meal, shared supper, community meal, bring and share", "Eating together"),
    ("allotment, community garden, growing space, food growing", ""),
    ("youth club, youth centre, youth center, young people, teenagers", ""),
    ("interfaith, inter-faith, multi-faith, multifaith, across congregations, different faiths", ""),
    ("councillor, elected member, local politician, policymaker, decision maker", ""),
    ("evaluation, impact assessment, monitoring and evaluation, measuring impact", ""),
    ("parent and toddler group, stay and play, mums and tots, parents group, baby group", ""),
    ("newcomer, new arrival, refugee, migrant", ""),
    ("community centre, community center, village hall, community hall, neighbourhood centre", ""),
    ("neighbourhood, neighborhood", "UK and US spelling"),
    ("centre, center", "UK and US spelling"),
    ("organisation, organization", "UK and US spelling"),
    ("programme, program", "UK and US spelling"),
    ("food bank, food pantry", "UK and US names"),
    ("third space, third place", ""),
    ("loneliness, isolation, social isolation", ""),
    ("older people, older adults, elderly, seniors", ""),
    ("funding, grant, funder", ""),
    ("men's shed, mens shed", ""),
    ("mosque, masjid", ""),
]


def add_starter_synonyms(apps, schema_editor):
    SynonymGroup = apps.get_model("search", "SynonymGroup")
    SynonymGroup.objects.bulk_create(SynonymGroup(terms=terms, note=note) for terms, note in STARTER_SYNONYMS)


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="SynonymGroup",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "terms",
                    models.TextField(
                        help_text="Two or more words or short phrases that mean the same thing here, separated by commas, for example: potluck, shared meal, shared supper."
                    ),
                ),
                (
                    "note",
                    models.CharField(
                        blank=True,
                        help_text="Optional: why these belong together, for other editors. Not shown on the site.",
                        max_length=255,
                    ),
                ),
                ("updated_at", models.DateTimeField(auto_now=True)),
            ],
            options={
                "verbose_name": "search synonym group",
                "verbose_name_plural": "search synonyms",
                "ordering": ["terms"],
            },
        ),
        migrations.RunPython(add_starter_synonyms, migrations.RunPython.noop),
    ]
