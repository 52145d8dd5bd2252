"""The one rule for a measure's one-line reading: each case the pages meet."""

import datetime as dt

import pytest

from coalitions.readings import HIGHER, LOWER, NEUTRAL, number, reading
from coalitions.selectors import Point

BASE = Point(dt.date(2025, 3, 1), 50)
TARGET = Point(dt.date(2027, 3, 1), 100)


def at(value: float, month: int = 9) -> Point:
    return Point(dt.date(2025, month, 1), value)


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        # Higher is better, moving towards the target.
        (
            {"baseline": BASE, "latest": at(56), "target": TARGET},
            "Up 12% since the baseline (March 2025); 12% of the way to the 2027 target.",
        ),
        (
            {"baseline": BASE, "latest": at(70), "target": TARGET},
            "Up 40% since the baseline (March 2025); 40% of the way to the 2027 target.",
        ),
        # Lower is better: a fall is the right way, a rise the wrong way.
        (
            {
                "baseline": Point(dt.date(2025, 3, 1), 100),
                "latest": at(92),
                "target": Point(dt.date(2026, 3, 1), 80),
                "direction": LOWER,
            },
            "Down 8% since the baseline (March 2025), the right way; 40% of the way to the 2026 target.",
        ),
        (
            {
                "baseline": Point(dt.date(2025, 3, 1), 100),
                "latest": at(110),
                "target": Point(dt.date(2026, 3, 1), 80),
                "direction": LOWER,
            },
            "Up 10% since the baseline (March 2025), the wrong way (lower is better); "
            "moving away from the 2026 target (80).",
        ),
        # Higher is better, moving away.
        (
            {"baseline": BASE, "latest": at(40), "target": TARGET},
            "Down 20% since the baseline (March 2025), the wrong way; "
            "moving away from the 2027 target (100).",
        ),
        # Target already met (and passed).
        (
            {"baseline": BASE, "latest": at(120), "target": TARGET},
            "Up 140% since the baseline (March 2025); the 2027 target is met.",
        ),
        (
            {
                "baseline": Point(dt.date(2025, 3, 1), 100),
                "latest": at(78),
                "target": Point(dt.date(2026, 3, 1), 80),
                "direction": LOWER,
            },
            "Down 22% since the baseline (March 2025), the right way; the 2026 target is met.",
        ),
        # No target.
        ({"baseline": BASE, "latest": at(55), "target": None}, "Up 10% since the baseline (March 2025)."),
        # No change.
        ({"baseline": BASE, "latest": at(50), "target": None}, "No change since the baseline (March 2025)."),
        (
            {"baseline": BASE, "latest": at(50), "target": TARGET},
            "No change since the baseline (March 2025); no progress yet towards the 2027 target (100).",
        ),
        # Baseline 0: no percentage, the change in units (points for a percentage).
        (
            {"baseline": Point(dt.date(2025, 3, 1), 0), "latest": at(12), "target": TARGET, "unit": "people"},
            "Up 12 people since the baseline (March 2025), from 0; 12% of the way to the 2027 target.",
        ),
        (
            {"baseline": Point(dt.date(2025, 3, 1), 0), "latest": at(7.5), "target": None, "unit": "%"},
            "Up 7.5 points since the baseline (March 2025), from 0.",
        ),
        # No baseline.
        (
            {"baseline": None, "latest": at(12), "target": None, "unit": "people"},
            "Latest 12 people (September 2025); no baseline to compare with.",
        ),
        (
            {"baseline": None, "latest": at(12), "target": TARGET, "unit": "people"},
            "Latest 12 people (September 2025); no baseline to compare with; "
            "target 100 people by March 2027.",
        ),
        (
            {"baseline": None, "latest": at(120), "target": TARGET},
            "Latest 120 (September 2025); no baseline to compare with; the 2027 target (100) is met.",
        ),
        # No observations yet.
        (
            {"baseline": BASE, "latest": None, "target": TARGET, "unit": "people"},
            "No values since the baseline (50 people, March 2025) yet; target 100 people by March 2027.",
        ),
        ({"baseline": None, "latest": None, "target": None}, "No values yet."),
        # The only value is the baseline's own (an atlas release): nothing since it.
        (
            {"baseline": BASE, "latest": Point(dt.date(2025, 3, 1), 50.2), "target": TARGET},
            "No values since the baseline (50, March 2025) yet; target 100 by March 2027.",
        ),
        # No better end (an atlas measure such as clustering): no judgement, no "met".
        (
            {"baseline": BASE, "latest": at(40), "target": None, "direction": NEUTRAL},
            "Down 20% since the baseline (March 2025).",
        ),
        # A tiny change is not rounded to "0%".
        (
            {"baseline": Point(dt.date(2025, 3, 1), 1000), "latest": at(1004), "target": None},
            "Up less than 1% since the baseline (March 2025).",
        ),
    ],
)
def test_reading(kwargs, expected):
    assert reading(**{"direction": HIGHER, **kwargs}) == expected


def test_target_equal_to_baseline_is_held_or_not():
    hold = Point(dt.date(2026, 3, 1), 50)
    assert reading(baseline=BASE, latest=at(51), target=hold) == (
        "Up 2% since the baseline (March 2025); the 2026 target is met."
    )
    assert reading(baseline=BASE, latest=at(49), target=hold) == (
        "Down 2% since the baseline (March 2025), the wrong way; short of the 2026 target (50)."
    )


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (12, "", "12"),
        (12.25, "%", "12.2%"),
        (1234.0, "people", "1,234 people"),
        (3.14159, "per 10,000 residents", "3.14 per 10,000 residents"),
        (-0.004, "", "0"),
        (0.2731, "ratio (1 = no income segregation)", "0.27"),
        (2.5, "", "2.5"),
    ],
)
def test_number(value, unit, text):
    assert number(value, unit) == text
