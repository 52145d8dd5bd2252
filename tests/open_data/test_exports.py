"""Downloads: GeoJSON (RFC 7946) of any search and of everything, CSV of any search, streamed."""

import csv
import io
import json

import pytest

from django.core.management import call_command
from django.http import StreamingHttpResponse

from tests.assets_registry.factories import EALING_BROADWAY, AssetFactory

from .conftest import SECRET_EMAIL

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry():
    return {
        "library": AssetFactory(
            name="Ealing Central Library", categories=["library"], free=True, submitter_email=SECRET_EMAIL
        ),
        "club": AssetFactory(
            name="Southall Cricket Club",
            categories=["sports_club"],
            free=False,
            latitude=51.5093,
            longitude=-0.3786,
        ),
        "closed": AssetFactory(name="Closed Chapel", categories=["place_of_worship"], status="closed"),
        "unlocated": AssetFactory(name="Phone Befrienders", latitude=None, longitude=None),
        "draft": AssetFactory(name="Draft Hall", live=False, submitter_email=SECRET_EMAIL),
        "formula": AssetFactory(name='=HYPERLINK("http://evil.example")', phone="+44 20 8825 5000"),
    }


def body(response) -> bytes:
    assert isinstance(response, StreamingHttpResponse)
    content = b"".join(response.streaming_content)
    assert SECRET_EMAIL.encode() not in content
    return content


def assert_rfc7946(collection: dict) -> None:
    """The parts of RFC 7946 a consumer relies on."""
    assert collection["type"] == "FeatureCollection"
    for feature in collection["features"]:
        assert feature["type"] == "Feature" and "properties" in feature and "geometry" in feature
        geometry = feature["geometry"]
        if geometry is None:  # an unlocated feature (section 3.2)
            continue
        assert geometry["type"] == "Point"
        longitude, latitude = geometry["coordinates"]  # longitude first (section 3.1.1)
        assert -180 <= longitude <= 180 and -90 <= latitude <= 90
        assert all(len(repr(c).split(".")[-1]) <= 6 for c in geometry["coordinates"])


def test_full_geojson_download(client, registry):
    response = client.get("/spaces/export.geojson")
    assert response["Content-Type"] == "application/geo+json"
    assert 'filename="spaces.geojson"' in response["Content-Disposition"]
    collection = json.loads(body(response))
    assert_rfc7946(collection)
    by_name = {f["properties"]["name"]: f for f in collection["features"]}
    assert set(by_name) == {
        "Ealing Central Library",
        "Southall Cricket Club",
        "Closed Chapel",
        "Phone Befrienders",
        '=HYPERLINK("http://evil.example")',
    }
    library = by_name["Ealing Central Library"]
    assert library["id"] == registry["library"].pk
    assert library["geometry"]["coordinates"] == [EALING_BROADWAY[1], EALING_BROADWAY[0]]
    assert library["properties"]["url"].endswith(f"/spaces/{registry['library'].slug}/")
    assert "submitter_email" not in library["properties"]
    assert by_name["Phone Befrienders"]["geometry"] is None
    assert by_name["Closed Chapel"]["properties"]["status"] == "closed"


def test_geojson_of_a_search_is_what_the_list_shows(client, registry):
    near = f"lat={EALING_BROADWAY[0]}&lon={EALING_BROADWAY[1]}&radius=2"
    collection = json.loads(body(client.get(f"/spaces/export.geojson?{near}")))
    assert_rfc7946(collection)
    listed = client.get(f"/api/v1/spaces?{near}&per_page=100").json()["results"]
    assert [f["properties"]["name"] for f in collection["features"]] == [s["name"] for s in listed]
    assert all(f["properties"]["distance_m"] < 2000 for f in collection["features"])
    assert client.get("/spaces/export.geojson?radius=9999&lat=1&lon=1").status_code == 400


def test_the_map_feed_is_valid_geojson_too(client, registry):
    response = client.get("/spaces.geojson?category=library")
    assert response.status_code == 200 and SECRET_EMAIL.encode() not in response.content
    collection = response.json()
    assert_rfc7946(collection)
    assert [f["properties"]["name"] for f in collection["features"]] == ["Ealing Central Library"]
    properties = collection["features"][0]["properties"]
    # The map's part of the public projection: enough for a marker and its pop-up, no more.
    assert properties["url"].startswith("/spaces/") and properties["category_labels"]
    assert "description" not in properties and "opening_hours" not in properties


def test_csv_of_a_search(client, registry):
    response = client.get("/spaces.csv?category=library&category=sports_club")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(body(response).decode())))
    assert [row["name"] for row in rows] == ["Ealing Central Library", "Southall Cricket Club"]
    assert rows[0]["categories"] == "library"
    # Known yes/no facts keep their spelling; not known is an empty cell (test_unknown_is_unknown).
    assert [row["free"] for row in rows] == ["true", "false"] and rows[0]["step_free"] == ""
    assert "submitter_email" not in rows[0]
    assert client.get("/spaces.csv?category=nonsense").status_code == 400

    everything = list(csv.DictReader(io.StringIO(body(client.get("/spaces.csv?include_closed=1")).decode())))
    formula = next(row for row in everything if "HYPERLINK" in row["name"])
    assert formula["name"].startswith("'=")  # not run as a spreadsheet formula
    assert formula["phone"] == "+44 20 8825 5000"  # numbers and phone numbers are left alone
    assert {row["name"] for row in everything} >= {"Closed Chapel", "Phone Befrienders"}


def test_csv_near_a_place_has_distances(client, registry):
    response = client.get(f"/spaces.csv?lat={EALING_BROADWAY[0]}&lon={EALING_BROADWAY[1]}&radius=10")
    rows = list(csv.DictReader(io.StringIO(body(response).decode())))
    distances = [float(row["distance_m"]) for row in rows]
    assert distances == sorted(distances) and rows[-1]["name"] == "Southall Cricket Club"


def test_export_commands(tmp_path, registry):
    call_command("export_geojson", "--output", str(tmp_path / "all.geojson"))
    collection = json.loads((tmp_path / "all.geojson").read_text(encoding="utf-8"))
    assert_rfc7946(collection)
    assert len(collection["features"]) == 5
    call_command("export_csv", "--output", str(tmp_path / "libraries.csv"), "--query", "category=library")
    rows = list(csv.DictReader((tmp_path / "libraries.csv").open(encoding="utf-8")))
    assert [row["name"] for row in rows] == ["Ealing Central Library"]
    assert rows[0]["url"].startswith("http://testserver/spaces/")
    text = (tmp_path / "all.geojson").read_text() + (tmp_path / "libraries.csv").read_text()
    assert SECRET_EMAIL not in text and "Draft Hall" not in text


def test_exports_stream_in_chunks(registry, settings):
    from assets_registry.exporters import geojson
    from assets_registry.exporters.rows import public_row_chunks

    chunks = list(public_row_chunks(chunk_size=2))
    assert [len(c) for c in chunks] == [2, 2, 1]
    pieces = list(geojson.feature_collection_chunks(iter(chunks)))
    assert len(pieces) == 5  # head, one piece per chunk, tail
    assert len(json.loads("".join(pieces))["features"]) == 5


def test_find_a_space_links_to_the_same_search_as_downloads(client, registry):
    from tests.factories import make_site_home

    make_site_home()
    page = client.get("/spaces/?category=library")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'href="/spaces.csv?category=library"' in html
    assert 'href="/spaces/export.geojson?category=library"' in html
    default = client.get("/spaces/").content.decode()
    assert 'href="/spaces.csv?include_closed=0"' in default
    rows = list(csv.DictReader(io.StringIO(body(client.get("/spaces.csv?include_closed=0")).decode())))
    listed = client.get("/api/v1/spaces?per_page=100").json()["results"]
    assert [row["name"].removeprefix("'") for row in rows] == [space["name"] for space in listed]
