"""Seed the programme's twelve themes once. Editors may rename or retire them afterwards, so this
data is frozen here rather than imported (toolkits.taxonomy.SEED_THEMES holds the same list for
the demo loader)."""

from django.db import migrations

THEMES = [
    ("bonding-capital", "Bonding capital", "Trust and support within a group: families, congregations, clubs, people who share a background."),
    ("bridging-capital", "Bridging capital", "Ties across groups (income, faith, age, ethnicity) that open up information, opportunity and empathy."),
    ("economic-connectedness", "Economic connectedness", "Friendships between people on lower and higher incomes: one of the strongest predictors of upward mobility."),
    ("exposure", "Exposure", "How often people meet others unlike themselves at school, at work and in their neighbourhood."),
    ("bias-and-homophily", "Bias and homophily", "The tendency to befriend people like ourselves even when we meet others; lowest where a shared purpose brings people together."),
    ("third-spaces", "Third spaces", "Places beyond home and work where people gather by identity, activity or purpose."),
    ("co-production", "Co-production", "Designing and running services with the residents who use them, as equal partners."),
    ("community-assets", "Community assets", "The people, associations, organisations, buildings, businesses and culture a place can build on."),
    ("measurement-and-evaluation", "Measurement and evaluation", "Knowing whether connection grew: baselines, indicators, surveys and honest stories of change."),
    ("policy-and-advocacy", "Policy and advocacy", "Changing the rules, budgets and plans that shape where and how people can meet."),
    ("network-building", "Network building", "Weaving relationships between people and organisations so that they act together."),
    ("mobilising-resources", "Mobilising resources and funding", "Finding money, space, time and in-kind support, and sharing them fairly."),
]


def seed(apps, schema_editor):
    Theme = apps.get_model("toolkits", "Theme")
    for slug, name, description in THEMES:
        Theme.objects.get_or_create(slug=slug, defaults={"name": name, "description": description})


class Migration(migrations.Migration):
    dependencies = [("toolkits", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
