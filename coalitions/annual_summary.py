"""A coalition's year on one printable page: each measure's value at the year's start and end,
the reading as it stood at the year's end (the one rule of ``coalitions.readings``), and the
initiatives that ran in the year. Built from the public page data (``selectors.coalition_page``),
so it shows exactly what the impact page shows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from coalitions.readings import reading
from coalitions.selectors import CoalitionPage, InitiativeSummary, MeasureSeries, Point


@dataclass(frozen=True)
class MeasureYear:
    series: MeasureSeries
    start: Point | None  # the latest value before the year (or the baseline)
    end: Point | None  # the latest value in the year
    values_in_year: int
    reading: str  # as it stood at the end of the year


@dataclass(frozen=True)
class AnnualSummary:
    year: int
    measures: list[MeasureYear]
    initiatives: list[InitiativeSummary]
    years: list[int]  # every year there is a summary for, oldest first


def summary_years(page: CoalitionPage, *, today: dt.date) -> list[int]:
    """From the first year anything is dated (founding, a baseline, a value) to this year."""
    dates = [page.coalition.founded] if page.coalition.founded else []
    for series in page.measures:
        dates += [p.date for p in series.points]
        dates += [series.baseline.date] if series.baseline else []
    first = min([d.year for d in dates if d.year <= today.year], default=today.year)
    return list(range(first, today.year + 1))


def _latest_until(points: list[Point], day: dt.date) -> Point | None:
    found = None
    for point in points:  # oldest first
        if point.date > day:
            break
        found = point
    return found


def _measure_year(series: MeasureSeries, year: int) -> MeasureYear:
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    end = _latest_until(series.points, last)
    if end is not None and end.date < first:
        end = None
    start = _latest_until(series.points, first - dt.timedelta(days=1))
    if (
        series.baseline
        and (start is None or start.date < series.baseline.date)
        and series.baseline.date < first
    ):
        start = series.baseline
    latest = _latest_until(series.points, last)
    return MeasureYear(
        series=series,
        start=start,
        end=end,
        values_in_year=sum(first <= p.date <= last for p in series.points),
        reading=reading(
            baseline=series.baseline,
            latest=latest,
            target=series.target,
            unit=series.unit,
            direction=series.direction,
        ),
    )


def _ran_in(initiative: InitiativeSummary, year: int) -> bool:
    starts = initiative.starts or dt.date.min
    ends = initiative.ends or dt.date.max
    return starts.year <= year <= ends.year and (initiative.starts or initiative.ends) is not None


def annual_summary(page: CoalitionPage, year: int, *, today: dt.date) -> AnnualSummary | None:
    """The summary of ``year`` (None when the coalition has no such year: before its first
    dated record, or in the future)."""
    years = summary_years(page, today=today)
    if year not in years:
        return None
    return AnnualSummary(
        year=year,
        measures=[_measure_year(series, year) for series in page.measures],
        initiatives=[i for i in page.initiatives if _ran_in(i, year)],
        years=years,
    )
