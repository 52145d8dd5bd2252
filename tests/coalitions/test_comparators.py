# ruff: noqa: F401, F811
"""Comparators on real atlas values (Maryland and Massachusetts counties from the committed
Social Capital Atlas extract) and on the registry."""

import datetime as dt
import random

import pytest

from atlas.models import Area, AreaKind, Indicator, IndicatorValue, PilotPlace
from atlas.services import percentile_ranks
from coalitions import comparators
from coalitions.comparators import ComparatorContext
from coalitions.models import Coalition, Measure, MeasureKind, Observation, RegistryMetric
from tests.assets_registry.factories import AssetFactory
from tests.atlas.conftest import county_subset_csv, us_counties

pytestmark = pytest.mark.django_db
# The atlas's fixtures, imported by name: pytest finds them here (F401/F811 are that, not errors).

EC = "us-economic-connectedness"


def pilot(slug: str, name: str, *codes: str) -> Coalition:
    place = PilotPlace.objects.create(slug=slug, name=name, country="US")
    place.areas.set(Area.objects.filter(kind=AreaKind.US_COUNTY, code__in=codes))
    return Coalition.objects.create(name=f"{name} Connects", slug=slug, pilot_place=place)


def atlas_measure(coalition: Coalition, **fields) -> Measure:
    return Measure.objects.create(
        coalition=coalition,
        kind=MeasureKind.ATLAS,
        name="Economic connectedness",
        indicator=Indicator.objects.get(slug=EC),
        definition="",
        **fields,
    )


def recorded(coalition: Coalition, definition: str, value: float, unit: str = "people") -> Measure:
    measure = Measure.objects.create(
        coalition=coalition,
        kind=MeasureKind.RECORDED,
        name="Participants in bridging activities",
        definition=definition,
        unit=unit,
    )
    Observation.objects.create(measure=measure, value=value, date=dt.date(2025, 6, 1))
    return measure


def test_rank_is_the_atlas_percentile_convention():
    values = [random.Random(seed).choice([0.5, 0.7, 0.7, 0.9, 1.1, 1.3]) for seed in range(40)]
    expected = percentile_ranks(values)
    ordered = sorted(values)
    assert [comparators.rank(ordered, v) for v in values] == pytest.approx(list(expected))


def test_single_area_national_percentile_is_the_atlas_one(us_counties):
    baltimore = pilot("baltimore", "Baltimore", "24510")
    measure = atlas_measure(baltimore)
    stored = IndicatorValue.objects.get(indicator__slug=EC, area__code="24510", area__kind=AreaKind.US_COUNTY)

    national = comparators.atlas_national(ComparatorContext(), baltimore, measure)

    assert (national.value, national.percentile) == (stored.value, stored.percentile)
    assert national.like_for_like and national.note == ""
    assert national.label == "All US counties"
    values = list(IndicatorValue.objects.filter(indicator__slug=EC).values_list("value", flat=True))
    low, high = national.band
    assert sum(v < low for v in values) / len(values) == pytest.approx(0.25, abs=0.05)
    assert sum(v <= high for v in values) / len(values) == pytest.approx(0.75, abs=0.05)


def test_several_areas_are_population_weighted_and_say_so(us_counties):
    place = pilot("baltimore", "Baltimore", "24510", "24005")
    measure = atlas_measure(place)
    rows = IndicatorValue.objects.filter(
        indicator__slug=EC, area__code__in=["24510", "24005"]
    ).select_related("area")
    weights = {r.area.code: r.area.population for r in rows}
    assert all(weights.values())
    by_hand = sum(r.value * r.area.population for r in rows) / sum(weights.values())
    percentiles = sorted(round(r.percentile) for r in rows)

    national = comparators.atlas_national(ComparatorContext(), place, measure)

    assert national.value == pytest.approx(by_hand)
    assert not national.like_for_like
    assert "population-weighted average of its 2 areas" in national.note
    assert f"from the {percentiles[0]}" in national.note and f"to the {percentiles[1]}" in national.note


def test_other_pilots_same_atlas_indicator(us_counties):
    baltimore = pilot("baltimore", "Baltimore", "24510")
    boston = pilot("boston", "Boston", "25025")
    measure = atlas_measure(baltimore)
    boston_value = IndicatorValue.objects.get(indicator__slug=EC, area__code="25025").value

    (other,) = comparators.pilots(ComparatorContext(), baltimore, measure)

    assert (other.label, other.value, other.like_for_like, other.url_name) == (
        "Boston",
        boston_value,
        True,
        "boston",
    )
    assert boston.pk != baltimore.pk


def test_recorded_measures_of_the_same_name_compare_only_with_the_same_definition(us_counties):
    from coalitions.selectors import measure_series

    baltimore = pilot("baltimore", "Baltimore", "24510")
    boston = pilot("boston", "Boston", "25025")
    ours = recorded(baltimore, "People at our monthly mixers, counted at the door.", 40)
    recorded(boston, "Unique residents in any bridging activity over the year (survey).", 900)

    (series,) = measure_series(baltimore, measures=[ours])
    (other,) = series.comparators.pilots

    assert other.value == 900 and not other.like_for_like
    assert "Unique residents in any bridging activity" in other.note

    Measure.objects.filter(coalition=boston).update(
        definition=" people at our monthly MIXERS, counted at the door."
    )
    (series,) = measure_series(baltimore, measures=[ours])
    assert series.comparators.pilots[0].like_for_like


def test_registry_national_says_when_the_registry_covers_few_areas(
    us_counties, django_capture_on_commit_callbacks
):
    baltimore = pilot("baltimore", "Baltimore", "24510")
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            AssetFactory(latitude=39.2909, longitude=-76.6108, country="US", postcode="21202")
    counties = list(Area.objects.filter(kind=AreaKind.US_COUNTY).values_list("code", "population"))
    distribution = [(3 * 10_000 / pop) if code == "24510" else 0.0 for code, pop in counties if pop]
    by_hand = percentile_ranks(distribution)[[c for c, p in counties if p].index("24510")]

    national = comparators.registry_national(
        ComparatorContext(), baltimore, RegistryMetric.THIRD_SPACES_PER_10K
    )

    assert national.percentile == pytest.approx(by_hand)
    assert national.value == pytest.approx(3 * 10_000 / Area.objects.get(code="24510").population)
    assert not national.like_for_like
    assert f"only 1 of the {len(distribution)} US counties" in national.note


def test_baseline_from_another_year_than_the_atlas_release(us_counties):
    baltimore = pilot("baltimore", "Baltimore", "24510")
    measure = atlas_measure(
        baltimore,
        baseline_value=0.4,
        baseline_date=dt.date(2024, 1, 1),
        target_value=0.5,
        target_date=dt.date(2028, 1, 1),
    )
    from coalitions.selectors import measure_series

    (series,) = measure_series(baltimore, measures=[measure])

    assert series.points[0].date == dt.date(2022, 7, 1)  # the release's vintage, "July 2022"
    assert not series.comparators.baseline.like_for_like
    assert "2024" in series.comparators.baseline.note and "2022" in series.comparators.baseline.note
    assert series.comparators.target.value == 0.5
    # The newest release predates the baseline: nothing since it yet.
    assert (
        series.reading == "No values since the baseline (0.4, January 2024) yet; target 0.5 by January 2028."
    )
