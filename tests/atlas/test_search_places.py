"""Atlas search through the geocoder's place resolver: no county offered for a ZIP that shares its
code, one entry per area, and a county's districts for its name."""

import pytest

from atlas.models import Area, AreaKind
from tests.geocoding.gazetteer_fixture import load_fixture_gazetteer

pytestmark = pytest.mark.django_db


@pytest.fixture
def areas(us_counties, us_zips, london_boroughs):
    load_fixture_gazetteer()
    # Real codes: Robertson County, Kentucky's FIPS is 21201, the same digits as a Baltimore ZIP.
    Area.objects.create(kind=AreaKind.US_COUNTY, code="21201", name="Robertson, Kentucky", country="US")
    Area.objects.create(kind=AreaKind.UK_LAD, code="E09000009", name="Ealing", country="GB")
    Area.objects.create(kind=AreaKind.UK_LAD, code="E07000070", name="Chelmsford", country="GB")


def test_a_zip_is_not_the_county_with_the_same_digits(client, areas):
    page = client.get("/atlas/search/?q=21201").content.decode()
    assert 'href="/atlas/us_zip/21201/"' in page and 'href="/atlas/us_county/24510/"' in page
    assert "Robertson" not in page


def test_a_borough_that_is_also_a_local_authority_is_listed_once(client, areas):
    # One area left: the search goes straight to it.
    assert client.get("/atlas/search/?q=Ealing")["Location"] in (
        "/atlas/uk_lad/E09000009/",
        "/atlas/london_borough/E09000009/",
    )


def test_a_county_name_lists_its_districts_first(client, areas):
    page = client.get("/atlas/search/?q=Essex").content.decode()
    chelmsford = page.index('href="/atlas/uk_lad/E07000070/"')
    assert chelmsford < page.index('href="/atlas/us_county/25009/"')  # Essex County, Massachusetts
