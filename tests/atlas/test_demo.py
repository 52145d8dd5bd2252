"""The demo's US pilot places: Baltimore City's and Boston's spaces, placed in their counties."""

from io import StringIO

import pytest

from assets_registry import demo as registry_demo
from assets_registry.models import Asset
from atlas import demo as atlas_demo
from geocoding.loaders import load_gazetteer
from tests.factories import make_site_home

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_us_pilots():
    make_site_home()
    load_gazetteer(only=["us-zips"], progress=False)
    registry_demo.load_us_pilots(stdout=StringIO())
    atlas_demo.load(stdout=StringIO())


def test_us_pilot_spaces_are_published_and_placed_by_zip_code(demo_us_pilots):
    spaces = Asset.objects.filter(data_source="cph-demo-us-pilots")
    assert spaces.count() == sum(1 for _ in registry_demo.US_PILOTS.open(encoding="utf-8")) - 1
    assert not spaces.filter(live=False).exists()
    assert set(spaces.values_list("location_precision", flat=True)) == {"postcode"}
    assert set(spaces.values_list("admin_county_code", flat=True)) == {"24510", "25025"}


def test_baltimore_city_area_page_lists_its_demo_spaces(client, demo_us_pilots):
    in_baltimore = Asset.objects.filter(data_source="cph-demo-us-pilots", admin_county_code="24510").count()
    html = client.get("/atlas/us_county/24510/").content.decode()
    assert f"{in_baltimore} open spaces recorded" in html
    assert "Enoch Pratt Free Library" in html  # among the examples listed
    assert "Boston Public Library" not in html  # Suffolk County's, not Baltimore's


@pytest.mark.parametrize(("slug", "county"), [("baltimore", "24510"), ("boston", "25025")])
def test_pilot_place_pages_count_their_spaces(client, demo_us_pilots, slug, county):
    recorded = Asset.objects.filter(data_source="cph-demo-us-pilots", admin_county_code=county).count()
    response = client.get(f"/atlas/places/{slug}/")
    assert response.status_code == 200
    assert f"The registry records {recorded} spaces" in " ".join(response.content.decode().split())


def test_loading_the_us_pilots_twice_changes_nothing(demo_us_pilots):
    before = list(Asset.objects.filter(data_source="cph-demo-us-pilots").values_list("pk", "updated_at"))
    out = StringIO()
    registry_demo.load_us_pilots(stdout=out)
    after = list(Asset.objects.filter(data_source="cph-demo-us-pilots").values_list("pk", "updated_at"))
    assert before == after
    assert "0 created, 0 updated" in out.getvalue()
