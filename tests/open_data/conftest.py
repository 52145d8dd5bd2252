from pathlib import Path

import pytest

from django.core.cache import cache

from assets_registry.importers.base import IMPORT_FIELDS
from assets_registry.importers.mapping import ColumnMapping
from geocoding.selectors import clear_caches

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "open_data"
MAPPINGS = ROOT / "data" / "mappings"
GLA_SAMPLE = FIXTURES / "gla_cultural_infrastructure_sample.csv"
POW_SAMPLE = FIXTURES / "osm_places_of_worship_sample.csv"
POW_GEOJSON = FIXTURES / "osm_places_of_worship_sample.geojson"
HSDS = FIXTURES / "hsds"
SECRET_EMAIL = "resident.private.address@example.org"


def load_mapping(name: str) -> ColumnMapping:
    return ColumnMapping.load(MAPPINGS / name, allowed_fields=IMPORT_FIELDS)


@pytest.fixture(autouse=True)
def _fresh_caches():
    # Geocoder answers and cached area names live in Django's cache, which outlives a test.
    cache.clear()
    clear_caches()
    yield
    cache.clear()
    clear_caches()


@pytest.fixture
def gazetteer(db):
    """The committed gazetteer fixture: W5 2H*/2N* (Ealing), CM1 (Essex), SS1, a few ZIPs and places."""
    from tests.geocoding.gazetteer_fixture import load_fixture_gazetteer

    return load_fixture_gazetteer()
