"""Template filters of the coalition pages: numbers as the readings write them."""

from __future__ import annotations

from django import template

from coalitions.readings import number

register = template.Library()


@register.filter
def measure_number(value, unit: str = "") -> str:
    """12, 12.5, 1,234 — with the unit ("12%", "5 people"); "–" for no value."""
    if value is None or value == "":
        return "–"
    return number(float(value), unit)


@register.filter
def percentile_text(value) -> str:
    """43.6 -> "44th"."""
    if value is None:
        return "–"
    n = round(float(value))
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
