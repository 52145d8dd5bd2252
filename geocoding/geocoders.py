"""Geocoders behind geopy's interface: the offline gazetteer, and an online geocoder through geopy.

Both speak geopy's `Geocoder` API (`geocode(query, exactly_one=True)` / `reverse(point)` returning
`geopy.location.Location`), and put a full `GeocodeResult` (precision, source, admin codes) in
`Location.raw`, so the chain treats them alike and another geopy geocoder can be slotted in.
"""

from __future__ import annotations

import hashlib
import logging

from geopy.adapters import URLLibAdapter
from geopy.exc import GeopyError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim
from geopy.geocoders.base import Geocoder
from geopy.location import Location
from geopy.point import Point

from django.core.cache import cache

from . import selectors, uk_postcodes
from .parsers import KIND_PLACE, classify
from .places import place_candidates
from .results import GeocodeResult

logger = logging.getLogger(__name__)


def to_location(result: GeocodeResult) -> Location:
    return Location(result.label, (result.latitude, result.longitude), result.as_dict())


def from_location(location: Location) -> GeocodeResult:
    return GeocodeResult.from_dict(location.raw)


class GazetteerGeocoder(Geocoder):
    """The offline gazetteer as a geopy geocoder: no network, answers from the database.

    `geocode` raises `InvalidLocation` for a malformed postcode or ZIP code (rather than geopy's
    silent None) so that a resident is told what to fix.
    """

    def __init__(self):
        super().__init__(user_agent="connected-places-hub-gazetteer")

    def geocode(self, query, *, exactly_one=True, country=None, limit=5, timeout=None):
        parsed = classify(query)
        if parsed.kind == KIND_PLACE:
            results = [c.result for c in place_candidates(parsed.value, country=country, limit=limit)]
        else:
            results = selectors.lookup(parsed, country=country)
        if not results:
            return None
        return to_location(results[0]) if exactly_one else [to_location(r) for r in results]

    def explain(self, query, *, country=None):
        """For a UK postcode or district the gazetteer did not find: a coarser Location whose result
        carries a warning, or None; raises PostcodeNotLocatable when it names no place at all."""
        result = uk_postcodes.explain(classify(query), country=country)
        return to_location(result) if result else None

    def reverse(self, query, *, exactly_one=True, timeout=None):
        point = Point(query)
        result = selectors.nearest(point.latitude, point.longitude)
        if result is None:
            return None
        return to_location(result) if exactly_one else [to_location(result)]


# Nominatim's kinds of result, by `addresstype` (falling back to `type`) -> our precision.
NOMINATIM_ADDRESS_TYPES = {"house", "building", "house_number", "road", "street"}
NOMINATIM_PLACE_TYPES = {
    "city",
    "town",
    "village",
    "hamlet",
    "suburb",
    "neighbourhood",
    "quarter",
    "borough",
    "municipality",
    "locality",
    "county",
    "state",
    "city_district",
    "district",
    "administrative",
    "region",
    "country",
    "isolated_dwelling",
}


def nominatim_precision(raw: dict) -> str:
    kind = raw.get("addresstype") or raw.get("type") or ""
    address = raw.get("address") or {}
    if kind == "postcode":
        return "zip" if address.get("country_code", "").lower() == "us" else "postcode"
    if "house_number" in address or kind in NOMINATIM_ADDRESS_TYPES:
        return "address"
    if kind in NOMINATIM_PLACE_TYPES or raw.get("class") in {"place", "boundary"}:
        return "place"
    return "point"  # a named feature: a park, a hall, a shop


class OnlineGeocoder(Geocoder):
    """Nominatim through geopy, with geopy's `RateLimiter` (one request per `min_delay_seconds`, the
    public server's policy), a timeout, and a Django cache of answers (including "no match").

    Errors (timeouts, HTTP errors, refused connections) are geopy's `GeopyError`s and are raised,
    never cached, so the chain can report the service as unavailable and callers can retry later.
    The gazetteer fills in admin areas (local authority, county) near the answer, which Nominatim
    does not give as codes.
    """

    CACHE_PREFIX = "geocoding:nominatim:v1:"

    def __init__(
        self,
        *,
        domain: str,
        scheme: str,
        user_agent: str,
        timeout: float,
        min_delay_seconds: float = 1.0,
        cache_seconds: int = 30 * 24 * 3600,
    ):
        super().__init__(scheme=scheme, timeout=timeout, user_agent=user_agent, adapter_factory=URLLibAdapter)
        # urllib, not requests: geopy's requests adapter retries inside urllib3, which would turn a
        # 5 s timeout into 15 s inside a resident's request; a failure here is retried by a task.
        self.nominatim = Nominatim(
            domain=domain,
            scheme=scheme,
            user_agent=user_agent,
            timeout=timeout,
            adapter_factory=URLLibAdapter,
        )
        self.cache_seconds = cache_seconds
        self.cache_scope = f"{scheme}://{domain}"
        # No retries inside a web request: a failure is reported at once and retried later by a task.
        self._geocode = RateLimiter(
            self.nominatim.geocode,
            min_delay_seconds=min_delay_seconds,
            max_retries=0,
            swallow_exceptions=False,
        )
        self._reverse = RateLimiter(
            self.nominatim.reverse,
            min_delay_seconds=min_delay_seconds,
            max_retries=0,
            swallow_exceptions=False,
        )

    def _cache_key(self, *parts) -> str:
        text = "|".join(str(p) for p in (self.cache_scope, *parts))
        return self.CACHE_PREFIX + hashlib.sha256(text.encode()).hexdigest()

    def geocode(self, query, *, exactly_one=True, country=None, timeout=None):
        query = " ".join(str(query).split())
        key = self._cache_key("geocode", query.lower(), (country or "").lower())
        cached = cache.get(key)
        if cached is None:
            options = {"exactly_one": True, "addressdetails": True}
            if country:
                options["country_codes"] = country.lower()
            location = self._geocode(query, **options)
            cached = self._convert(location).as_dict() if location else {}
            cache.set(key, cached, self.cache_seconds)
        if not cached:
            return None
        location = to_location(GeocodeResult.from_dict(cached))
        return location if exactly_one else [location]

    def reverse(self, query, *, exactly_one=True, timeout=None):
        point = Point(query)
        key = self._cache_key("reverse", round(point.latitude, 5), round(point.longitude, 5))
        cached = cache.get(key)
        if cached is None:
            location = self._reverse((point.latitude, point.longitude), exactly_one=True, addressdetails=True)
            cached = self._convert(location).as_dict() if location else {}
            cache.set(key, cached, self.cache_seconds)
        if not cached:
            return None
        location = to_location(GeocodeResult.from_dict(cached))
        return location if exactly_one else [location]

    def _convert(self, location: Location) -> GeocodeResult:
        raw = location.raw or {}
        address = raw.get("address") or {}
        country = (address.get("country_code") or "").upper()
        result = GeocodeResult(
            latitude=location.latitude,
            longitude=location.longitude,
            label=location.address,
            precision=nominatim_precision(raw),
            source="nominatim",
            country=country,
            postcode=address.get("postcode", ""),
            region=address.get("state", ""),
        )
        return _with_admin_areas(result)


def _with_admin_areas(result: GeocodeResult) -> GeocodeResult:
    """Admin codes from the nearest gazetteer postcode or ZIP (GB and US only)."""
    if result.country not in ("GB", "US"):
        return result
    near = selectors.nearest(result.latitude, result.longitude)
    if near is None or near.country != result.country:
        return result
    return GeocodeResult.from_dict(
        {
            **result.as_dict(),
            "admin_district_code": near.admin_district_code,
            "admin_district_name": near.admin_district_name,
            "admin_county_code": near.admin_county_code,
            "admin_county_name": near.admin_county_name,
            "region": result.region or near.region,
        }
    )


__all__ = ["GazetteerGeocoder", "GeopyError", "OnlineGeocoder", "from_location", "to_location"]
