"""Positions: grid references (easting/northing) before lat/lon, their disagreement reported, and
the provenance of every stored position (what it was worked out from)."""

import csv
import math
import statistics

import pytest
from pyproj import Transformer

from assets_registry import services
from assets_registry.importers.base import IMPORT_FIELDS
from assets_registry.importers.csv_importer import CsvImporter
from assets_registry.importers.mapping import ColumnMapping, MappingError
from assets_registry.importers.positions import PositionError, grid_to_latlon
from assets_registry.models import Asset

from .conftest import GLA_SAMPLE, load_mapping

pytestmark = pytest.mark.django_db
BNG = "easting/northing (EPSG:27700)"
# The OS's published 7-parameter Helmert for OSGB36 -> WGS84 (EPSG:1314), spelt out as a PROJ
# string: a conversion independent of the importer's own (which asks pyproj for EPSG:27700).
OS_HELMERT = Transformer.from_crs(
    "+proj=tmerc +lat_0=49 +lon_0=-2 +k=0.9996012717 +x_0=400000 +y_0=-100000 +ellps=airy "
    "+towgs84=446.448,-125.157,542.06,0.15,0.247,0.842,-20.489 +units=m +no_defs",
    "EPSG:4326",
    always_xy=True,
)


def metres(a, b) -> float:
    north = (a[0] - b[0]) * 111_195
    east = (a[1] - b[1]) * 111_195 * math.cos(math.radians(a[0]))
    return math.hypot(north, east)


def grid_point(easting, northing) -> tuple[float, float]:
    lon, lat = OS_HELMERT.transform(float(easting), float(northing))
    return lat, lon


def partner(tmp_path, text: str, **mapping) -> CsvImporter:
    path = tmp_path / "partner.csv"
    path.write_text(text, encoding="utf-8")
    fields = {"name": "name", "postcode": "postcode", "locality": "town"}
    fields.update(mapping.pop("fields", {}))
    data = {"source": "partner", "id": "id", "fields": fields, **mapping}
    return CsvImporter(path, ColumnMapping.from_dict(data, allowed_fields=IMPORT_FIELDS), trusted=True)


def reasons(result) -> dict:
    return {(line.source_id, line.status): line.reason for line in result.lines}


GRID_AND_LATLON = {"easting": "e", "northing": "n", "latitude": "lat", "longitude": "lon"}


def test_the_ealing_park_tavern_grid_reference_is_where_the_issue_says():
    lat, lon = grid_to_latlon("517689", "178791")
    assert metres((lat, lon), (51.495820, -0.306046)) < 1
    # The Caister water tower example of the OS guide to coordinate systems (ETRS89 = WGS84 to <1 m).
    lat, lon = grid_to_latlon(651409.903, 313177.270)
    assert metres((lat, lon), (52 + 39 / 60 + 28.8282 / 3600, 1 + 42 / 60 + 57.8663 / 3600)) < 5


@pytest.mark.parametrize(
    ("easting", "northing", "why"),
    [
        ("n/a", "178791", "not numbers"),
        ("517689", "inf", "not numbers"),
        ("0", "0", "0, 0"),
        ("-5", "178791", "outside the British National Grid"),
        ("900000", "178791", "outside the British National Grid"),
    ],
)
def test_a_bad_grid_reference_says_what_is_wrong(easting, northing, why):
    with pytest.raises(PositionError, match=why):
        grid_to_latlon(easting, northing)


def test_a_mapping_with_half_a_grid_reference_or_an_unknown_crs_is_refused():
    with pytest.raises(MappingError, match="both easting and northing"):
        ColumnMapping.from_dict(
            {"id": "id", "fields": {"name": "n", "easting": "e"}}, allowed_fields=IMPORT_FIELDS
        )
    with pytest.raises(MappingError, match="crs: “EPSG:999999” is not a coordinate reference system"):
        ColumnMapping.from_dict(
            {"id": "id", "crs": "EPSG:999999", "fields": {"name": "n", "easting": "e", "northing": "n"}},
            allowed_fields=IMPORT_FIELDS,
        )


def test_every_demo_ealing_space_is_within_30_m_of_its_grid_reference(tmp_path):
    """The issue's bar: the shipped extract's grid references, against where the demo import puts
    each space (and the source's own lat/lon, which would fail it, are measured too)."""
    from assets_registry import demo

    importer, extract, mapping_path = demo.SOURCES[0]
    assert extract.name == "ealing_cultural_infrastructure.csv"
    mapping = ColumnMapping.load(mapping_path, allowed_fields=IMPORT_FIELDS)
    result = importer(extract, mapping, trusted=True).run(commit=True)
    assert result.created > 150
    with extract.open(encoding="utf-8") as handle:
        rows = {row["source_id"]: row for row in csv.DictReader(handle)}
    spaces = Asset.objects.filter(data_source="gla-cim")
    assert spaces.count() == result.created
    far_off_in_the_source = 0
    for space in spaces:
        row = rows[space.source_id]
        true = grid_point(row["easting"], row["northing"])
        assert metres((space.latitude, space.longitude), true) < 30, space.name
        assert space.location_basis == BNG and space.location_precision == "address"
        far_off_in_the_source += metres((float(row["latitude"]), float(row["longitude"])), true) > 100
    assert far_off_in_the_source > 100  # the extract's lat/lon columns alone would fail this test
    assert "a datum error?" in result.notes[0]


def test_the_report_measures_how_far_lat_lon_lie_from_the_grid_references():
    """The GLA sample (real rows, both pairs of columns): most 2018 rows' lat/lon are a datum slip
    away. The counts and the median are worked out here independently of the importer."""
    result = CsvImporter(GLA_SAMPLE, load_mapping("gla_cultural_infrastructure.yaml")).run()
    with GLA_SAMPLE.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    # Every row with both pairs of columns, measured here: the importer's median should match.
    both = [r for r in rows if r["easting"] and r["latitude"]]
    gaps = [
        metres((float(r["latitude"]), float(r["longitude"])), grid_point(r["easting"], r["northing"]))
        for r in both
    ]
    assert statistics.median(g for g in gaps if g > 25) == pytest.approx(124, abs=1)
    assert result.notes == [
        "28 rows with both a grid reference and lat/lon: 24 disagree by more than 25 m; lat/lon look "
        "shifted 124 m ESE of the grid references (median): a datum error? Positions were taken from "
        "the grid references."
    ]
    assert "with warnings:             0" in result.summary()  # a datum slip is one note, not 24 warnings


def test_grid_references_that_agree_are_noted_as_agreeing(tmp_path):
    importer = partner(
        tmp_path,
        "id,name,e,n,lat,lon,postcode,town\na,Tavern,517689,178791,51.49582,-0.30605,,\n",
        fields=GRID_AND_LATLON,
    )
    result = importer.run()
    assert result.notes == [
        "1 row with both a grid reference and lat/lon: they agree within 25 m (median 0.3 m). "
        "Positions were taken from the grid references."
    ]


def test_a_wild_disagreement_is_a_row_warning_and_bad_grid_references_fall_back(tmp_path, gazetteer):
    importer = partner(
        tmp_path,
        "id,name,e,n,lat,lon,postcode,town\n"
        "wild,Wild Hall,517689,178791,51.5400,-0.3061,,\n"  # lat/lon 5 km north
        "words,Words Hall,n/a,178791,51.49582,-0.30605,,\n"  # bad grid: lat/lon used
        "half,Half Hall,517689,,51.49582,-0.30605,,\n"  # easting only: lat/lon used
        "abroad,Abroad Hall,900000,178791,,,W5 2HL,\n"  # outside GB, no lat/lon: the postcode
        "lost,Lost Hall,abc,def,,,,\n",  # nothing usable: rejected, with both reasons
        fields=GRID_AND_LATLON,
    )
    result = importer.run(commit=True)
    said = reasons(result)
    assert said[("wild", "warning")] == (
        "latitude/longitude “51.5400”, “-0.3061” are 4.9 km N of the grid reference “517689”, “178791”: "
        "the grid reference was used (check which is right)"
    )
    assert said[("words", "warning")] == (
        "bad grid reference “n/a”, “178791” (not numbers): located by latitude/longitude instead"
    )
    assert (
        said[("half", "warning")]
        == "easting “517689” without a northing: located by latitude/longitude instead"
    )
    assert said[("abroad", "warning")] == (
        "bad grid reference “900000”, “178791” (outside the British National Grid): located by "
        "postcode “W5 2HL” instead"
    )
    assert (
        said[("lost", "rejected")]
        == "bad grid reference “abc”, “def” (not numbers) and no postcode or address"
    )
    placed = {a.source_id: a for a in Asset.objects.all()}
    assert metres((placed["wild"].latitude, placed["wild"].longitude), grid_point(517689, 178791)) < 30
    assert (placed["wild"].location_basis, placed["words"].location_basis) == (BNG, "latitude/longitude")
    assert placed["abroad"].location_basis == "postcode W5 2HL"
    assert set(placed) == {"wild", "words", "half", "abroad"}


def test_provenance_is_stored_for_import_postcode_and_town_placements(tmp_path, gazetteer):
    importer = partner(
        tmp_path,
        "id,name,lat,lon,postcode,town\n"
        "own,Own Position Hall,51.5099,-0.3371,,\n"
        "pc,Postcode Hall,,,w5 2hl,\n"
        "town,Town Hall,,,,Ealing\n",
        fields={"latitude": "lat", "longitude": "lon"},
    )
    first = importer.run(commit=True)
    assert first.created == 3
    stored = {
        a.source_id: (a.location_source, a.location_precision, a.location_basis) for a in Asset.objects.all()
    }
    assert stored == {
        "own": ("import", "address", "latitude/longitude"),
        "pc": ("gazetteer", "postcode", "postcode W5 2HL"),
        # "Ealing" is the London borough first (an area), as the place resolver ranks it.
        "town": ("gazetteer", "region", "area Ealing"),
    }
    again = importer.run(commit=True)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)


def test_the_space_page_says_in_plain_words_where_its_position_came_from(tmp_path, gazetteer, client):
    importer = partner(
        tmp_path,
        "id,name,e,n,lat,lon,postcode,town\n"
        "grid,Grid Hall,517689,178791,,,,\n"
        "pc,Postcode Hall,,,,,W5 2HL,\n"
        "town,Town Hall,,,,,,Ealing\n",
        fields=GRID_AND_LATLON,
    )
    importer.run(commit=True)
    said = {
        a.source_id: " ".join(client.get(a.get_absolute_url()).content.decode().split())
        for a in Asset.objects.all()
    }
    assert "Position: from the source&#x27;s grid reference." in said["grid"]
    assert "Position: from the postcode W5 2HL (its centre)." in said["pc"]
    assert "Position: from the centre of Ealing (approximate)." in said["town"]


def test_a_us_town_centroid_placement_is_warned_about_and_a_zip_is_named(tmp_path, gazetteer):
    importer = partner(
        tmp_path,
        "id,name,zip,town\ncentre,Somewhere In Baltimore,,Baltimore\nzip,Zip Hall,21201,Baltimore\n",
        country="US",
        fields={"postcode": {"column": "zip", "pattern": "zip"}},
    )
    result = importer.run(commit=True)
    assert reasons(result) == {
        ("centre", "warning"): (
            "placed at the centre of Baltimore: give a street address, ZIP code or coordinates "
            "for a true position"
        )
    }
    assert Asset.objects.get(source_id="centre").location_basis == "town Baltimore"
    assert Asset.objects.get(source_id="zip").location_basis == "ZIP 21201"


def test_residents_positions_say_what_they_came_from(gazetteer):
    by_postcode = services.asset_submit(fields={"name": "Resident Hall", "postcode": "W5 2HL"})
    assert (by_postcode.location_precision, by_postcode.location_basis) == ("postcode", "postcode W5 2HL")
    by_pin = services.asset_submit(fields={"name": "Pinned Hall"}, latitude=51.5130, longitude=-0.3050)
    assert (by_pin.location_source, by_pin.location_basis) == ("manual", "placed by hand")
