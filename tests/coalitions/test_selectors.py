"""What the pages read: only live measures and observations, in a bounded number of queries."""

import datetime as dt

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from atlas.models import Area, AreaKind, PilotPlace
from coalitions import selectors
from coalitions.models import Coalition, Measure, MeasureKind, Observation, RegistryMetric, RegistrySnapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def coalitions():
    made = []
    for slug, code in (("ealing", "E09000009"), ("harlow", "E07000073")):
        area = Area.objects.create(kind=AreaKind.UK_LAD, code=code, name=slug.title(), country="GB")
        place = PilotPlace.objects.create(slug=slug, name=slug.title(), country="GB")
        place.areas.add(area)
        made.append(Coalition.objects.create(name=f"{slug.title()} Together", slug=slug, pilot_place=place))
    return made


def add_measures(coalition: Coalition, count: int, observations: int) -> None:
    measures = Measure.objects.bulk_create(
        Measure(
            coalition=coalition,
            kind=MeasureKind.RECORDED,
            name=f"Measure {i}",
            definition="Counted at the door.",
            unit="people",
            baseline_value=10,
            baseline_date=dt.date(2015, 1, 1),
            target_value=100,
            target_date=dt.date(2030, 1, 1),
        )
        for i in range(count)
    )
    Observation.objects.bulk_create(
        Observation(measure=m, value=10 + j, date=dt.date(2015, 1, 1) + dt.timedelta(days=30 * j))
        for m in measures
        for j in range(observations)
    )


def queries_for(slug: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        page = selectors.coalition_page(slug)
    assert page is not None
    return len(captured)


def test_query_count_does_not_grow_with_measures_or_observations(coalitions):
    ealing, harlow = coalitions
    add_measures(ealing, 2, 3)
    add_measures(harlow, 50, 120)

    small, large = queries_for("ealing"), queries_for("harlow")

    assert large == small
    page = selectors.coalition_page("harlow")
    assert len(page.measures) == 50 and all(len(m.points) == 120 for m in page.measures)
    # The same names in the other pilot place: each compares with the other.
    assert page.measures[0].comparators.pilots[0].label == "Ealing"


def test_drafts_never_show(coalitions):
    ealing, _harlow = coalitions
    live = Measure.objects.create(
        coalition=ealing, kind=MeasureKind.RECORDED, name="Volunteers", definition="Headcount.", unit="people"
    )
    Measure.objects.create(
        coalition=ealing, kind=MeasureKind.RECORDED, name="Secret draft", definition="-", live=False
    )
    Observation.objects.create(measure=live, value=12, date=dt.date(2025, 5, 1), note="Approved")
    Observation.objects.create(measure=live, value=999, date=dt.date(2025, 6, 1), note="Waiting", live=False)
    # A live observation with a change waiting for approval shows its approved (row) value.
    waiting = Observation.objects.create(measure=live, value=15, date=dt.date(2025, 7, 1))
    waiting.value = 500
    waiting.save_revision()

    page = selectors.coalition_page("ealing")

    assert [m.name for m in page.measures] == ["Volunteers"]
    assert [(p.value, p.note) for p in page.measures[0].points] == [(12, "Approved"), (15, "")]
    assert page.measures[0].reading == "Latest 15 people (July 2025); no baseline to compare with."
    assert selectors.coalition_page("nowhere") is None


def test_registry_series_and_unknown_population(coalitions):
    ealing, _harlow = coalitions
    Measure.objects.create(
        coalition=ealing,
        kind=MeasureKind.REGISTRY,
        name="Third spaces",
        registry_metric=RegistryMetric.THIRD_SPACES_PER_10K,
        definition="",
    )
    share = Measure.objects.create(
        coalition=ealing,
        kind=MeasureKind.REGISTRY,
        name="Bridging",
        registry_metric=RegistryMetric.BRIDGING_SHARE,
        definition="",
        baseline_value=40,
        baseline_date=dt.date(2025, 1, 1),
    )
    for month, value in ((dt.date(2025, 1, 1), 40), (dt.date(2025, 2, 1), 44)):
        RegistrySnapshot.objects.create(
            coalition=ealing, metric=RegistryMetric.BRIDGING_SHARE, month=month, value=value, numerator=4
        )

    bridging, per_10k = selectors.measure_series(ealing)  # by name

    assert per_10k.points == [] and "population of Ealing is not known" in per_10k.unavailable
    assert per_10k.reading == per_10k.unavailable
    assert bridging.measure_id == share.pk
    assert [p.value for p in bridging.points] == [40, 44]
    assert bridging.reading == "Up 10% since the baseline (January 2025)."
    assert bridging.definition.startswith("Counts open spaces where people meet") and bridging.unit == "%"


def test_shared_measures_across_coalitions(coalitions):
    ealing, harlow = coalitions
    for coalition, definition in ((ealing, "Counted at the door."), (harlow, "Survey of members.")):
        Measure.objects.create(
            coalition=coalition, kind=MeasureKind.RECORDED, name="Volunteers ", definition=definition
        )
        Measure.objects.create(
            coalition=coalition,
            kind=MeasureKind.REGISTRY,
            name="Share bridging",
            registry_metric=RegistryMetric.BRIDGING_SHARE,
            definition="",
        )
    Measure.objects.create(coalition=ealing, kind=MeasureKind.RECORDED, name="Only here", definition="-")

    shared = {s.key: s for s in selectors.shared_measures_across_coalitions()}

    assert set(shared) == {"recorded:volunteers", f"registry:{RegistryMetric.BRIDGING_SHARE}"}
    assert not shared["recorded:volunteers"].like_for_like
    assert "own definition" in shared["recorded:volunteers"].note
    assert shared[f"registry:{RegistryMetric.BRIDGING_SHARE}"].like_for_like
    assert [r.coalition.slug for r in shared["recorded:volunteers"].rows] == ["ealing", "harlow"]


def test_public_coalitions_headline(coalitions):
    ealing, harlow = coalitions
    Measure.objects.create(
        coalition=ealing, kind=MeasureKind.RECORDED, name="A", definition="-", sort_order=1
    )
    Measure.objects.create(
        coalition=ealing, kind=MeasureKind.RECORDED, name="B", definition="-", sort_order=2, headline=True
    )

    cards = {c.coalition.slug: c for c in selectors.public_coalitions()}

    assert cards["ealing"].headline.name == "B" and cards["ealing"].measure_count == 2
    assert cards["harlow"].headline is None and cards["harlow"].measure_count == 0


def test_vintage_dates():
    assert selectors.vintage_date("July 2022 (Facebook data, May 2022)") == dt.date(2022, 7, 1)
    assert selectors.vintage_date("2025 (File 10 v2, November 2025)") == dt.date(2025, 1, 1)
    assert selectors.vintage_date("unknown") is None
