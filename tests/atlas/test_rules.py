"""Percentiles, the "sparse relative to need" rule and the strain signal on constructed cases."""

import datetime as dt

import pytest

from atlas import rules, selectors
from atlas.models import Area, AreaAsset, AreaKind, IndicatorValue
from atlas.services import (
    AreaData,
    areas_upsert,
    indicator_percentiles_refresh,
    indicator_upsert,
    indicator_values_upsert,
    percentile_ranks,
)
from atlas.sources import US_INDICATORS
from tests.assets_registry.factories import AssetFactory


def test_percentile_ranks_use_mid_ranks():
    assert list(percentile_ranks([1, 2, 3, 4])) == [12.5, 37.5, 62.5, 87.5]
    ties = percentile_ranks([5.0, 1.0, 1.0, 9.0])
    assert list(ties) == [62.5, 25.0, 25.0, 87.5]
    assert list(percentile_ranks([])) == []


def ec_indicator():
    spec = next(s for s in US_INDICATORS if s.slug == "us-economic-connectedness")
    return indicator_upsert(
        spec=spec, country="US", source="test", source_url="", vintage="", citation="test", licence=""
    )


def counties(values: dict[str, float | None], population: int | None = 100_000) -> dict[str, Area]:
    areas, _ = areas_upsert(
        kind=AreaKind.US_COUNTY,
        rows=[AreaData(code=code, name=f"County {code}", population=population) for code in values],
    )
    return areas


@pytest.mark.django_db
def test_stored_percentiles_are_national_and_follow_new_values():
    indicator = ec_indicator()
    areas = counties({"00001": 0.5, "00002": 0.7, "00003": 0.9, "00004": 1.1})
    indicator_values_upsert(
        indicator=indicator,
        kind=AreaKind.US_COUNTY,
        values={
            areas[c].pk: (v, None)
            for c, v in {"00001": 0.5, "00002": 0.7, "00003": 0.9, "00004": 1.1}.items()
        },
    )
    stored = dict(IndicatorValue.objects.values_list("area__code", "percentile"))
    assert stored == {"00001": 12.5, "00002": 37.5, "00003": 62.5, "00004": 87.5}
    # A fifth county joins: every rank moves, not only the new one.
    more = counties({"00005": 0.6})
    indicator_values_upsert(
        indicator=indicator, kind=AreaKind.US_COUNTY, values={more["00005"].pk: (0.6, None)}
    )
    stored = dict(IndicatorValue.objects.values_list("area__code", "percentile"))
    assert stored == {"00001": 10.0, "00005": 30.0, "00002": 50.0, "00003": 70.0, "00004": 90.0}
    assert indicator_percentiles_refresh(indicator=indicator, kind=AreaKind.US_COUNTY) == 0


@pytest.mark.parametrize(
    ("percentile", "third_spaces", "population", "status"),
    [
        (10.0, 3, 100_000, rules.SPARSE),  # bottom quarter and 0.3 per 10,000
        (25.0, 19, 100_000, rules.SPARSE),  # both on the edge: 25th percentile, 1.9 per 10,000
        (10.0, 20, 100_000, rules.ENOUGH_SPACES),  # low connectedness but 2.0 per 10,000
        (26.0, 0, 100_000, rules.NEED_NOT_HIGH),  # few spaces but connectedness above the bottom quarter
        (10.0, 4, None, rules.SPARSE),  # population unknown: fewer than 5 third spaces
        (10.0, 5, None, rules.ENOUGH_SPACES),
        (None, 0, 100_000, rules.UNKNOWN),  # no estimate published
    ],
)
def test_sparse_relative_to_need_rule(percentile, third_spaces, population, status):
    need = (
        None
        if percentile is None
        else rules.NeedMeasure(
            label="economic connectedness",
            percentile=percentile,
            need_when_high=False,
            area_noun="US counties",
        )
    )
    signal = rules.sparse_relative_to_need(need=need, third_spaces=third_spaces, population=population)
    assert signal.status == status
    assert signal.explanation
    if status == rules.SPARSE:
        assert "lower than in about" in signal.explanation and "US counties" in signal.explanation


@pytest.mark.parametrize(
    ("percentile", "third_spaces", "status", "words"),
    [
        (90.0, 3, rules.SPARSE, "higher than in about 90% of English local authorities"),
        (75.0, 19, rules.SPARSE, "higher than in about 75%"),  # the edge of the most deprived quarter
        (74.0, 0, rules.NEED_NOT_HIGH, "not in the highest quarter"),
        (90.0, 20, rules.ENOUGH_SPACES, "higher than in about 90%"),  # need is high, spaces are not few
    ],
)
def test_the_same_rule_reads_deprivation_the_other_way_round(percentile, third_spaces, status, words):
    """Where deprivation stands in for connectedness, high values mean need."""
    need = rules.NeedMeasure(
        label="deprivation (IMD 2025)",
        percentile=percentile,
        need_when_high=True,
        area_noun="English local authorities",
    )
    signal = rules.sparse_relative_to_need(need=need, third_spaces=third_spaces, population=100_000)
    assert signal.status == status
    assert signal.high_need == (percentile >= 75)
    assert words in signal.explanation
    assert "Deprivation (IMD 2025) here is higher than in about" in signal.explanation


def test_no_measure_of_need_is_unknown_not_no():
    signal = rules.sparse_relative_to_need(
        need=None, third_spaces=0, population=None, missing="economic connectedness or deprivation (IMD 2025)"
    )
    assert signal.status == rules.UNKNOWN and signal.high_need is None
    assert "no economic connectedness or deprivation (IMD 2025) estimate is published" in signal.explanation
    assert signal.answer == "We cannot tell yet: no measure of need"


@pytest.mark.django_db
def test_sparse_signal_and_strain_for_a_constructed_area():
    indicator = ec_indicator()
    codes = {f"{n:05d}": 0.5 + n / 100 for n in range(1, 9)}
    areas = counties(codes, population=20_000)
    indicator_values_upsert(
        indicator=indicator,
        kind=AreaKind.US_COUNTY,
        values={areas[c].pk: (v, None) for c, v in codes.items()},
    )
    poorest = areas["00001"]  # lowest connectedness of eight: 6.25th percentile
    today = dt.date(2026, 6, 1)
    recent, stale = today - dt.timedelta(days=30), today - dt.timedelta(days=400)
    spaces = [
        AssetFactory(country="US", third_space_types=["identity"], last_verified=recent),
        AssetFactory(country="US", third_space_types=[], categories=["market"], last_verified=recent),
        AssetFactory(country="US", third_space_types=["activity"], last_verified=stale),
        AssetFactory(country="US", third_space_types=["purpose"], status="closed", last_verified=recent),
        AssetFactory(
            country="US", third_space_types=["purpose"], status="temporarily_closed", last_verified=None
        ),
    ]
    AreaAsset.objects.bulk_create([AreaAsset(area=poorest, asset=a) for a in spaces])

    summary = selectors.area_spaces(poorest, today=today)
    assert (summary.total, summary.open, summary.third_spaces) == (5, 4, 3)
    assert (summary.closed, summary.temporarily_closed, summary.stale, summary.not_checked) == (1, 1, 0, 0)
    strain = summary.strain  # 400 days is within two years: only the closures count
    assert (strain.status, strain.known, strain.strained, strain.share) == (rules.NOT_STRAINED, 5, 2, 40.0)
    later = selectors.area_spaces(poorest, today=today + dt.timedelta(days=400)).strain
    assert (later.stale, later.strained, later.status) == (1, 3, rules.STRAINED)  # now 800 days
    assert {v: n for v, _label, n in summary.by_type} == {"identity": 1, "activity": 1, "purpose": 1}
    rows = selectors.area_indicator_rows(poorest)
    signal = selectors.area_sparse_verdict(poorest, rows, summary)
    assert signal.status == rules.SPARSE  # 6th percentile and 1.5 third spaces per 10,000
    assert signal.per_10k == pytest.approx(1.5)
    richest = areas["00008"]
    assert (
        selectors.area_sparse_verdict(
            richest, selectors.area_indicator_rows(richest), selectors.area_spaces(richest)
        ).status
        == rules.NEED_NOT_HIGH  # no spaces there, but the highest connectedness of the eight
    )
