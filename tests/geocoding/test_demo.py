from io import StringIO

import pytest

from geocoding import demo
from geocoding.loaders import PILOT_AREAS
from geocoding.models import GBPostcode

from .gazetteer_fixture import FIXTURE_PATHS

pytestmark = pytest.mark.django_db


def test_demo_loads_the_gazetteer_once(settings):
    settings.GAZETTEER_DATA_PATHS = FIXTURE_PATHS
    settings.GAZETTEER_DEMO_AREAS = ""
    first, second = StringIO(), StringIO()
    demo.load(stdout=first)
    count = GBPostcode.objects.count()
    demo.load(stdout=second)
    assert "gb-postcodes: 73 rows" in first.getvalue()
    assert "all GB postcodes" in first.getvalue()
    assert second.getvalue().count("already loaded") == 5
    assert GBPostcode.objects.count() == count == 73


def test_demo_areas_setting(settings):
    settings.GAZETTEER_DATA_PATHS = FIXTURE_PATHS
    settings.GAZETTEER_DEMO_AREAS = "pilot"
    assert demo.demo_areas() == sorted(PILOT_AREAS)
    demo.load(stdout=StringIO())
    # Ealing, Southend and Essex's Chelmsford are pilot areas: every fixture postcode but Kent's is in.
    assert GBPostcode.objects.count() == 65
    settings.GAZETTEER_DEMO_AREAS = "E09000009"
    demo.load(stdout=StringIO())
    assert set(GBPostcode.objects.values_list("admin_district_code", flat=True)) == {"E09000009"}
