"""The read API at /api/v1/: spaces (find-a-space filters, pagination, one by id), taxonomy,
OpenAPI and docs, open CORS for reading; never a draft, a pending change or personal data."""

import datetime as dt

import pytest

from assets_registry import services
from assets_registry.public_fields import PUBLIC_FIELDS
from assets_registry.taxonomy import CATEGORIES, THIRD_SPACE_TYPES
from tests.assets_registry.factories import EALING_BROADWAY, AssetFactory

from .conftest import SECRET_EMAIL

pytestmark = pytest.mark.django_db

# What /api/v1/spaces/{id} may show: this exact set, no more.
PUBLIC_KEYS = {*PUBLIC_FIELDS, "url", "opening_hours", "distance_m"}
assert "submitter_email" not in PUBLIC_KEYS


@pytest.fixture
def registry():
    library = AssetFactory(
        name="Ealing Central Library",
        categories=["library"],
        third_space_types=["purpose"],
        free=True,
        submitter_email=SECRET_EMAIL,
    )
    club = AssetFactory(
        name="Southall Cricket Club",
        categories=["sports_club"],
        third_space_types=["activity"],
        latitude=51.5093,
        longitude=-0.3786,
        setting="hobby_recreational",
        kind="association",
    )
    closed = AssetFactory(name="Closed Chapel", categories=["place_of_worship"], status="closed")
    draft = AssetFactory(name="Unapproved Draft Hall", live=False, submitter_email=SECRET_EMAIL)
    # A resident's submission, waiting in the moderation workflow.
    pending = services.asset_submit(
        fields={"name": "Pending Submission Hall", "postcode": "", "categories": ["community_centre"]},
        latitude=EALING_BROADWAY[0],
        longitude=EALING_BROADWAY[1],
        submitter_email=SECRET_EMAIL,
    )
    # A published space with an unapproved change: the API shows the approved version only.
    edited = AssetFactory(name="Acton Arts Centre", categories=["arts_centre"])
    edited.name = "Renamed Before Approval"
    edited.save_revision()
    return {
        "library": library,
        "club": club,
        "closed": closed,
        "draft": draft,
        "pending": pending,
        "edited": edited,
    }


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.content[:500]
    assert SECRET_EMAIL.encode() not in response.content
    return response.json()


def names(body) -> list[str]:
    return [space["name"] for space in body["results"]]


def test_list_shows_published_spaces_only(client, registry):
    body = get(client, "/api/v1/spaces")
    assert sorted(names(body)) == ["Acton Arts Centre", "Ealing Central Library", "Southall Cricket Club"]
    assert body["total"] == 3 and body["num_pages"] == 1 and body["next"] is None
    assert set(body["results"][0]) == PUBLIC_KEYS
    assert body["facets"]["categories"]["library"] == 1
    with_closed = get(client, "/api/v1/spaces?include_closed=true")
    assert "Closed Chapel" in names(with_closed)


def test_a_space_by_id_and_drafts_are_not_found(client, registry):
    library = get(client, f"/api/v1/spaces/{registry['library'].pk}")
    assert library["name"] == "Ealing Central Library" and library["free"] is True
    assert library["url"].endswith(f"/spaces/{registry['library'].slug}/")
    assert set(library) == PUBLIC_KEYS
    for key in ("draft", "pending"):
        assert get(client, f"/api/v1/spaces/{registry[key].pk}", status=404)["detail"]
    assert get(client, f"/api/v1/spaces/{registry['edited'].pk}")["name"] == "Acton Arts Centre"
    get(client, "/api/v1/spaces/999999", status=404)


def test_filters_are_the_find_a_space_filters(client, registry):
    assert names(get(client, "/api/v1/spaces?category=library")) == ["Ealing Central Library"]
    assert names(get(client, "/api/v1/spaces?category=library&category=sports_club")) == [
        "Ealing Central Library",
        "Southall Cricket Club",
    ]
    assert names(get(client, "/api/v1/spaces?type=activity")) == ["Southall Cricket Club"]
    assert names(get(client, "/api/v1/spaces?free=true")) == ["Ealing Central Library"]
    assert names(get(client, "/api/v1/spaces?q=cricket")) == ["Southall Cricket Club"]
    assert names(get(client, "/api/v1/spaces?kind=association&setting=hobby_recreational")) == [
        "Southall Cricket Club"
    ]

    near = get(client, f"/api/v1/spaces?near={EALING_BROADWAY[0]},{EALING_BROADWAY[1]}&radius=1")
    assert "Southall Cricket Club" not in names(near)  # 5 km west
    assert near["results"][0]["distance_m"] == pytest.approx(0, abs=1)
    assert near["search_centre"]["radius_m"] == 1000
    wide = get(client, f"/api/v1/spaces?lat={EALING_BROADWAY[0]}&lon={EALING_BROADWAY[1]}&radius=10")
    assert names(wide)[-1] == "Southall Cricket Club"

    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    assert get(client, f"/api/v1/spaces?modified_after={tomorrow}")["total"] == 0
    assert get(client, "/api/v1/spaces?modified_after=2000-01-01T00:00:00Z")["total"] == 3


def test_pagination(client, registry):
    first = get(client, "/api/v1/spaces?per_page=2")
    assert (first["total"], first["num_pages"], len(first["results"])) == (3, 2, 2)
    assert first["previous"] is None and "page=2" in first["next"]
    second = client.get(first["next"]).json()
    assert len(second["results"]) == 1 and second["next"] is None
    assert set(names(first)) | set(names(second)) == {
        "Acton Arts Centre",
        "Ealing Central Library",
        "Southall Cricket Club",
    }
    assert get(client, "/api/v1/spaces?page=9")["results"] == []


def test_bad_parameters_get_clear_errors(client, registry):
    body = get(client, "/api/v1/spaces?near=Nowhere%20At%20All", status=404)
    assert "location" in body["errors"]
    assert get(client, "/api/v1/spaces?lat=51.5", status=400)["errors"]["lat"] == "Give both lat and lon."
    get(client, "/api/v1/spaces?category=nonsense", status=422)
    get(client, "/api/v1/spaces?per_page=1000", status=422)
    get(client, "/api/v1/spaces?radius=500&near=51.5,-0.3", status=422)


def test_taxonomy(client):
    vocabularies = get(client, "/api/v1/taxonomy")
    by_name = {v["name"]: v for v in vocabularies}
    assert [t["value"] for t in by_name["categories"]["terms"]] == CATEGORIES.values
    assert by_name["third_space_types"]["parameter"] == "type"
    assert [t["value"] for t in by_name["third_space_types"]["terms"]] == THIRD_SPACE_TYPES.values
    assert get(client, "/api/v1/taxonomy/category")["name"] == "categories"
    get(client, "/api/v1/taxonomy/nope", status=404)


def test_openapi_and_docs(client):
    schema = get(client, "/api/v1/openapi.json")
    assert {"/api/v1/spaces", "/api/v1/spaces/{space_id}", "/api/v1/taxonomy"} <= set(schema["paths"])
    space = schema["components"]["schemas"]["SpaceOut"]["properties"]
    assert "submitter_email" not in space and set(space) == PUBLIC_KEYS
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200
    # The site's own reference page (config.api_docs), rendered here: nothing from a CDN.
    assert b'id="model-SpaceOut"' in docs.content
    assert b"cdn." not in docs.content
    assert client.get("/api/hsds/openapi.json").status_code == 200


def test_open_cors_for_reading_only(client, registry):
    response = client.get("/api/v1/spaces", HTTP_ORIGIN="https://example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(
        "/api/v1/spaces", HTTP_ORIGIN="https://example.org", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET"
    )
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD"
    assert client.get("/spaces.csv", HTTP_ORIGIN="https://example.org")["Access-Control-Allow-Origin"] == "*"
    assert not client.get("/django-admin/login/").has_header("Access-Control-Allow-Origin")
    post = client.post("/api/v1/spaces", HTTP_ORIGIN="https://example.org")
    assert post.status_code == 405 and not post.has_header("Access-Control-Allow-Origin")


def test_no_response_anywhere_contains_personal_data(client, registry, gazetteer):
    urls = [
        "/api/v1/spaces",
        "/api/v1/spaces?include_closed=1&per_page=100",
        f"/api/v1/spaces/{registry['library'].pk}",
        "/api/hsds/services?full=true",
        "/api/hsds/service_at_locations?full=true",
        "/api/hsds/organizations?full_service=true",
        "/spaces.geojson",
        "/spaces.csv?include_closed=1",
        "/spaces/export.geojson",
        "/api/hsds/services?format=ndjson",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert SECRET_EMAIL.encode() not in body, url
        for hidden in (b"Unapproved Draft Hall", b"Pending Submission Hall", b"Renamed Before Approval"):
            assert hidden not in body, (url, hidden)
