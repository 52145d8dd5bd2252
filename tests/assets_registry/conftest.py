import pytest

from django.core.cache import cache

from geocoding.selectors import clear_caches
from tests.geocoding.gazetteer_fixture import load_fixture_gazetteer
from tests.geocoding.nominatim_server import FakeNominatim


@pytest.fixture(autouse=True)
def _fresh_caches():
    # Rate-limit counters, cached area choices and geocoder answers live in Django's cache,
    # which outlives each test's database transaction.
    cache.clear()
    clear_caches()
    yield
    cache.clear()
    clear_caches()


@pytest.fixture
def gazetteer(db):
    """The committed gazetteer fixture (W5 2H*/2N* Ealing, CM1 Chelmsford/Essex, SS1, ZIPs…)."""
    return load_fixture_gazetteer()


@pytest.fixture
def geocoder_down(settings):
    """An online geocoder configured and failing (HTTP 500), like an outage."""
    with FakeNominatim() as server:
        server.mode = "error"
        settings.GEOCODER_ONLINE = "nominatim"
        settings.GEOCODER_NOMINATIM_DOMAIN = server.domain
        settings.GEOCODER_NOMINATIM_SCHEME = "http"
        settings.GEOCODER_USER_AGENT = "cph-tests"
        settings.GEOCODER_TIMEOUT = 0.5
        settings.GEOCODER_MIN_DELAY_SECONDS = 0.0
        yield server
    settings.GEOCODER_ONLINE = ""
