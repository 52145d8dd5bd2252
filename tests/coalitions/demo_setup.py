"""What the coalitions' demo step needs of the atlas and the registry, for the demo tests of the
coalitions and of the connection survey built on them."""

import io

from django.core.management.base import OutputWrapper

from atlas.models import Area, AreaAsset, AreaKind, Indicator, IndicatorValue, PilotPlace
from tests.assets_registry.factories import AssetFactory

PLACES = [
    ("ealing", "Ealing", AreaKind.LONDON_BOROUGH, "E09000009", "GB", None),
    ("essex", "Essex", AreaKind.UK_LAD, "E07000070", "GB", None),
    ("baltimore", "Baltimore", AreaKind.US_COUNTY, "24510", "US", 614700),
    ("boston", "Boston", AreaKind.US_COUNTY, "25025", "US", 791766),
]


def indicator(slug, country, direction="higher_is_better"):
    return Indicator.objects.create(
        slug=slug,
        name=slug.replace("-", " ").capitalize(),
        description="A demo indicator.",
        source="Social Capital Atlas",
        vintage="July 2022",
        citation="Chetty et al. (2022)",
        country=country,
        direction=direction,
    )


def demo_pilots() -> dict:
    """The atlas's four pilot places, their indicators and four Ealing spaces: what the demo needs."""
    indicator("uk-income-deprivation", "GB", "lower_is_better")
    ec = indicator("us-economic-connectedness", "US")
    indicator("us-friending-bias", "US", "lower_is_better")
    areas = {}
    for order, (slug, name, kind, code, country, population) in enumerate(PLACES):
        area = Area.objects.create(kind=kind, code=code, name=name, country=country, population=population)
        PilotPlace.objects.create(slug=slug, name=name, country=country, sort_order=order).areas.set([area])
        areas[slug] = area
    IndicatorValue.objects.create(area=areas["baltimore"], indicator=ec, value=0.7221, percentile=20)
    for name, categories, types in (
        ("Acton Town Hall Library", ["library"], ["activity", "purpose"]),
        ("Acton Baptist Church", ["place_of_worship"], ["identity"]),
        ("Acton Vale", ["community_centre"], ["purpose"]),
        ("Ealing Broadway Café", ["pub_cafe"], []),
    ):
        space = AssetFactory(name=name, categories=categories, third_space_types=types)
        AreaAsset.objects.create(area=areas["ealing"], asset=space, is_third_space=bool(types))
    return areas


def demo_output(module) -> str:
    """Runs one app's demo step (``module.load``) and returns what it printed."""
    out = io.StringIO()
    module.load(stdout=OutputWrapper(out))
    return out.getvalue()
