"""Coordinates a resident types for a space's pin: read leniently, checked against the country.

The registry takes spaces in the United Kingdom and the United States (``forms.COUNTRY_CHOICES``),
so a pin must fall in the chosen country's box (generous: it only catches swapped or mistyped
numbers, such as latitude and longitude the wrong way round or a missing minus sign).
"""

from __future__ import annotations

import re

# (south, west, north, east): the UK with Northern Ireland and the islands; the US with Alaska
# (east of the antimeridian), Hawaii and Puerto Rico.
COUNTRY_BOXES = {
    "GB": (49.8, -8.7, 60.9, 1.8),
    "US": (17.8, -179.2, 71.5, -65.2),
}
COUNTRY_NAMES = {"GB": "the United Kingdom", "US": "the United States"}
_NUMBER = re.compile(r"^[+-]?\d{1,3}(?:\.\d+)?$")


class CoordinateError(ValueError):
    pass


def parse_degrees(text: str, *, what: str, limit: int, example: str) -> float | None:
    """A decimal number of degrees within ±``limit``; None for nothing typed."""
    value = (text or "").strip().replace("−", "-").rstrip("°")
    if not value:
        return None
    if not _NUMBER.match(value):
        raise CoordinateError(f"Enter the {what} as a number of degrees, like {example}")
    number = float(value)
    if not -limit <= number <= limit:
        raise CoordinateError(f"The {what} must be between -{limit} and {limit}, like {example}")
    return number


def split_pair(latitude: str, longitude: str) -> tuple[str, str]:
    """A pasted "51.5136, -0.3046" in the latitude box fills both when longitude is empty."""
    if latitude and not (longitude or "").strip():
        parts = [p for p in re.split(r"[,\s]+", latitude.strip()) if p]
        if len(parts) == 2:
            return parts[0], parts[1]
    return latitude, longitude


def outside_country(latitude: float, longitude: float, country: str) -> str:
    """A message when the position is outside the country's box ("" when inside or unknown)."""
    box = COUNTRY_BOXES.get(country)
    if box is None:
        return ""
    south, west, north, east = box
    if south <= latitude <= north and west <= longitude <= east:
        return ""
    return (
        f"The position {latitude:g}, {longitude:g} is not in {COUNTRY_NAMES[country]}. "
        "Check the numbers, or leave both boxes empty to use the postcode"
    )
