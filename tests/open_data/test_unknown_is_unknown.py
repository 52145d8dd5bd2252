"""Issue 14, "unknown is unknown": a yes/no fact (free, open to all, mixed ages, step-free) that
no one has stated is not known (None) in every layer, never "no": importers, the migration, the
space's page, the API, CSV, GeoJSON, JSON-LD, HSDS (both ways) and the find-a-space filter.

The spaces come from a real file that says nothing about cost or access (the OpenStreetMap
places-of-worship extract: name, religion and position only) and from a small partner file with
"yes", "no", an empty cell and a word that is neither.
"""

import csv
import importlib
import io
import json

import pytest

from django.apps import apps as django_apps
from django.urls import reverse

from wagtail.admin.panels import get_edit_handler

from assets_registry.exporters import hsds as hsds_export
from assets_registry.exporters.rows import public_rows
from assets_registry.importers.base import IMPORT_FIELDS
from assets_registry.importers.csv_importer import CsvImporter
from assets_registry.importers.hsds import HsdsImporter
from assets_registry.importers.mapping import ColumnMapping
from assets_registry.importers.osm import OsmImporter
from assets_registry.importers.vocab import parse_bool
from assets_registry.jsonld import asset_schema
from assets_registry.models import Asset
from assets_registry.search_backends.document_columns import COLUMNS
from assets_registry.selectors import AssetFilters, asset_search
from tests.assets_registry.factories import AssetFactory

from .conftest import FIXTURES, POW_GEOJSON

pytestmark = pytest.mark.django_db
YES_NO = ("free", "open_to_all", "mixed_ages", "step_free")
PARTNER_FILE = FIXTURES / "yes_no_cells.csv"
PARTNER_MAPPING = {
    "id": "id",
    "fields": {name: name for name in ("name", "latitude", "longitude", "free", "step_free")},
}


@pytest.fixture
def said_nothing():
    """The OSM extract (no fee, no wheelchair tag) imported and published."""
    result = OsmImporter(POW_GEOJSON, source="osm-places-of-worship", trusted=True, areas=False).run(
        commit=True
    )
    assert result.created == 8 and result.rejected == 0
    return Asset.objects.filter(data_source="osm-places-of-worship").order_by("name").first()


def partner_import(**options):
    mapping = ColumnMapping.from_dict(PARTNER_MAPPING, allowed_fields=IMPORT_FIELDS)
    return CsvImporter(PARTNER_FILE, mapping, source="partner", areas=False, **options).run(commit=True)


# --- importers -----------------------------------------------------------------------------


def test_parse_bool_leaves_empty_and_other_words_not_known():
    assert [parse_bool(v) for v in ("yes", "Y", "true", "1", "designated")] == [True] * 5
    assert [parse_bool(v) for v in ("no", "N", "false", "0", "off")] == [False] * 5
    assert [parse_bool(v) for v in ("", "  ", None, "maybe", "limited")] == [None] * 5


def test_a_file_that_never_says_gives_not_known(said_nothing):
    for asset in Asset.objects.filter(data_source="osm-places-of-worship"):
        assert [getattr(asset, name) for name in YES_NO] == [None] * 4, asset.name


def test_partner_cells_yes_no_empty_and_neither():
    result = partner_import(trusted=True)
    assert result.created == 4 and result.rejected == 0
    facts = {a.source_id: (a.free, a.step_free) for a in Asset.objects.filter(data_source="partner")}
    assert facts == {"p1": (True, False), "p2": (False, True), "p3": (None, None), "p4": (None, None)}
    warnings = [line.reason for line in result.lines if line.source_id == "p4"]
    assert warnings == ["free “sometimes” is not yes or no (taken as not known)"]
    # An empty cell is simply not known: no warning for it.
    assert not [line for line in result.lines if line.source_id == "p3"]


# --- the migration ------------------------------------------------------------------------


def test_migration_0009_turns_a_stored_false_into_not_known_revisions_too():
    migration = importlib.import_module("assets_registry.migrations.0009_unknown_is_unknown")
    said_no = AssetFactory(name="Old Default Hall", free=False, step_free=False, open_to_all=True)
    assert said_no.latest_revision.content["free"] is False
    migration.false_to_unknown(django_apps, None)
    said_no.refresh_from_db()
    assert [getattr(said_no, name) for name in YES_NO] == [None, True, None, None]
    content = said_no.latest_revision.content
    assert (content["free"], content["step_free"], content["open_to_all"]) == (None, None, True)


# --- what leaves the site -----------------------------------------------------------------


def test_api_says_null_and_the_free_filter_leaves_unknown_out(client, said_nothing):
    free_one = AssetFactory(name="Free Library", categories=["library"], free=True)
    data = client.get(f"/api/v1/spaces/{said_nothing.pk}").json()
    assert {name: data[name] for name in YES_NO} == dict.fromkeys(YES_NO)
    listed = client.get("/api/v1/spaces?free=true&per_page=100").json()
    assert [item["id"] for item in listed["results"]] == [free_one.pk]
    assert listed["facets"]["features"]["free"] == 1
    everything = client.get("/api/v1/spaces?per_page=100").json()
    assert everything["total"] == 9 and everything["facets"]["features"]["free"] == 1
    assert names_of(asset_search(filters=AssetFilters(free=True))) == ["Free Library"]


def names_of(result) -> list[str]:
    return [asset.name for asset, _distance in result.hits]


def test_openapi_says_the_facts_are_nullable(client):
    schema = client.get("/api/v1/openapi.json").json()["components"]["schemas"]["SpaceOut"]
    for name in YES_NO:
        types = {option.get("type") for option in schema["properties"][name]["anyOf"]}
        assert types == {"boolean", "null"} and name in schema["required"]


def test_csv_cell_is_empty_for_not_known_and_true_false_when_known(client, said_nothing):
    AssetFactory(name="Paid Gym", free=False, step_free=True)
    response = client.get("/spaces.csv?include_closed=1")
    rows = {r["name"]: r for r in csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode()))}
    assert [rows[said_nothing.name][name] for name in YES_NO] == ["", "", "", ""]
    assert (rows["Paid Gym"]["free"], rows["Paid Gym"]["step_free"], rows["Paid Gym"]["mixed_ages"]) == (
        "false",
        "true",
        "",
    )


def test_geojson_export_says_null(client, said_nothing):
    response = client.get("/spaces/export.geojson")
    collection = json.loads(b"".join(response.streaming_content))
    properties = next(f["properties"] for f in collection["features"] if f["id"] == said_nothing.pk)
    assert {name: properties[name] for name in YES_NO} == dict.fromkeys(YES_NO)


def test_json_ld_omits_not_known_and_says_false_when_known(said_nothing):
    data = asset_schema(said_nothing)
    assert "isAccessibleForFree" not in data and "amenityFeature" not in data
    paid = asset_schema(AssetFactory(name="Paid Gym", free=False, step_free=False))
    assert paid["isAccessibleForFree"] is False and paid["amenityFeature"]["value"] is False


def test_hsds_omits_not_known_and_round_trips_yes_no_and_not_known(said_nothing, tmp_path):
    AssetFactory(name="Paid Gym", free=False, step_free=True)
    rows = {row["name"]: row for row in public_rows()}
    features = hsds_export.FEATURES.name
    unknown = hsds_export.service_full(rows[said_nothing.name])
    assert [a for a in unknown["attributes"] if a["link_type"] == features] == []
    assert "fees_description" not in unknown
    known = hsds_export.service_full(rows["Paid Gym"])
    values = {
        a["taxonomy_term"]["code"]: a["value"] for a in known["attributes"] if a["link_type"] == features
    }
    assert values == {"free": "false", "step_free": "true"}

    path = tmp_path / "services.json"
    path.write_text(json.dumps({"contents": [unknown, known]}), encoding="utf-8")
    Asset.objects.all().delete()
    result = HsdsImporter(path, source="round-trip", trusted=True, areas=False).run(commit=True)
    assert result.created == 2
    back = {a.name: [getattr(a, name) for name in YES_NO] for a in Asset.objects.all()}
    assert back == {said_nothing.name: [None] * 4, "Paid Gym": [False, None, None, True]}


def test_find_a_space_document_lists_only_true_features():
    from assets_registry.search_backends.documents import document_source

    order = ("free", "step_free", "open_to_all", "mixed_ages")
    for facts, listed in (((True, None, False, None), ["free"]), ((None, None, None, None), [])):
        asset = AssetFactory(**dict(zip(order, facts, strict=True)))
        row = Asset.objects.filter(pk=asset.pk).values_list(*COLUMNS).get()
        source = document_source(row)
        assert source["features"] == listed
        assert (source["free"], source["step_free"], source["open_to_all"]) == facts[:3]


# --- pages and forms ----------------------------------------------------------------------


def test_page_says_yes_no_or_not_known_with_a_way_to_tell_us(client):
    asset = AssetFactory(name="Mixed Facts Hall", free=True, step_free=False)
    html = client.get(asset.get_absolute_url()).content.decode()
    suggest = reverse("assets_registry:suggest", args=[asset.slug])
    assert '<li data-fact="free">Free to use: yes</li>' in html
    assert '<li data-fact="step_free">Step-free access: no</li>' in html
    assert 'Open to all: not known yet — do you know? <a href="' + suggest + '#field-open_to_all">' in html
    assert "Mixed ages: not known yet" in html


def test_suggest_an_edit_offers_dont_know_and_proposes_a_known_answer(client):
    asset = AssetFactory(name="Unknown Hall")
    page = client.get(reverse("assets_registry:suggest", args=[asset.slug])).content.decode()
    assert 'id="field-open_to_all"' in page and "<legend>Open to all?</legend>" in page
    assert 'type="radio" name="open_to_all" value="" required' not in page
    assert 'name="open_to_all" value="" id="id_open_to_all_2" checked' in page  # "Don't know"
    data = {
        **{name: getattr(asset, name) for name in ("name", "description", "categories")},
        **{name: getattr(asset, name) for name in ("postcode", "locality")},
        "open_to_all": "True",
        "free": "",
    }
    response = client.post(reverse("assets_registry:suggest", args=[asset.slug]), data)
    assert response.status_code == 302
    assert asset.suggestions.get().proposed_changes == {"open_to_all": True}


def test_add_form_defaults_to_dont_know(client):
    html = client.get(reverse("assets_registry:add")).content.decode()
    for name in YES_NO:
        assert f'name="{name}" value="" id="id_{name}_2" checked' in html
        assert f'name="{name}" value="True"' in html and f'name="{name}" value="False"' in html


def test_admin_edit_form_is_a_three_state_select_that_saves_not_known(admin_client):
    asset = AssetFactory(name="Admin Hall", free=False)
    form_class = get_edit_handler(Asset).get_form_class()
    field = form_class.base_fields["free"]
    assert field.widget.value_from_datadict({"free": "unknown"}, {}, "free") is None
    assert field.clean(None) is None
    edit = reverse(Asset.snippet_viewset.get_url_name("edit"), args=[asset.pk])
    html = admin_client.get(edit).content.decode()
    assert '<option value="unknown">' in html and '<option value="false" selected>' in html
