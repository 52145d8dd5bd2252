"""Small line charts of a measure, drawn on the server as accessible SVG (docs/impact.md, "Pages").

Hand-written rather than a charting library: the site's Content-Security-Policy refuses inline
``<style>`` elements (pygal writes one into every chart, plus script hooks), pygal's output has
no ``role``/``aria-labelledby``, and it took about 19 ms a chart where the impact page draws 50
in its 100 ms budget. A chart here is a few hundred bytes of markup styled by site.css
(``.chart__*``), so it prints, follows forced colours and needs no JavaScript; the data table
beside it carries the same numbers for screen readers and for copying.

What a chart shows: the comparator band (a shaded range, e.g. the national interquartile range),
the target line (dashed) and its point, the baseline point (a square) and the observations (a
line with dots).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from coalitions.readings import number

WIDTH, HEIGHT = 320, 168
# The plot area inside the view box: room for y labels on the left and dates below.
LEFT, RIGHT, TOP, BOTTOM = 44, 10, 10, 24


@dataclass(frozen=True)
class Band:
    low: float
    high: float
    label: str  # "National interquartile range (US counties)"


@dataclass(frozen=True)
class ChartData:
    """What one chart draws. ``points`` are (date, value), oldest first."""

    chart_id: str  # unique on the page: the ids of <title> and <desc> derive from it
    title: str
    description: str  # one or two sentences a screen reader reads for the chart as a whole
    points: list[tuple[date, float]] = field(default_factory=list)
    baseline: tuple[date, float] | None = None
    target: tuple[date, float] | None = None
    band: Band | None = None


def nice_ticks(low: float, high: float, count: int = 4) -> list[float]:
    """Round tick values (1, 2, 2.5 or 5 × 10ⁿ apart) covering low..high."""
    if math.isclose(low, high):
        pad = abs(low) * 0.1 or 1.0
        low, high = low - pad, high + pad
    raw = (high - low) / max(1, count - 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = math.floor(low / step) * step
    ticks, value = [], first
    while value < high + step * 1e-9:
        ticks.append(round(value, 10))
        value += step
    if ticks[-1] < high:
        ticks.append(round(value, 10))
    return ticks


def number_label(value: float) -> str:
    """A tick label: 12, 0.25, 1.5k, 2.4M."""
    size = abs(value)
    if size >= 1_000_000:
        return f"{value / 1_000_000:g}M"
    if size >= 10_000:
        return f"{value / 1_000:g}k"
    return f"{value:,.4g}" if size >= 1 or value == 0 else f"{value:.3g}"


def date_label(day: date, *, span_days: int) -> str:
    return f"{day:%Y}" if span_days > 3 * 365 else f"{day:%b %Y}"


def _values(data: ChartData) -> list[float]:
    values = [v for _d, v in data.points]
    values += [p[1] for p in (data.baseline, data.target) if p]
    if data.band:
        values += [data.band.low, data.band.high]
    return values


def _dates(data: ChartData) -> list[date]:
    return [d for d, _v in data.points] + [p[0] for p in (data.baseline, data.target) if p]


def measure_chart(data: ChartData) -> SafeString:
    """The chart as inline SVG markup (an empty string when there is nothing to draw)."""
    values, dates = _values(data), _dates(data)
    if not values or not dates:
        return mark_safe("")
    ticks = nice_ticks(min(values), max(values))
    y_low, y_high = ticks[0], ticks[-1]
    first, last = min(dates).toordinal(), max(dates).toordinal()
    span = max(1, last - first)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(day: date) -> float:
        return LEFT + (day.toordinal() - first) / span * plot_w if last > first else LEFT + plot_w / 2

    def y(value: float) -> float:
        return TOP + (y_high - value) / (y_high - y_low) * plot_h

    cid = escape(data.chart_id)
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{cid}-title {cid}-desc" focusable="false" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{cid}-title">{escape(data.title)}</title>',
        f'<desc id="{cid}-desc">{escape(data.description)}</desc>',
    ]
    for tick in ticks:
        ty = y(tick)
        parts.append(
            f'<line class="chart__grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{ty:.1f}" y2="{ty:.1f}"/>'
            f'<text class="chart__label" x="{LEFT - 4}" y="{ty + 3.5:.1f}" text-anchor="end">'
            f"{escape(number_label(tick))}</text>"
        )
    if data.band:
        top, bottom = y(max(data.band.low, data.band.high)), y(min(data.band.low, data.band.high))
        parts.append(
            f'<rect class="chart__band" x="{LEFT}" y="{top:.1f}" width="{plot_w}" '
            f'height="{max(bottom - top, 1.5):.1f}"/>'
        )
    if data.target:
        ty = y(data.target[1])
        parts.append(
            f'<line class="chart__target" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{ty:.1f}" y2="{ty:.1f}"/>'
            f'<circle class="chart__target-point" cx="{x(data.target[0]):.1f}" cy="{ty:.1f}" r="4"/>'
        )
    if data.points:
        coords = " ".join(f"{x(d):.1f},{y(v):.1f}" for d, v in data.points)
        if data.baseline:  # the line starts at the baseline: progress reads from there
            coords = f"{x(data.baseline[0]):.1f},{y(data.baseline[1]):.1f} {coords}"
        parts.append(f'<polyline class="chart__line" points="{coords}"/>')
        radius = 2.5 if len(data.points) <= 24 else 1.4
        parts.extend(
            f'<circle class="chart__point" cx="{x(d):.1f}" cy="{y(v):.1f}" r="{radius}"/>'
            for d, v in data.points
        )
    if data.baseline:
        bx, by = x(data.baseline[0]), y(data.baseline[1])
        parts.append(
            f'<rect class="chart__baseline" x="{bx - 4:.1f}" y="{by - 4:.1f}" width="8" height="8"/>'
        )
    label_y = HEIGHT - 6
    parts.append(
        f'<text class="chart__label" x="{LEFT}" y="{label_y}">'
        f"{escape(date_label(min(dates), span_days=span))}</text>"
    )
    if last > first:
        parts.append(
            f'<text class="chart__label" x="{WIDTH - RIGHT}" y="{label_y}" text-anchor="end">'
            f"{escape(date_label(max(dates), span_days=span))}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text above is escaped; numbers are formatted here


def chart_band(series) -> Band | None:
    """The band a measure's chart shades: the national middle half of areas of the same kind, or
    else the range of the other pilot places' values (when there are at least two)."""
    national = series.comparators.national
    if national and national.band:
        return Band(
            national.band[0],
            national.band[1],
            f"Middle half of {national.label[:1].lower()}{national.label[1:]}",
        )
    values = [c.value for c in series.comparators.pilots if c.value is not None]
    if len(values) >= 2:
        return Band(min(values), max(values), "Range of the other pilot places")
    return None


def series_chart_data(series, *, chart_id: str, band: Band | None) -> ChartData:
    """What ``measure_chart`` needs from a ``selectors.MeasureSeries``."""
    said = [series.reading]
    if series.baseline:
        said.append(f"Baseline {number(series.baseline.value, series.unit)} ({series.baseline.date:%B %Y}).")
    if series.latest:
        said.append(f"Latest {number(series.latest.value, series.unit)} ({series.latest.date:%B %Y}).")
    if series.target:
        said.append(f"Target {number(series.target.value, series.unit)} by {series.target.date:%B %Y}.")
    if band:
        said.append(f"Shaded: {band.label}, {number(band.low)} to {number(band.high)}.")
    said.append(f"{len(series.points)} value{'s' if len(series.points) != 1 else ''}; the table gives each.")
    return ChartData(
        chart_id=chart_id,
        title=f"{series.name}" + (f" ({series.unit})" if series.unit else ""),
        description=" ".join(s for s in said if s),
        points=[(p.date, p.value) for p in series.points],
        baseline=(series.baseline.date, series.baseline.value) if series.baseline else None,
        target=(series.target.date, series.target.value) if series.target else None,
        band=band,
    )
