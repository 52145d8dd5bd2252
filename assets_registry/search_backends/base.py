"""The interface every find-a-space backend implements.

A backend is constructed with no arguments (``settings.ASSET_SEARCH_BACKEND`` names its class)
and answers one call:

    search(filters: AssetFilters, *, page: int, per_page: int) -> AssetSearchPage

Rules every backend must keep (the shared tests in tests/assets_registry check them):

* Only ``selectors.public_assets()`` rows (live, approved) are ever returned or counted; closed
  spaces only when ``filters.include_closed``.
* With ``filters.near``: only spaces within ``filters.effective_radius_m`` metres, by
  great-circle distance on a sphere of radius 6371.009 km (geopy's ``great_circle``), and each
  hit carries that distance in metres; ordered nearest first unless ``filters.sort`` says
  otherwise. Without ``near`` every distance is None.
* Facets are OR within a facet and AND across facets. ``facet_counts`` holds, for
  ``third_space_types``, ``categories``, ``kinds`` and ``settings``, {value: count} computed with
  every filter except that facet's own; and ``features`` {free, step_free, open_to_all,
  mixed_ages: count} within the result set. Values with no matches may be left out.
* Text: every word must match the start of a word in the name, description or keywords
  (category labels, place names); stemming is allowed.
* ``total`` counts every match; ``hits`` holds page ``page`` of ``per_page`` (empty past the end).
  Inside ``hints.counting_up_to(n)`` a backend may stop at ``n`` matches and say so
  (``total_is_lower_bound``); inside ``hints.without_facet_counts()`` it may leave the counts out.
* ``sort="newest"``: the most recently added first (highest id), which every index can give
  without reading all the matches; the search page's preview uses it.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from assets_registry.selectors import AssetFilters, AssetSearchPage

# geopy.distance.EARTH_RADIUS, in metres: distances agree with geopy's great_circle.
EARTH_RADIUS_M = 6371009.0
METRES_PER_DEGREE_LAT = math.pi * EARTH_RADIUS_M / 180


class AssetSearchBackend(Protocol):
    def search(self, filters: AssetFilters, *, page: int, per_page: int) -> AssetSearchPage: ...


def great_circle_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """geopy's great_circle formula (atan2 form, exact for all distances), without its object
    overhead: it runs once per candidate, so it must be cheap."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    sin1, cos1, sin2, cos2 = math.sin(phi1), math.cos(phi1), math.sin(phi2), math.cos(phi2)
    delta = math.radians(lon2 - lon1)
    cos_d, sin_d = math.cos(delta), math.sin(delta)
    return EARTH_RADIUS_M * math.atan2(
        math.sqrt((cos2 * sin_d) ** 2 + (cos1 * sin2 - sin1 * cos2 * cos_d) ** 2),
        sin1 * sin2 + cos1 * cos2 * cos_d,
    )


def bounding_box(lat: float, lon: float, radius_m: float) -> tuple[float, float, list[tuple[float, float]]]:
    """(min_lat, max_lat, [(min_lon, max_lon), ...]) enclosing the circle; two longitude ranges
    when it crosses the antimeridian, one full range near the poles."""
    dlat = radius_m / METRES_PER_DEGREE_LAT
    min_lat, max_lat = max(-90.0, lat - dlat), min(90.0, lat + dlat)
    widest = max(abs(min_lat), abs(max_lat))
    if widest >= 89.9:
        return min_lat, max_lat, [(-180.0, 180.0)]
    # The circle is widest in longitude at the latitude nearest a pole.
    dlon = math.degrees(
        math.asin(min(1.0, math.sin(radius_m / EARTH_RADIUS_M) / math.cos(math.radians(widest))))
    )
    dlon = max(dlon, dlat / math.cos(math.radians(widest)))
    if dlon >= 180:
        return min_lat, max_lat, [(-180.0, 180.0)]
    lo, hi = lon - dlon, lon + dlon
    if lo < -180:
        return min_lat, max_lat, [(lo + 360, 180.0), (-180.0, hi)]
    if hi > 180:
        return min_lat, max_lat, [(lo, 180.0), (-180.0, hi - 360)]
    return min_lat, max_lat, [(lo, hi)]
