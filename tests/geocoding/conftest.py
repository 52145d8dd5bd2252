import pytest

from django.core.cache import cache

from geocoding.selectors import clear_caches

from .gazetteer_fixture import load_fixture_gazetteer


@pytest.fixture
def gazetteer(db):
    """The fixture gazetteer, loaded through the real loaders."""
    return load_fixture_gazetteer()


@pytest.fixture(autouse=True)
def _clear_geocoding_cache():
    # Online answers are cached in Django's cache, which outlives a test's database transaction.
    cache.clear()
    clear_caches()
    yield
    cache.clear()
    clear_caches()
