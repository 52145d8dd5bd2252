"""The OpenStreetMap importer: the London places-of-worship extract (CSV with a mapping, and as
GeoJSON), tags to categories and fields, opening hours, and what it rejects."""

import datetime as dt
import json

import pytest

from django.core.management import call_command

from assets_registry.importers.osm import OsmImporter, fields_from_tags, parse_opening_hours
from assets_registry.models import Asset
from importing.readers import ImportFileError

from .conftest import MAPPINGS, POW_GEOJSON, POW_SAMPLE, load_mapping

pytestmark = pytest.mark.django_db


def pow_importer(**options) -> OsmImporter:
    return OsmImporter(POW_SAMPLE, load_mapping("osm_places_of_worship.yaml"), **options)


def test_places_of_worship_csv_through_its_mapping(gazetteer):
    rows = POW_SAMPLE.read_text(encoding="utf-8").strip().splitlines()[1:]
    result = pow_importer(trusted=True).run(commit=True)
    assert result.created == len(rows) and result.rejected == 0

    centre = Asset.objects.get(name="London Buddhist Centre")
    assert centre.categories == ["place_of_worship"]
    assert (centre.third_space_types, centre.setting) == (["identity"], "religious")
    assert centre.description == "Buddhist place of worship"
    assert centre.data_source == "osm-places-of-worship" and centre.live
    assert centre.latitude == pytest.approx(51.5280326) and centre.longitude == pytest.approx(-0.0512545)

    # In Ealing: the local authority comes from the gazetteer's nearest postcode.
    ealing = Asset.objects.get(name="St John's")
    assert ealing.admin_district_code == "E09000009"
    # Far from any postcode in the (small) test gazetteer: no guessed area.
    assert Asset.objects.get(name="Wimbledon Mosque").admin_district_code == ""

    again = pow_importer(trusted=True).run(commit=True)
    assert (again.created, again.updated, again.unchanged) == (0, 0, len(rows))


def test_places_of_worship_geojson_dry_run():
    result = OsmImporter(POW_GEOJSON, source="osm-places-of-worship").run()
    assert result.created == 8 and result.rejected == 0
    assert not Asset.objects.exists()


FEATURES = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "id": "node/101",
            "properties": {
                "amenity": "community_centre",
                "name": "Northfields Community Centre",
                "addr:housenumber": "71A",
                "addr:street": "Northfield Avenue",
                "addr:postcode": "W13 9QP",
                "addr:city": "London",
                "website": "northfieldscc.org.uk",
                "contact:phone": "+44 20 8567 0000",
                "wheelchair": "yes",
                "fee": "no",
                "opening_hours": "Mo-Fr 09:00-17:00; Sa 10:00-12:00",
                "check_date": "2024-05-01",
            },
            "geometry": {"type": "Point", "coordinates": [-0.3145, 51.5067]},
        },
        {
            "type": "Feature",
            "properties": {"@id": "way/202", "leisure": "park", "name": "Walpole Park"},
            "geometry": {
                "type": "Polygon",
                "coordinates": [
                    [[-0.308, 51.508], [-0.304, 51.508], [-0.304, 51.511], [-0.308, 51.511], [-0.308, 51.508]]
                ],
            },
        },
        {
            "type": "Feature",
            "id": "node/303",
            "properties": {
                "amenity": "library",
                "name": "Pitshanger Library",
                "opening_hours": "Mo-Fr 09:00-17:00; PH off",
            },
            "geometry": {"type": "Point", "coordinates": [-0.3194, 51.5265]},
        },
        {
            "type": "Feature",
            "id": "node/404",
            "properties": {"amenity": "place_of_worship"},
            "geometry": {"type": "Point", "coordinates": [-0.31, 51.51]},
        },
        {
            "type": "Feature",
            "id": "node/505",
            "properties": {"amenity": "bench", "name": "A Bench"},
            "geometry": {"type": "Point", "coordinates": [-0.31, 51.51]},
        },
    ],
}


def test_geojson_tags_become_fields(tmp_path):
    path = tmp_path / "overpass.geojson"
    path.write_text(json.dumps(FEATURES), encoding="utf-8")
    result = OsmImporter(path, trusted=True, areas=False).run(commit=True)
    reasons = {line.source_id: line.reason for line in result.lines if line.status == "rejected"}
    assert reasons == {
        "node/404": "no name (amenity=place_of_worship)",
        "node/505": "no category for its tags (amenity=bench)",
    }
    centre = Asset.objects.get(source_id="node/101")
    assert centre.categories == ["community_centre"]
    assert (centre.address, centre.postcode, centre.locality) == (
        "71A Northfield Avenue",
        "W13 9QP",
        "London",
    )
    assert centre.website == "http://northfieldscc.org.uk" and centre.phone == "+44 20 8567 0000"
    assert centre.step_free is True and centre.free is True
    assert centre.last_verified == dt.date(2024, 5, 1)
    hours = [(h.weekday, h.opens, h.closes) for h in centre.opening_hours.order_by("weekday")]
    assert hours == [(d, dt.time(9), dt.time(17)) for d in range(5)] + [(5, dt.time(10), dt.time(12))]

    park = Asset.objects.get(source_id="way/202")
    assert park.categories == ["park_garden"]
    assert 51.508 < park.latitude < 51.511 and -0.308 < park.longitude < -0.304

    library = Asset.objects.get(source_id="node/303")
    assert library.opening_hours_notes == "Mo-Fr 09:00-17:00; PH off"
    assert not library.opening_hours.exists()
    # No fee or wheelchair tag: not known, not "no" (issue 14).
    assert (library.free, library.step_free, park.free, park.step_free) == (None, None, None, None)


@pytest.mark.parametrize(
    ("tags", "free", "step_free"),
    [
        ({"fee": "no", "wheelchair": "yes"}, True, True),
        ({"fee": "yes", "wheelchair": "no"}, False, False),
        ({"fee": "No", "wheelchair": "designated"}, True, True),
        ({"wheelchair": "limited"}, None, None),
        ({"fee": "donation", "wheelchair": "unknown"}, None, None),
        ({}, None, None),
    ],
)
def test_fee_and_wheelchair_tags_are_yes_no_or_not_known(tags, free, step_free):
    fields, _hours, _warnings = fields_from_tags({"amenity": "library", "name": "A Library", **tags})
    assert (fields["free"], fields["step_free"]) == (free, step_free)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mo-Fr 09:00-17:00", [(d, dt.time(9), dt.time(17)) for d in range(5)]),
        (
            "Sa,Su 10:00-12:00,14:00-16:00",
            [(5, dt.time(10), dt.time(12)), (5, dt.time(14), dt.time(16))]
            + [(6, dt.time(10), dt.time(12)), (6, dt.time(14), dt.time(16))],
        ),
        ("Fr-Mo 18:00-02:00", [(d, dt.time(18), dt.time(2)) for d in (0, 4, 5, 6)]),
        ("24/7", [(d, dt.time(0), dt.time(0)) for d in range(7)]),
        ("Mo-Su 09:00-17:00; Su off", [(d, dt.time(9), dt.time(17)) for d in range(6)]),
        ("sunrise-sunset", None),
        ("Mo-Fr 09:00-17:00; PH off", None),
        ("", None),
    ],
)
def test_parse_opening_hours(text, expected):
    assert parse_opening_hours(text) == expected


def test_a_file_that_is_not_geojson_is_refused(tmp_path):
    wrong = tmp_path / "wrong.geojson"
    wrong.write_text('{"elements": []}', encoding="utf-8")
    with pytest.raises(ImportFileError, match="not a GeoJSON FeatureCollection"):
        OsmImporter(wrong).run()
    broken = tmp_path / "broken.geojson"
    broken.write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    with pytest.raises(ImportFileError, match="not valid JSON.*line 1"):
        OsmImporter(broken).run()


def test_import_osm_command(tmp_path, capsys):
    report = tmp_path / "report.csv"
    mapping = str(MAPPINGS / "osm_places_of_worship.yaml")
    args = ["--mapping", mapping, "--report", str(report), "--no-progress", "--no-areas"]
    call_command("import_osm", str(POW_SAMPLE), *args)
    assert "Dry run" in capsys.readouterr().out and not Asset.objects.exists()
    call_command("import_osm", str(POW_SAMPLE), *args, "--commit")
    out = capsys.readouterr().out
    assert "sent to moderation" in out
    assert Asset.objects.filter(live=False).count() == Asset.objects.count() > 0
