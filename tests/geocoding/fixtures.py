"""Geocoding fixtures for every app's tests (a pytest plugin: ``tests/conftest.py`` loads it).

* ``gazetteer``: the committed gazetteer fixture, loaded through the real loaders (W5 2H*/2N*
  Ealing, CM1 Chelmsford/Essex, SS1, a few ZIPs and places: see ``gazetteer_fixture``).
* ``fresh_geocoding_caches``: empties Django's cache and the gazetteer's in-process caches before
  and after a test; they outlive a test's database transaction.
* ``online_geocoder``: geopy's Nominatim configured against a local server speaking its protocol
  (``FakeNominatim``; set ``.mode = "error"`` for an outage); ``geocoder_down`` is that outage.
"""

import pytest

from django.core.cache import cache

from geocoding.selectors import clear_caches
from tests.geocoding.gazetteer_fixture import load_fixture_gazetteer
from tests.geocoding.nominatim_server import FakeNominatim


@pytest.fixture
def gazetteer(db):
    return load_fixture_gazetteer()


@pytest.fixture
def fresh_geocoding_caches():
    cache.clear()
    clear_caches()
    yield
    cache.clear()
    clear_caches()


@pytest.fixture
def online_geocoder(settings):
    with FakeNominatim() as server:
        settings.GEOCODER_ONLINE = "nominatim"
        settings.GEOCODER_NOMINATIM_DOMAIN = server.domain
        settings.GEOCODER_NOMINATIM_SCHEME = "http"
        settings.GEOCODER_USER_AGENT = "cph-tests"
        settings.GEOCODER_TIMEOUT = 0.5
        settings.GEOCODER_MIN_DELAY_SECONDS = 0.0
        yield server


@pytest.fixture
def geocoder_down(online_geocoder):
    """An online geocoder configured and failing (HTTP 500), like an outage."""
    online_geocoder.mode = "error"
    return online_geocoder
