"""The geocoding service: offline gazetteer first, then the online geocoder if one is configured.

Public contract (imported by the asset registry):
    geocode(query, *, country=None) -> GeocodeResult | None
    reverse_geocode(latitude, longitude) -> GeocodeResult | None
    GeocodeResult, and the exceptions InvalidLocation and GeocodingUnavailable.
"""

from __future__ import annotations

from .exceptions import GeocodingUnavailable, InvalidLocation
from .results import PRECISIONS, GeocodeResult

__all__ = [
    "PRECISIONS",
    "GeocodeResult",
    "GeocodingUnavailable",
    "InvalidLocation",
    "geocode",
    "reverse_geocode",
]


def geocode(query: str, *, country: str | None = None) -> GeocodeResult | None:
    """Best match for a postcode, postcode district, ZIP code or place name; None when nothing matches.

    Raises InvalidLocation for a malformed postcode or ZIP, GeocodingUnavailable when the online
    geocoder is configured, failed, and the gazetteer found nothing.
    """
    from .chain import default_chain

    return default_chain().geocode(query, country=country)


def reverse_geocode(latitude: float, longitude: float) -> GeocodeResult | None:
    """The nearest gazetteer postcode or ZIP to a point (gives the admin area for a dropped pin)."""
    from .chain import default_chain

    return default_chain().reverse(latitude, longitude)
