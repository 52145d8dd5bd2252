"""The geocoding service: offline gazetteer first, then the online geocoder if one is configured.

Public contract (imported by the asset registry):
    geocode(query, *, country=None) -> GeocodeResult | None
    reverse_geocode(latitude, longitude) -> GeocodeResult | None
    GeocodeResult, and the exceptions InvalidLocation and GeocodingUnavailable.
"""

from __future__ import annotations

from dataclasses import dataclass

from .exceptions import GeocodingUnavailable, InvalidLocation

__all__ = ["GeocodeResult", "GeocodingUnavailable", "InvalidLocation", "geocode", "reverse_geocode"]

PRECISIONS = ("postcode", "postcode_district", "zip", "place", "address", "point")


@dataclass(frozen=True)
class GeocodeResult:
    latitude: float
    longitude: float
    label: str
    precision: str  # one of PRECISIONS
    source: str  # "gazetteer" or "nominatim"
    country: str = ""  # "GB", "US" or another ISO 3166-1 alpha-2 code; "" when unknown
    postcode: str = ""  # normalised UK postcode or US ZIP, "" when not known
    # GB: local authority (GSS code, e.g. E09000009 Ealing) and county (E10000012 Essex; "" for unitary
    # authorities). US: both hold the county (5-digit FIPS, e.g. 24510, and its name), because a US
    # county is both the local government and the county: moderators scoped to either code match.
    admin_district_code: str = ""
    admin_district_name: str = ""
    admin_county_code: str = ""
    admin_county_name: str = ""
    region: str = ""  # GB: England/Scotland/Wales; US: the state's two-letter code

    @property
    def point(self) -> tuple[float, float]:
        return (self.latitude, self.longitude)


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
