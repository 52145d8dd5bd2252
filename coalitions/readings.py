"""The one-line reading of a measure, from its baseline, latest value and target: one rule for
every page, download and summary (docs/impact.md "Readings").

    "Up 12% since the baseline (March 2025); 40% of the way to the 2027 target."
    "Down 8% since the baseline (March 2025), the right way; the 2026 target is met."

* the change is a percentage of the baseline, or, when the baseline is 0, the change in units;
* the direction says whether a change is "the right way" or "the wrong way" (said only when it
  matters: a fall where higher is better, any change where lower is better); a measure with no
  better end gets no judgement;
* progress is the share of the distance from the baseline to the target covered so far; beyond
  the target it is "met"; a change away from the target says so.
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol

HIGHER = "higher"
LOWER = "lower"
NEUTRAL = "neutral"


class Dated(Protocol):
    date: dt.date
    value: float


def number(value: float, unit: str = "") -> str:
    """12, 12.5, 0.27, 1,234 — with the unit when it is short ("5 people", "12%", "3.1 per 10,000
    residents"); a unit that explains itself in brackets is left to the page's heading."""
    size = abs(value)
    decimals = 0 if float(value).is_integer() or size >= 100 else 1 if size >= 10 else 2
    text = f"{value:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text == "-0":
        text = "0"
    if not unit or "(" in unit:
        return text
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}"


def _month(day: dt.date) -> str:
    return f"{day:%B %Y}"


def _percent(change: float, base: float) -> str:
    share = abs(change) / abs(base) * 100
    return "less than 1%" if share < 1 else f"{share:.0f}%"


def _judgement(change: float, direction: str) -> str:
    if direction == NEUTRAL or change == 0:
        return ""
    improving = change > 0 if direction == HIGHER else change < 0
    if direction == LOWER:
        return ", the right way" if improving else ", the wrong way (lower is better)"
    return "" if improving else ", the wrong way"


def _change(baseline: Dated, latest: Dated, *, unit: str, direction: str) -> str:
    change = latest.value - baseline.value
    since = f"since the baseline ({_month(baseline.date)})"
    if change == 0:
        return f"No change {since}"
    verb = "Up" if change > 0 else "Down"
    if baseline.value == 0:
        amount = number(abs(change), "points" if unit == "%" else unit)
        return f"{verb} {amount} {since}, from 0{_judgement(change, direction)}"
    return f"{verb} {_percent(change, baseline.value)} {since}{_judgement(change, direction)}"


def _met(value: float, target: float, direction: str) -> bool:
    return value <= target if direction == LOWER else value >= target


def _progress(baseline: Dated, latest: Dated, target: Dated, direction: str) -> str:
    named = f"the {target.date.year} target"
    if direction != NEUTRAL and _met(latest.value, target.value, direction):
        return f"{named} is met"
    distance = target.value - baseline.value
    if distance == 0:  # a target of "hold the baseline", not yet held
        return f"short of {named} ({number(target.value)})"
    share = (latest.value - baseline.value) / distance
    if share < 0:
        return f"moving away from {named} ({number(target.value)})"
    if share == 0:
        return f"no progress yet towards {named} ({number(target.value)})"
    return f"{share * 100:.0f}% of the way to {named}"


def reading(
    *,
    baseline: Dated | None,
    latest: Dated | None,
    target: Dated | None,
    unit: str = "",
    direction: str = HIGHER,
) -> str:
    """The one line. ``latest`` is the most recent value (None: none yet); a value dated on or
    before the baseline is not "since" it."""
    aim = f"target {number(target.value, unit)} by {_month(target.date)}" if target else ""
    if latest is not None and baseline is not None and latest.date <= baseline.date:
        latest = None  # the baseline itself (e.g. the atlas release it was taken from): nothing newer
    if latest is None:
        if baseline:
            text = (
                f"No values since the baseline ({number(baseline.value, unit)}, {_month(baseline.date)}) yet"
            )
        else:
            text = "No values yet"
        return f"{text}; {aim}." if aim else f"{text}."
    if baseline is None:
        text = f"Latest {number(latest.value, unit)} ({_month(latest.date)}); no baseline to compare with"
        if target and direction != NEUTRAL and _met(latest.value, target.value, direction):
            aim = f"the {target.date.year} target ({number(target.value, unit)}) is met"
        return f"{text}; {aim}." if aim else f"{text}."
    text = _change(baseline, latest, unit=unit, direction=direction)
    if target:
        text += f"; {_progress(baseline, latest, target, direction)}"
    return f"{text}."
