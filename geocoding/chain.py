"""The fallback chain: the offline gazetteer first, then the online geocoder when one is configured."""

from __future__ import annotations

import functools
import logging

from geopy.exc import GeopyError

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .exceptions import GeocodingUnavailable
from .geocoders import GazetteerGeocoder, OnlineGeocoder, from_location
from .results import GeocodeResult

logger = logging.getLogger(__name__)


COUNTRY_ALIASES = {
    "UK": "GB",
    "GREAT BRITAIN": "GB",
    "UNITED KINGDOM": "GB",
    "USA": "US",
    "UNITED STATES": "US",
}


def normalise_country(country: str | None) -> str | None:
    """'gb' -> 'GB', 'UK' -> 'GB', 'USA' -> 'US'; anything that is not a country code is ignored."""
    code = " ".join((country or "").split()).upper()
    code = COUNTRY_ALIASES.get(code, code)
    return code if len(code) == 2 and code.isalpha() else None


class GeocoderChain:
    def __init__(self, offline: GazetteerGeocoder, online: OnlineGeocoder | None = None):
        self.offline = offline
        self.online = online

    def geocode(self, query: str, *, country: str | None = None, wait: bool = False) -> GeocodeResult | None:
        """Raises NotCached when only the online geocoder could answer and `wait` is False."""
        country = normalise_country(country)
        # The gazetteer raises InvalidLocation for a malformed postcode/ZIP before anything goes online.
        location = self.offline.geocode(query, country=country)
        if location is not None:
            return from_location(location)
        # A UK postcode outside the gazetteer's data: a coarser answer with a warning, for when the
        # online geocoder has nothing better (or PostcodeNotLocatable at once: it names no place).
        fallback = self.offline.explain(query, country=country)
        if self.online is None:
            return from_location(fallback) if fallback is not None else None
        try:
            location = self.online.geocode(query, country=country, wait=wait)
        except GeopyError as error:
            logger.warning("Online geocoder failed for %r: %s", query, error)
            # Not the coarse fallback: callers queue a retry, which may find the exact position.
            raise GeocodingUnavailable(
                f"The online geocoder is not answering ({type(error).__name__}); try again later."
            ) from error
        location = location if location is not None else fallback
        return from_location(location) if location is not None else None

    def reverse(self, latitude: float, longitude: float, *, wait: bool = False) -> GeocodeResult | None:
        location = self.offline.reverse((latitude, longitude))
        if location is not None:
            return from_location(location)
        if self.online is None:
            return None
        try:
            location = self.online.reverse((latitude, longitude), wait=wait)
        except GeopyError as error:
            logger.warning("Online reverse geocoding failed for %s,%s: %s", latitude, longitude, error)
            raise GeocodingUnavailable(
                f"The online geocoder is not answering ({type(error).__name__}); try again later."
            ) from error
        return from_location(location) if location is not None else None


def _online_settings() -> tuple:
    return (
        (getattr(settings, "GEOCODER_ONLINE", "") or "").strip().lower(),
        settings.GEOCODER_NOMINATIM_DOMAIN,
        settings.GEOCODER_NOMINATIM_SCHEME,
        settings.GEOCODER_USER_AGENT,
        float(settings.GEOCODER_TIMEOUT),
        float(getattr(settings, "GEOCODER_MIN_DELAY_SECONDS", 1.0)),
        int(getattr(settings, "GEOCODER_CACHE_SECONDS", 30 * 24 * 3600)),
        int(settings.GEOCODER_FAILURE_SECONDS),
        int(settings.GEOCODER_BREAKER_FAILURES),
        int(settings.GEOCODER_BREAKER_RESET_SECONDS),
    )


@functools.lru_cache(maxsize=4)
def _build_chain(online_settings: tuple) -> GeocoderChain:
    # One chain per configuration, kept for the process: the rate limiter must see every request.
    name, domain, scheme, user_agent, timeout, min_delay, cache_seconds, failure_s, breaker_n, reset_s = (
        online_settings
    )
    online = None
    if name == "nominatim":
        online = OnlineGeocoder(
            domain=domain,
            scheme=scheme,
            user_agent=user_agent,
            timeout=timeout,
            min_delay_seconds=min_delay,
            cache_seconds=cache_seconds,
            failure_seconds=failure_s,
            breaker_failures=breaker_n,
            breaker_reset_seconds=reset_s,
        )
    elif name:
        raise ImproperlyConfigured(f"GEOCODER_ONLINE={name!r}: use '' (offline only) or 'nominatim'.")
    return GeocoderChain(GazetteerGeocoder(), online)


def default_chain() -> GeocoderChain:
    """The chain for the current settings."""
    return _build_chain(_online_settings())
