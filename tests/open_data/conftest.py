from pathlib import Path

import pytest

from assets_registry.importers.base import IMPORT_FIELDS
from assets_registry.importers.mapping import ColumnMapping

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
def _fresh_caches(fresh_geocoding_caches):
    """Every test here starts with empty caches (rate limits, area choices, geocoder answers)."""
