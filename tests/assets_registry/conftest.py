import pytest


@pytest.fixture(autouse=True)
def _fresh_caches(fresh_geocoding_caches):
    """Every test here starts with empty caches (rate limits, area choices, geocoder answers)."""
