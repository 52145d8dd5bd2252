"""Geocoders behind geopy's interface: the offline gazetteer, and an online geocoder through geopy.

Both speak geopy's `Geocoder` API (`geocode(query, exactly_one=True)` / `reverse(point)` returning
`geopy.location.Location`), and put a full `GeocodeResult` (precision, source, admin codes) in
`Location.raw`, so the chain treats them alike and another geopy geocoder can be slotted in.
"""

from __future__ import annotations

import hashlib
import logging

import pybreaker
from geopy.adapters import URLLibAdapter
from geopy.exc import GeocoderUnavailable, GeopyError
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


class NotCached(Exception):
    """The online geocoder has not been asked this yet, and the caller would not wait for it."""


class OnlineGeocoder(Geocoder):
    """Nominatim through geopy, with geopy's `RateLimiter` (one request per `min_delay_seconds`, the
    public server's policy), a timeout, a circuit breaker, and a Django cache of answers (including
    "no match") and of recent failures.

    `wait=False` answers from the cache only (`NotCached` otherwise): that is how web requests ask,
    so a slow or hanging service never holds a page; a background task asks with `wait=True`.
    Errors (timeouts, HTTP errors, refused connections) are geopy's `GeopyError`s, raised and
    remembered for `failure_seconds`, so nobody waits on a query that just failed. After
    `breaker_failures` failures in a row pybreaker opens the circuit: for `breaker_reset_seconds`
    no request is sent at all. The gazetteer fills in admin areas (local authority, county) near the
    answer, which Nominatim does not give as codes.
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
        failure_seconds: int = 300,
        breaker_failures: int = 3,
        breaker_reset_seconds: int = 60,
    ):
        super().__init__(scheme=scheme, timeout=timeout, user_agent=user_agent, adapter_factory=URLLibAdapter)
        # urllib, not requests: geopy's requests adapter retries inside urllib3, which would turn one
        # timeout into three; a failure here is retried by a later task, not at once.
        self.nominatim = Nominatim(
            domain=domain,
            scheme=scheme,
            user_agent=user_agent,
            timeout=timeout,
            adapter_factory=URLLibAdapter,
        )
        self.cache_seconds = cache_seconds
        self.failure_seconds = failure_seconds
        self.cache_scope = f"{scheme}://{domain}"
        # One breaker per process (pybreaker keeps its state in memory): each worker stops asking a
        # dead service after a few failures of its own.
        self.breaker = pybreaker.CircuitBreaker(
            fail_max=breaker_failures, reset_timeout=breaker_reset_seconds
        )
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

    def geocode(self, query, *, exactly_one=True, country=None, timeout=None, wait=True):
        query = " ".join(str(query).split())
        options = {"exactly_one": True, "addressdetails": True}
        if country:
            options["country_codes"] = country.lower()
        key = self._cache_key("geocode", query.lower(), (country or "").lower())
        location = self._answer(key, lambda: self._geocode(query, **options), wait=wait)
        return location if exactly_one or location is None else [location]

    def reverse(self, query, *, exactly_one=True, timeout=None, wait=True):
        point = Point(query)
        key = self._cache_key("reverse", round(point.latitude, 5), round(point.longitude, 5))
        ask = lambda: self._reverse((point.latitude, point.longitude), exactly_one=True, addressdetails=True)  # noqa: E731
        location = self._answer(key, ask, wait=wait)
        return location if exactly_one or location is None else [location]

    def _answer(self, key: str, ask, *, wait: bool) -> Location | None:
        cached = cache.get(key)
        if cached is None:
            if cache.get(key + ":failed"):
                raise GeocoderUnavailable("it failed on this a moment ago")
            if not wait:
                raise NotCached(key)
            cached = self._ask(key, ask)
        return to_location(GeocodeResult.from_dict(cached)) if cached else None

    def _ask(self, key: str, ask) -> dict:
        try:
            location = self.breaker.call(ask)
        except (GeopyError, pybreaker.CircuitBreakerError) as error:
            cache.set(key + ":failed", True, self.failure_seconds)
            if isinstance(error, GeopyError):
                raise
            raise GeocoderUnavailable(
                f"the circuit is open after {self.breaker.fail_max} failures"
            ) from error
        answer = self._convert(location).as_dict() if location else {}
        cache.set(key, answer, self.cache_seconds)
        return answer

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
