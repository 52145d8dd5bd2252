"""The geocoding service: offline gazetteer first, then the online geocoder if one is configured.

Public contract (imported by the asset registry):
    geocode(query, *, country=None) -> GeocodeResult | None
    resolve(query, *, country=None, choice="") -> Resolution   (every place a name could be)
    reverse_geocode(latitude, longitude) -> GeocodeResult | None
    GeocodeResult, and the exceptions InvalidLocation and GeocodingUnavailable.
"""

from __future__ import annotations

from .exceptions import GeocodingPending, GeocodingUnavailable, InvalidLocation
from .places import Candidate, Resolution, districts_in
from .results import PRECISIONS, GeocodeResult

__all__ = [
    "PRECISIONS",
    "Candidate",
    "GeocodeResult",
    "GeocodingPending",
    "GeocodingUnavailable",
    "InvalidLocation",
    "Resolution",
    "districts_in",
    "geocode",
    "resolve",
    "reverse_geocode",
]


def geocode(query: str, *, country: str | None = None, wait: bool = False) -> GeocodeResult | None:
    """Best match for a postcode, postcode district, ZIP code or place name; None when nothing matches.

    Raises InvalidLocation for a malformed postcode or ZIP, GeocodingUnavailable when the online
    geocoder is configured, failed, and the gazetteer found nothing. Only background work and
    commands pass `wait=True`: otherwise the online geocoder's answer comes from its cache or is
    queued (GeocodingPending), so no page waits on another service (`lookups`).
    """
    from .chain import default_chain
    from .geocoders import NotCached
    from .lookups import look_up_later

    try:
        return default_chain().geocode(query, country=country, wait=wait)
    except NotCached:
        raise look_up_later(" ".join(query.split()), country=country) from None


def resolve(query: str, *, country: str | None = None, choice: str = "") -> Resolution:
    """Every gazetteer place or area a name could be, best first, and the one chosen (`choice`: a
    candidate's id, as a page keeps it in `?place=`). A postcode, ZIP code or a name only the online
    geocoder knows gives at most one candidate. Raises as `geocode` does.
    """
    from .chain import normalise_country
    from .parsers import KIND_PLACE, classify
    from .places import place_candidates

    parsed = classify(query)
    if parsed.kind == KIND_PLACE:
        candidates = place_candidates(parsed.value, country=normalise_country(country))
        if candidates:
            return Resolution.of(query, candidates, choice)
    result = geocode(query, country=country)
    return Resolution(query=query, candidates=(Candidate.from_result(result),) if result else ())


def reverse_geocode(latitude: float, longitude: float, *, wait: bool = False) -> GeocodeResult | None:
    """The nearest gazetteer postcode or ZIP to a point (gives the admin area for a dropped pin).
    Far from any, the online geocoder is asked only with `wait=True` (background work)."""
    from .chain import default_chain
    from .geocoders import NotCached

    try:
        return default_chain().reverse(latitude, longitude, wait=wait)
    except NotCached:
        raise GeocodingUnavailable(
            "Far from any postcode or ZIP code: looked up in the background."
        ) from None
