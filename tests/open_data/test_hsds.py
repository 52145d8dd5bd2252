"""Open Referral HSDS 3.0: the API's output validates against the official JSON Schemas, the
examples import, and exporting to HSDS then importing into an empty database gives back the same
spaces."""

import csv
import datetime as dt
import json

import pytest

from django.core.management import call_command
from django.core.management.base import CommandError

from assets_registry import hsds_schema
from assets_registry.exporters import hsds
from assets_registry.exporters.rows import public_row_chunks
from assets_registry.importers.base import IMPORT_FIELDS
from assets_registry.importers.hsds import HsdsImporter
from assets_registry.models import Asset, OpeningHours
from importing.readers import ImportFileError
from tests.assets_registry.factories import W5_2HL, AssetFactory

from .conftest import HSDS, ROOT, SECRET_EMAIL

# ohana_locations.json: an Ohana API answer (a list of locations, as app/api/entities.rb of
# codeforamerica/ohana-api served them early in 2014); ohana_directory/sample_data.json: its
# data/sample_data.json shape (organizations with nested locations, one JSON object a line). Both
# written for the tests after those, with San Mateo County places, shortened, e-mails and sites
# replaced by example domains.
BAD_FILES = ROOT / "tests" / "fixtures" / "bad_files"

pytestmark = pytest.mark.django_db
PAGE_FIELDS = {
    "total_items",
    "total_pages",
    "page_number",
    "size",
    "first_page",
    "last_page",
    "empty",
    "contents",
}


def assert_valid(name: str, data: dict) -> None:
    errors = sorted(hsds_schema.validator(name).iter_errors(data), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])


def assert_page(body: dict, item_schema: str) -> None:
    assert set(body) >= PAGE_FIELDS
    for item in body["contents"]:
        assert_valid(item_schema, item)


def rich_space(**overrides):
    """A published space using every public field."""
    fields = {
        "name": "Dormers Wells Community Hub",
        "description": "A hall, a kitchen and a garden, run by neighbours.",
        "categories": ["community_centre", "park_garden"],
        "third_space_types": ["purpose", "activity"],
        "setting": "civic",
        "kind": "association",
        "audience": "Everyone in Southall",
        "free": True,
        "open_to_all": True,
        "mixed_ages": True,
        "step_free": True,
        "languages": "English, Punjabi, Somali",
        "accessibility_notes": "Level access; hearing loop in the main hall.",
        "address": "1 Dormers Wells Lane",
        "postcode": "UB1 3HX",
        "locality": "Southall",
        "region": "London",
        "country": "GB",
        "latitude": 51.5186123,
        "longitude": -0.3602345,
        "admin_district_code": "E09000009",
        "admin_district_name": "Ealing",
        "website": "https://dormerswells.example.org/",
        "phone": "020 8825 0000",
        "public_email": "hello@dormerswells.example.org",
        "opening_hours_notes": "Closed on bank holidays",
        "status": "active",
        "last_verified": dt.date(2025, 3, 1),
        "submitter_email": SECRET_EMAIL,
    }
    fields.update(overrides)
    asset = AssetFactory(**fields)
    OpeningHours.objects.create(asset=asset, weekday=0, opens=dt.time(9), closes=dt.time(17), sort_order=0)
    OpeningHours.objects.create(asset=asset, weekday=5, opens=dt.time(18), closes=dt.time(1), sort_order=1)
    return asset


@pytest.fixture
def spaces():
    rich = rich_space()
    plain = AssetFactory(
        name="Acton Library", categories=["library"], setting="", kind="", third_space_types=[]
    )
    closed = AssetFactory(name="Old Hall", status="closed", latitude=W5_2HL[0], longitude=W5_2HL[1])
    unlocated = AssetFactory(
        name="Online Reading Group", latitude=None, longitude=None, postcode="", locality=""
    )
    draft = AssetFactory(name="Secret Draft Hall", live=False, submitter_email=SECRET_EMAIL)
    return {"rich": rich, "plain": plain, "closed": closed, "unlocated": unlocated, "draft": draft}


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.content[:500]
    assert SECRET_EMAIL.encode() not in response.content
    return response.json()


def test_services_list_and_full_service_validate(client, spaces):
    body = get(client, "/api/hsds/services")
    assert_page(body, "compiled/service_list")
    names = {s["name"] for s in body["contents"]}
    assert "Secret Draft Hall" not in names
    assert {"Dormers Wells Community Hub", "Old Hall", "Online Reading Group"} <= names
    assert body["total_items"] == 4 and body["page_number"] == 1 and body["size"] == 4

    full = get(client, "/api/hsds/services?full=true")
    for service in full["contents"]:
        assert_valid("service", service)
    service_id = hsds.record_id("service", spaces["rich"].pk)
    service = get(client, f"/api/hsds/services/{service_id}")
    assert_valid("service", service)
    assert service["status"] == "active" and service["fees_description"] == "Free"
    assert {a["taxonomy_term"]["code"] for a in service["attributes"]} >= {
        "community_centre",
        "park_garden",
        "free",
    }
    assert [(s.get("byday"), s.get("opens_at"), s.get("closes_at")) for s in service["schedules"]] == [
        ("MO", "09:00", "17:00"),
        ("SA", "18:00", "01:00"),
        (None, None, None),
    ]
    location = service["service_at_locations"][0]["location"]
    assert (location["latitude"], location["longitude"]) == (51.5186123, -0.3602345)
    assert location["addresses"][0]["postal_code"] == "UB1 3HX"
    assert service["service_areas"][0]["uri"].endswith("/E09000009")
    closed = get(client, f"/api/hsds/services/{hsds.record_id('service', spaces['closed'].pk)}")
    assert closed["status"] == "defunct"


def test_drafts_and_unknown_ids_are_not_found(client, spaces):
    get(client, f"/api/hsds/services/{hsds.record_id('service', spaces['draft'].pk)}", status=404)
    get(client, f"/api/hsds/services/{hsds.record_id('organization', spaces['rich'].pk)}", status=404)
    get(client, "/api/hsds/services/not-a-uuid", status=404)
    get(client, "/api/hsds/organizations/00000000-0000-0000-0000-000000000000", status=404)


def test_paging_fields(client, spaces):
    first = get(client, "/api/hsds/services?per_page=3")
    assert (first["total_items"], first["total_pages"], first["size"]) == (4, 2, 3)
    assert first["first_page"] and not first["last_page"] and not first["empty"]
    second = get(client, "/api/hsds/services?per_page=3&page=2")
    assert (second["page_number"], second["size"], second["last_page"]) == (2, 1, True)
    empty = get(client, "/api/hsds/services?search=nothingmatchesthis")
    assert empty["empty"] and empty["contents"] == [] and empty["total_pages"] == 1


def test_service_at_locations_near_a_postcode(client, spaces, gazetteer):
    everything = get(client, "/api/hsds/service_at_locations")
    assert_page(everything, "compiled/service_at_location_list")
    assert "Online Reading Group" not in {i["service"]["name"] for i in everything["contents"]}

    near = get(client, "/api/hsds/service_at_locations?postcode=W5%202HL&proximity=1500")
    assert_page(near, "compiled/service_at_location_list")
    names = [item["service"]["name"] for item in near["contents"]]
    assert "Old Hall" in names and "Dormers Wells Community Hub" not in names  # Southall is 4 km away
    wide = get(client, "/api/hsds/service_at_locations?postcode=W5%202HL&proximity=6000")
    assert "Dormers Wells Community Hub" in [item["service"]["name"] for item in wide["contents"]]

    full = get(client, "/api/hsds/service_at_locations?postcode=W5%202HL&proximity=6000&full=true")
    for item in full["contents"]:
        assert_valid("service_at_location", item)
    sal_id = hsds.record_id("service_at_location", spaces["rich"].pk)
    assert_valid("service_at_location", get(client, f"/api/hsds/service_at_locations/{sal_id}"))

    assert "postcode" in get(client, "/api/hsds/service_at_locations?postcode=W5%202H", status=404)["detail"]
    get(client, "/api/hsds/service_at_locations?proximity=500", status=400)
    get(client, "/api/hsds/service_at_locations?postcode=W5%202HL&proximity=5", status=422)


def test_organizations_and_taxonomies(client, spaces):
    organizations = get(client, "/api/hsds/organizations")
    assert_page(organizations, "compiled/organization_list")
    organization_id = hsds.record_id("organization", spaces["rich"].pk)
    organization = get(client, f"/api/hsds/organizations/{organization_id}?full_service=true")
    assert_valid("organization", organization)
    for service in organization["services"]:
        assert_valid("service", service)

    taxonomies = get(client, "/api/hsds/taxonomies")
    assert_page(taxonomies, "taxonomy")
    assert taxonomies["total_items"] == len(hsds.all_vocabularies())
    terms = get(client, "/api/hsds/taxonomy_terms?per_page=500")
    assert_page(terms, "taxonomy_term")
    library = next(t for t in terms["contents"] if t["code"] == "library")
    assert_valid("taxonomy_term", get(client, f"/api/hsds/taxonomy_terms/{library['id']}"))
    assert_valid("taxonomy", get(client, f"/api/hsds/taxonomies/{library['taxonomy_id']}"))
    only = get(client, f"/api/hsds/taxonomy_terms?taxonomy_id={library['taxonomy_id']}&per_page=500")
    assert {t["taxonomy_id"] for t in only["contents"]} == {library["taxonomy_id"]}

    by_term = get(client, f"/api/hsds/services?taxonomy_term_id={library['id']}")
    assert [s["name"] for s in by_term["contents"]] == ["Acton Library"]
    get(client, "/api/hsds/services?taxonomy_term_id=00000000-0000-0000-0000-000000000000", status=404)
    by_org = get(client, f"/api/hsds/services?organization_id={organization_id}")
    assert [s["name"] for s in by_org["contents"]] == ["Dormers Wells Community Hub"]


def test_api_root_and_ndjson(client, spaces):
    root = get(client, "/api/hsds/")
    assert root["version"] == "3.0" and root["openapi_url"].endswith("/api/hsds/openapi.json")
    response = client.get("/api/hsds/services?format=ndjson")
    body = b"".join(response.streaming_content)
    assert response["Content-Type"] == "application/x-ndjson" and SECRET_EMAIL.encode() not in body
    lines = [json.loads(line) for line in body.decode().splitlines()]
    assert len(lines) == 4
    for service in lines:
        assert_valid("service", service)


def test_hsds_examples_import():
    # The example service's location is at latitude 100 (out of range) with a postcode that is
    # not one: imported without a location when the partner allows it, with the reasons reported.
    rejected = HsdsImporter(HSDS / "service_full.json").run()
    assert rejected.rejected == 1
    assert "bad coordinates" in rejected.lines[0].reason and "not found" in rejected.lines[0].reason

    result = HsdsImporter(
        HSDS / "service_full.json", source="openreferral-example", allow_unlocated=True
    ).run(commit=True)
    assert result.created == 1
    asset = Asset.objects.get(source_id="ac148810-d857-441c-9679-408f346de14b")
    assert asset.name == "Community Counselling" and not asset.live and asset.workflow_in_progress
    assert asset.public_email == "email@example.com" and asset.phone == "+44 1234 234567"
    assert asset.languages == "Urdu" and asset.address == "1-30 Main Street, MyVillage"
    assert asset.latitude is None and asset.country == "US"

    for path in (HSDS / "service_list.json", HSDS / "service_at_location_list.json", HSDS / "csv"):
        again = HsdsImporter(path, source="openreferral-example", allow_unlocated=True).run()
        assert again.read == 1 and (again.created + again.updated + again.unchanged) == 1, path


def test_import_hsds_rejects_what_is_not_hsds(tmp_path):
    wrong = tmp_path / "wrong.json"
    wrong.write_text('"just a string"', encoding="utf-8")
    with pytest.raises(ImportFileError, match="Not an HSDS response"):
        HsdsImporter(wrong).run()
    with pytest.raises(ImportFileError, match="has no services.csv"):
        HsdsImporter(tmp_path).run()


@pytest.mark.parametrize(
    "path", ["ohana_locations.json", "ohana_directory", "ohana_directory/sample_data.json"]
)
def test_ohana_api_data_is_named_and_refused_even_with_commit(path):
    AssetFactory(name="Already Here")
    with pytest.raises(CommandError) as refused:
        call_command("import_hsds", str(BAD_FILES / path), "--commit", "--trusted", "--no-progress")
    message = str(refused.value)
    assert "older Ohana API format (2013–14" in message and "not HSDS 3.0" in message
    assert "“coordinates”" in message or "“address_attributes”" in message
    assert "docs/importers.md, “Converting Ohana API data”" in message and "Nothing was imported." in message
    assert list(Asset.objects.values_list("name", flat=True)) == ["Already Here"]


def test_export_hsds_needs_a_folder_and_says_so(tmp_path, capsys):
    with pytest.raises(CommandError, match="--output"):
        call_command("export_hsds")
    with pytest.raises(SystemExit):
        call_command("export_hsds", "--help")
    help_text = " ".join(capsys.readouterr().out.split())
    assert "--output FOLDER" in help_text and "nothing goes to standard output" in help_text
    assert "default: standard output" not in help_text
    file = tmp_path / "a-file.csv"
    file.write_text("x", encoding="utf-8")
    with pytest.raises(CommandError, match="is not a folder"):
        call_command("export_hsds", "--output", str(file))


def test_location_provenance_and_address_parts_are_location_attributes(client, spaces):
    placed = AssetFactory(
        name="Pratt Library",
        address="400 Cathedral St",
        locality="Baltimore",
        region="",
        postcode="21201",
        country="US",
        location_source="gazetteer",
        location_precision="postcode",
        location_basis="ZIP 21201",
    )
    service = get(client, f"/api/hsds/services/{hsds.record_id('service', placed.pk)}")
    assert_valid("service", service)
    location = service["service_at_locations"][0]["location"]
    assert location["addresses"] == []  # no state: not a valid HSDS address
    found = {(a["link_type"], a["taxonomy_term"]["code"], a.get("value")) for a in location["attributes"]}
    assert found == {
        ("location_precision", "postcode", None),
        ("location_source", "gazetteer", "ZIP 21201"),
        ("address_parts", "address_1", "400 Cathedral St"),
        ("address_parts", "city", "Baltimore"),
        ("address_parts", "postal_code", "21201"),
        ("address_parts", "country", "US"),
    }
    term_id = location["attributes"][0]["taxonomy_term_id"]
    assert_valid("taxonomy_term", get(client, f"/api/hsds/taxonomy_terms/{term_id}"))
    # Not a filter of services: a clear 400, never a 500.
    get(client, f"/api/hsds/services?taxonomy_term_id={term_id}", status=404)
    rich = get(client, f"/api/hsds/services/{hsds.record_id('service', spaces['rich'].pk)}")
    assert rich["service_at_locations"][0]["location"]["addresses"][0]["state_province"] == "London"


def snapshot() -> list[dict]:
    spaces = []
    for asset in Asset.objects.filter(live=True).order_by("name"):
        # Every field an import may fill must survive the round trip.
        data = {name: getattr(asset, name) for name in IMPORT_FIELDS}
        data["opening_hours"] = [
            (h.weekday, h.opens, h.closes) for h in asset.opening_hours.order_by("sort_order")
        ]
        spaces.append(data)
    return spaces


@pytest.mark.django_db(transaction=True)
def test_round_trip_through_the_hsds_tabular_package(tmp_path):
    rich_space()
    rich_space(
        name="Hanwell Clock Tower Club",
        categories=["social_club"],
        third_space_types=[],
        setting="",
        kind="",
        free=False,
        languages="",
        accessibility_notes="",
        opening_hours_notes="",
        status="temporarily_closed",
        admin_county_code="E10000012",
        admin_county_name="Essex",
        country="US",
        region="MD",
        last_verified=None,
        public_email="",
        description="",
    )
    AssetFactory(
        name="Mobile Library", latitude=None, longitude=None, postcode="", locality="", description=""
    )
    AssetFactory(name="Draft Only", live=False)
    before = snapshot()
    assert len(before) == 3

    call_command("export_hsds", "--output", str(tmp_path / "package"), verbosity=0)
    package = json.loads((tmp_path / "package" / "datapackage.json").read_text())
    for resource in package["resources"]:
        with (tmp_path / "package" / resource["path"]).open(encoding="utf-8") as handle:
            header = next(csv.reader(handle))
        assert header == [field["name"] for field in resource["schema"]["fields"]]
    assert SECRET_EMAIL not in "".join(p.read_text() for p in (tmp_path / "package").glob("*.csv"))

    Asset.objects.all().delete()  # an empty registry
    result = HsdsImporter(
        tmp_path / "package", source="hsds-round-trip", trusted=True, allow_unlocated=True
    ).run(commit=True)
    assert (result.created, result.rejected) == (3, 0)
    assert snapshot() == before


def test_export_rows_match_the_api_for_the_same_space(client, spaces):
    rows = [row for chunk in public_row_chunks() for row in chunk]
    assert {row["name"] for row in rows} == {
        "Dormers Wells Community Hub",
        "Acton Library",
        "Old Hall",
        "Online Reading Group",
    }
    rich = next(row for row in rows if row["name"] == "Dormers Wells Community Hub")
    assert_valid("service", hsds.service_full(rich))
    assert "submitter_email" not in rich
