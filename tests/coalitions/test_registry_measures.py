# ruff: noqa: F401, F811
"""Registry measures for a coalition's areas, as at the end of a month, on the real Ealing
boundary (spaces are placed in it by the atlas's own signals, as in production)."""

import datetime as dt

import pytest

from django.db import connection
from django.utils import timezone

from assets_registry.models import Asset
from atlas.models import Area, AreaKind
from atlas.selectors import space_counts
from coalitions import registry_measures
from coalitions.models import Coalition, RegistryMetric
from tests.assets_registry.factories import AssetFactory
from tests.atlas.conftest import london_boroughs

pytestmark = pytest.mark.django_db
# The atlas's fixtures, imported by name: pytest finds them here (F401/F811 are that, not errors).

EALING_POPULATION = 367_100
THIS_MONTH = timezone.localdate().replace(day=1)
LAST_MONTH = registry_measures.month_just_ended()


@pytest.fixture
def ealing(london_boroughs):
    return Area.objects.get(kind=AreaKind.LONDON_BOROUGH, code="E09000009")


@pytest.fixture
def place(ealing, django_capture_on_commit_callbacks):
    """Ealing with spaces of every sort the measures tell apart."""
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        spaces = {
            "purpose": AssetFactory(
                third_space_types=["purpose"], last_verified=today - dt.timedelta(days=30)
            ),
            "identity": AssetFactory(
                third_space_types=["identity"], last_verified=today - dt.timedelta(days=400)
            ),
            "activity": AssetFactory(third_space_types=["activity", "purpose"]),
            "plain": AssetFactory(third_space_types=[], last_verified=today),
            "temporarily_closed": AssetFactory(third_space_types=["activity"], status="temporarily_closed"),
            "closed": AssetFactory(third_space_types=["identity"], status="closed"),
            "resident": AssetFactory(third_space_types=[], data_source="resident"),
            "draft": AssetFactory(third_space_types=["purpose"], live=False),
            # In Baltimore: not in the place.
            "elsewhere": AssetFactory(latitude=39.2909, longitude=-76.6108, country="US", postcode="21202"),
        }
    return ealing, spaces


def test_measures_now_against_the_atlas_count(place):
    ealing, _spaces = place
    ealing.population = EALING_POPULATION
    ealing.save()

    values = registry_measures.compute_for_areas([ealing.pk], THIS_MONTH)

    # Independent counts: the atlas table's own grouped count of open and third spaces, and SQL.
    open_spaces, third = space_counts(area_ids=[ealing.pk])
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COUNT(*) FROM atlas_areaasset l JOIN assets_registry_asset a ON a.id = l.asset_id "
            "WHERE l.area_id = %s AND a.live AND a.status <> 'closed' AND a.third_space_mask <> 0",
            [ealing.pk],
        )
        (third_by_sql,) = cursor.fetchone()
    assert third[ealing.pk] == third_by_sql == 4  # purpose, identity, activity, temporarily closed
    assert open_spaces[ealing.pk] == 6
    per_10k = values[RegistryMetric.THIRD_SPACES_PER_10K]
    assert (per_10k.numerator, per_10k.denominator) == (third_by_sql, EALING_POPULATION)
    assert per_10k.value == pytest.approx(third_by_sql * 10_000 / EALING_POPULATION)
    bridging = values[RegistryMetric.BRIDGING_SHARE]
    assert (bridging.numerator, bridging.denominator) == (4, 6)
    assert bridging.value == pytest.approx(100 * 4 / 6)
    confirmed = values[RegistryMetric.CONFIRMED_SHARE]
    assert (confirmed.numerator, confirmed.denominator) == (2, 6)  # purpose (30 days), plain (today)
    assert values[RegistryMetric.RESIDENT_ADDED].value == 1


def test_unknown_population_gives_no_rate_and_says_why(place):
    ealing, _spaces = place
    assert ealing.population is None  # London boroughs carry no population in the atlas today

    per_10k = registry_measures.compute_for_areas([ealing.pk], THIS_MONTH)[
        RegistryMetric.THIRD_SPACES_PER_10K
    ]

    assert per_10k.value is None  # never 0
    assert per_10k.numerator == 4
    assert "population of Ealing is not known" in per_10k.missing


def test_a_past_month_counts_spaces_published_by_then(place):
    ealing, spaces = place
    ealing.population = EALING_POPULATION
    ealing.save()
    # "activity" was first published this month; the others long ago (and "closed" closed then).
    long_ago = timezone.now() - dt.timedelta(days=800)
    Asset.objects.exclude(pk=spaces["activity"].pk).update(first_published_at=long_ago, updated_at=long_ago)
    Asset.objects.filter(pk=spaces["activity"].pk).update(first_published_at=timezone.now())

    before = registry_measures.compute_for_areas([ealing.pk], LAST_MONTH)
    now = registry_measures.compute_for_areas([ealing.pk], THIS_MONTH)

    assert now[RegistryMetric.THIRD_SPACES_PER_10K].numerator == 4
    assert before[RegistryMetric.THIRD_SPACES_PER_10K].numerator == 3
    assert before[RegistryMetric.BRIDGING_SHARE].denominator == 5
    # Before any space was published there is nothing open: no share, and it says why.
    empty = registry_measures.compute_for_areas([ealing.pk], (long_ago - dt.timedelta(days=40)).date())
    assert empty[RegistryMetric.BRIDGING_SHARE].value is None
    assert "No open spaces" in empty[RegistryMetric.BRIDGING_SHARE].missing
    assert empty[RegistryMetric.THIRD_SPACES_PER_10K].value == 0  # a known population and none: 0


def test_a_closure_counts_from_the_spaces_last_change(place):
    ealing, spaces = place
    closed_on = timezone.now() - dt.timedelta(days=70)
    Asset.objects.update(first_published_at=timezone.now() - dt.timedelta(days=800))
    Asset.objects.filter(pk=spaces["closed"].pk).update(updated_at=closed_on)
    month_before_closing = registry_measures.first_of_month((closed_on - dt.timedelta(days=40)).date())

    before = registry_measures.compute_for_areas([ealing.pk], month_before_closing)
    after = registry_measures.compute_for_areas([ealing.pk], THIS_MONTH)

    assert (
        before[RegistryMetric.BRIDGING_SHARE].numerator == after[RegistryMetric.BRIDGING_SHARE].numerator + 1
    )


def test_confirmed_in_the_last_year_is_measured_from_the_months_end(place):
    ealing, spaces = place
    Asset.objects.update(first_published_at=timezone.make_aware(dt.datetime(2020, 1, 1)))
    month = dt.date(2024, 6, 1)
    Asset.objects.filter(pk=spaces["purpose"].pk).update(
        last_verified=dt.date(2023, 7, 1)
    )  # 365 days before 30 June
    Asset.objects.filter(pk=spaces["plain"].pk).update(last_verified=dt.date(2023, 6, 30))  # 366 days before
    Asset.objects.filter(pk=spaces["identity"].pk).update(
        last_verified=dt.date(2024, 7, 1)
    )  # after the month

    confirmed = registry_measures.compute_for_areas([ealing.pk], month)[RegistryMetric.CONFIRMED_SHARE]

    assert confirmed.numerator == 1


def test_every_metric_has_a_plain_definition():
    for metric in RegistryMetric:
        text = registry_measures.DEFINITIONS[metric].text
        assert text.startswith("Counts ") and "first published" in text, metric
    assert "confirmed" in registry_measures.DEFINITIONS[RegistryMetric.CONFIRMED_SHARE].text
    assert (
        "identity, activity or purpose" in registry_measures.DEFINITIONS[RegistryMetric.BRIDGING_SHARE].text
    )


def test_a_pilot_place_counts_each_space_once(place):
    from atlas.models import PilotPlace

    ealing, _spaces = place
    pilot = PilotPlace.objects.create(slug="ealing", name="Ealing", country="GB")
    pilot.areas.add(ealing)
    coalition = Coalition.objects.create(name="Ealing Together", slug="ealing", pilot_place=pilot)

    values = registry_measures.compute_for_areas(coalition.area_ids(), THIS_MONTH)

    assert values[RegistryMetric.BRIDGING_SHARE].denominator == 6


def test_month_helpers():
    assert registry_measures.month_just_ended(dt.date(2025, 1, 15)) == dt.date(2024, 12, 1)
    assert registry_measures.months_between(dt.date(2024, 11, 20), dt.date(2025, 2, 1)) == [
        dt.date(2024, 11, 1),
        dt.date(2024, 12, 1),
        dt.date(2025, 1, 1),
        dt.date(2025, 2, 1),
    ]
    end = registry_measures.month_end(dt.date(2024, 2, 1))
    assert timezone.localtime(end).date() == dt.date(2024, 3, 1)
