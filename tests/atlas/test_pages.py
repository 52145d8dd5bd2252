import json
import re

import pytest

from atlas.importers import USCountyImporter
from atlas.models import Area, AreaKind
from atlas.services import AreaData, areas_upsert, pilot_place_upsert
from tests.assets_registry.factories import AssetFactory
from tests.atlas.conftest import source_county_rows
from tests.factories import make_site_home
from tests.geocoding.gazetteer_fixture import load_fixture_gazetteer

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def site():
    make_site_home()


def table_names(html: str) -> list[str]:
    return re.findall(r'<th scope="row"><a href="/atlas/[^"]+">([^<]+)</a>', html)


def test_atlas_page_without_any_data(client):
    response = client.get("/atlas/")
    assert response.status_code == 200
    assert "No atlas data has been loaded yet" in response.content.decode()


def test_atlas_page_maps_and_tabulates_us_counties(client, us_counties):
    response = client.get("/atlas/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Economic connectedness: US counties" in html
    assert "/atlas/map/us_county.geojson?indicator=us-economic-connectedness" in html
    assert "Lowest fifth:" in html and "No estimate published" in html  # the text legend
    assert "Chetty" in html  # citation wherever the data shows
    assert "Baltimore City, Maryland" in html


def test_table_sorts_without_javascript(client, us_counties):
    html = client.get("/atlas/?sort=value&order=desc&q=Maryland").content.decode()
    names = table_names(html)
    maryland = [r for r in source_county_rows().values() if r["county_name"].endswith(", Maryland")]
    by_ec = sorted((r for r in maryland if r["ec_county"]), key=lambda r: -float(r["ec_county"]))
    assert names[:3] == [r["county_name"] for r in by_ec[:3]]
    assert 'aria-sort="descending"' in html
    ascending = table_names(client.get("/atlas/?sort=value&order=asc&q=Maryland").content.decode())
    assert ascending[: len(names)] != names and set(ascending) == set(names)


def test_map_endpoint_serves_cached_simplified_geojson(client, us_counties):
    response = client.get("/atlas/map/us_county.geojson?indicator=us-economic-connectedness")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    assert "max-age" in response["Cache-Control"]
    data = json.loads(response.content)
    features = {f["id"]: f for f in data["features"]}
    baltimore = features["24510"]["properties"]
    assert baltimore["value"] == pytest.approx(0.72158003)
    assert baltimore["class"] in range(5) and baltimore["url"] == "/atlas/us_county/24510/"
    assert data["atlas"]["legend"]["colours"][0] == "#ffffcc"
    assert (
        "Social Capital Atlas" in data["atlas"]["attribution"] and "US Census" in data["atlas"]["attribution"]
    )
    again = client.get(
        "/atlas/map/us_county.geojson?indicator=us-economic-connectedness",
        HTTP_IF_NONE_MATCH=response["ETag"],
    )
    assert again.status_code == 304
    assert client.get("/atlas/map/us_county.geojson?indicator=nope").status_code == 404


def test_area_page_shows_indicators_percentiles_and_spaces(
    client, us_counties, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # placed in its areas on commit
        AssetFactory(
            name="Waverly rec centre", latitude=39.3290, longitude=-76.6100, country="US", postcode="21218"
        )
    html = client.get("/atlas/us_county/24510/").content.decode()
    assert "Baltimore City, Maryland" in html
    assert "Economic connectedness" in html and "0.722" in html
    assert "Friending bias" in html
    assert "Waverly rec centre" in html
    assert "Are third spaces sparse relative to need?" in html
    assert "Are spaces here under strain?" in html and "<strong>Not checked yet</strong>" in html
    assert "Mapping the opportunity" in html
    assert "Nature 608(7921)" in html


def test_area_page_renders_with_missing_data(client):
    areas_upsert(kind=AreaKind.US_ZIP, rows=[AreaData(code="99999", name="ZIP 99999")])
    response = client.get("/atlas/us_zip/99999/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Population not known" in html
    assert "No spaces are recorded here yet" in html
    assert "We cannot tell yet" in html


def test_area_page_with_values_missing_for_some_indicators(client, tmp_path):
    # Published files leave cells blank where too few people were in the sample.
    path = tmp_path / "counties.csv"
    path.write_text(
        "county,county_name,pop2018,ec_county,ec_se_county,child_ec_county,child_ec_se_county\n"
        "24510,Baltimore City,614700,0.72158003,0.0052899998,,\n"
        "24005,Baltimore County,827625,0.88024998,0.0059400001,1.1372,0.01444\n"
    )
    USCountyImporter().run(path, commit=True, progress=False)
    html = client.get("/atlas/us_county/24510/").content.decode()
    assert "Childhood economic connectedness" in html
    assert "No estimate is published for this area" in html
    assert "0.722" in html


def test_unknown_areas_are_404(client, us_counties):
    assert client.get("/atlas/us_county/00000/").status_code == 404
    assert client.get("/atlas/planet/earth/").status_code == 404


def test_search_by_name_code_zip_and_postcode(client, us_counties, us_zips, london_boroughs):
    load_fixture_gazetteer()
    assert client.get("/atlas/search/?q=Baltimore City")["Location"] == "/atlas/us_county/24510/"
    # A ZIP: the ZIP's own area and the county its position falls in.
    by_zip = client.get("/atlas/search/?q=21201").content.decode()
    assert 'href="/atlas/us_zip/21201/"' in by_zip and 'href="/atlas/us_county/24510/"' in by_zip
    # A postcode is geocoded (offline gazetteer) and placed in the borough containing it.
    response = client.get("/atlas/search/?q=W5 2HL")
    assert response["Location"] == "/atlas/london_borough/E09000009/"
    several = client.get("/atlas/search/?q=Baltimore")
    assert several.status_code == 200 and "Baltimore County, Maryland" in several.content.decode()
    nothing = client.get("/atlas/search/?q=Atlantis")
    assert nothing.status_code == 404 and "No area matches" in nothing.content.decode()


def test_pilot_place_page(client, us_counties):
    pilot_place_upsert(
        slug="baltimore",
        name="Baltimore",
        country="US",
        summary="Baltimore City.",
        areas=Area.objects.filter(kind=AreaKind.US_COUNTY, code="24510"),
    )
    html = client.get("/atlas/places/baltimore/").content.decode()
    assert "Baltimore City, Maryland" in html
    assert "0.722" in html
    assert "No spaces recorded yet in Baltimore City, Maryland." in html
    assert "/toolkits/?stage=mapping" in html or "Mapping the opportunity" in html
    assert client.get("/atlas/places/").status_code == 200
    assert client.get("/atlas/places/atlantis/").status_code == 404


def test_table_sorts_by_spaces_and_density(client, us_counties, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # placed in their areas on commit
        for n in range(3):
            AssetFactory(
                name=f"Baltimore hall {n}", latitude=39.2909, longitude=-76.6108, country="US", postcode=""
            )
        AssetFactory(name="Boston hall", latitude=42.3603, longitude=-71.0580, country="US", postcode="")
    by_spaces = table_names(client.get("/atlas/?sort=spaces&order=desc").content.decode())
    assert by_spaces[:2] == ["Baltimore City, Maryland", "Suffolk, Massachusetts"]
    html = client.get("/atlas/?sort=density&order=desc").content.decode()
    populations = {
        r["county_name"]: int(r["pop2018"])
        for r in source_county_rows().values()
        if r["county"] in {"24510", "25025"}
    }
    densities = {
        name: count * 10_000 / populations[name]
        for name, count in [("Baltimore City, Maryland", 3), ("Suffolk, Massachusetts", 1)]
    }
    expected = sorted(densities, key=densities.get, reverse=True)
    assert table_names(html)[:2] == expected
    assert f"{densities['Baltimore City, Maryland']:.2f}" in html


def test_admin_lists_atlas_snippets(client, us_counties):
    from tests.factories import UserFactory

    admin = UserFactory(username="atlas-admin", is_superuser=True, is_staff=True)
    client.force_login(admin)
    for url in (
        "/admin/snippets/atlas/area/",
        "/admin/snippets/atlas/indicator/",
        "/admin/snippets/atlas/pilotplace/",
    ):
        assert client.get(url).status_code == 200, url
    area = Area.objects.get(kind=AreaKind.US_COUNTY, code="24510")
    response = client.get(f"/admin/snippets/atlas/area/edit/{area.pk}/")
    assert response.status_code == 200
    assert "Baltimore City, Maryland" in response.content.decode()
    assert client.get("/admin/snippets/atlas/area/?q=Baltimore").status_code == 200
