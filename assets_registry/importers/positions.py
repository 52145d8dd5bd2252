"""Positions from a source's columns: grid references (easting/northing) as latitude/longitude,
and how far two position columns of one row disagree.

Grid references go through pyproj. For the British National Grid (EPSG:27700) the best
transformation is OSTN15, whose grid file pyproj does not ship; without it pyproj uses the
Helmert transformation "OSGB36 to WGS 84 (6)", 1.8 m from OSTN15 across London and under 5 m
anywhere in Great Britain (measured: docs/importers.md). With the grid installed (``projsync``),
the same code uses it.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass, field
from functools import lru_cache

GRID_FIELDS = ("easting", "northing")
DEFAULT_CRS = "EPSG:27700"
AGREE_M = 25.0  # two position columns closer than this agree
WILD_M = 1000.0  # further apart than this: a per-row warning, one of them is wrong
METRES_PER_DEGREE = 111_195.0  # on the mean-radius sphere
COMPASS = ("N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE", "S", "SSW", "SW", "WSW", "W", "WNW", "NW", "NNW")


class PositionError(ValueError):
    """A grid reference or CRS that cannot give a position; the message says why."""


@lru_cache(maxsize=8)
def _transformer(crs: str):
    """One transformer per CRS, and the area it is valid in (west, south, east, north)."""
    from pyproj import CRS, Transformer
    from pyproj.exceptions import CRSError

    try:
        source = CRS.from_user_input(crs)
    except CRSError as error:
        raise PositionError(f"“{crs}” is not a coordinate reference system pyproj knows ({error})") from error
    area = source.area_of_use
    bounds = (area.west, area.south, area.east, area.north) if area else (-180.0, -90.0, 180.0, 90.0)
    return Transformer.from_crs(source, "EPSG:4326", always_xy=True), bounds


def check_crs(crs: str) -> str:
    """The CRS as given, once pyproj has recognised it (PositionError otherwise)."""
    _transformer(crs)
    return crs


def grid_basis(crs: str = DEFAULT_CRS) -> str:
    return f"easting/northing ({crs})"


def grid_to_latlon(raw_easting, raw_northing, *, crs: str = DEFAULT_CRS) -> tuple[float, float]:
    """(latitude, longitude) of a grid reference; PositionError says what is wrong with it."""
    shown = f"“{raw_easting}”, “{raw_northing}”"
    try:
        easting, northing = float(str(raw_easting).strip()), float(str(raw_northing).strip())
    except ValueError:
        raise PositionError(f"bad grid reference {shown} (not numbers)") from None
    if not (math.isfinite(easting) and math.isfinite(northing)):
        raise PositionError(f"bad grid reference {shown} (not numbers)")
    if easting == 0 and northing == 0:
        raise PositionError("bad grid reference 0, 0")
    transformer, (west, south, east, north) = _transformer(crs)
    if crs == DEFAULT_CRS and not (0 <= easting <= 700_000 and 0 <= northing <= 1_300_000):
        raise PositionError(f"bad grid reference {shown} (outside the British National Grid)")
    lon, lat = transformer.transform(easting, northing)
    if not (math.isfinite(lat) and math.isfinite(lon)) or not (south <= lat <= north and west <= lon <= east):
        raise PositionError(f"bad grid reference {shown} (outside the area {crs} covers)")
    return lat, lon


@dataclass(frozen=True)
class Offset:
    """Where a point lies from a reference point: metres east and north, and the distance."""

    east_m: float
    north_m: float

    @property
    def metres(self) -> float:
        return math.hypot(self.east_m, self.north_m)

    @property
    def bearing(self) -> float:
        """Degrees clockwise from north."""
        return math.degrees(math.atan2(self.east_m, self.north_m)) % 360


def offset(reference: tuple[float, float], point: tuple[float, float]) -> Offset:
    """``point`` from ``reference`` on a local flat map (good to 0.1 % over tens of kilometres)."""
    north = (point[0] - reference[0]) * METRES_PER_DEGREE
    east = (point[1] - reference[1]) * METRES_PER_DEGREE * math.cos(math.radians(reference[0]))
    return Offset(east_m=east, north_m=north)


def compass(bearing: float) -> str:
    """One of 16 compass points ("ESE" for 117°)."""
    return COMPASS[round(bearing / 22.5) % 16]


def _angle_between(a: float, b: float) -> float:
    return abs((a - b + 180) % 360 - 180)


@dataclass
class OffsetSurvey:
    """The lat/lon columns measured against the grid references, row by row, for the report."""

    offsets: list[Offset] = field(default_factory=list)

    def add(self, grid_point: tuple[float, float], latlon_point: tuple[float, float]) -> Offset:
        found = offset(grid_point, latlon_point)
        self.offsets.append(found)
        return found

    def note(self) -> str:
        """One line for the import report ("" when no row had both)."""
        if not self.offsets:
            return ""
        compared = len(self.offsets)
        apart = [o for o in self.offsets if o.metres > AGREE_M]
        both = f"{compared} row{'s' if compared != 1 else ''} with both a grid reference and lat/lon"
        if not apart:
            median = statistics.median(o.metres for o in self.offsets)
            return (
                f"{both}: they agree within {AGREE_M:.0f} m (median {median:.1f} m). "
                "Positions were taken from the grid references."
            )
        distance = statistics.median(o.metres for o in apart)
        direction = Offset(
            east_m=statistics.median(o.east_m for o in apart),
            north_m=statistics.median(o.north_m for o in apart),
        ).bearing
        aligned = sum(1 for o in apart if _angle_between(o.bearing, direction) <= 45)
        # A datum slip (OSGB36 coordinates read as WGS84, or the reverse) moves every point of a
        # region the same way by roughly 70-130 m in Great Britain.
        consistent = aligned >= 0.75 * len(apart)
        if not consistent:
            why = ", in no one direction."
        else:
            why = ": a datum error?" if 40 <= distance <= 200 else "."
        return (
            f"{both}: {len(apart)} disagree by more than {AGREE_M:.0f} m; lat/lon look shifted "
            f"{distance:.0f} m {compass(direction)} of the grid references (median){why} "
            "Positions were taken from the grid references."
        )
