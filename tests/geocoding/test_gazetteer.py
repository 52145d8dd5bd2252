"""Offline lookups (forward and reverse) on the fixture gazetteer, through the public service and
through geopy's interface."""

import pytest
from geopy.distance import great_circle
from geopy.location import Location

from geocoding import services
from geocoding.exceptions import InvalidLocation
from geocoding.geocoders import GazetteerGeocoder
from geocoding.models import GBPostcode, USZip
from geocoding.results import GeocodeResult

pytestmark = pytest.mark.django_db


def test_full_postcode(gazetteer):
    result = services.geocode(" w52hl ")
    row = GBPostcode.objects.get(postcode="W5 2HL")
    assert result == GeocodeResult(
        latitude=row.latitude,
        longitude=row.longitude,
        label="W5 2HL, Ealing",
        precision="postcode",
        source="gazetteer",
        country="GB",
        postcode="W5 2HL",
        admin_district_code="E09000009",
        admin_district_name="Ealing",
        admin_county_code="",
        admin_county_name="",
        region="England",
    )
    assert result.point == (row.latitude, row.longitude)


def test_two_tier_postcode_has_district_and_county(gazetteer):
    postcode = GBPostcode.objects.filter(postcode__startswith="CM1 ").order_by("postcode").first().postcode
    result = services.geocode(postcode)
    assert (result.admin_district_code, result.admin_district_name) == ("E07000070", "Chelmsford")
    assert (result.admin_county_code, result.admin_county_name) == ("E10000012", "Essex")


def test_postcode_district(gazetteer):
    result = services.geocode("ss1")
    assert (result.precision, result.label, result.postcode) == (
        "postcode_district",
        "SS1, Southend-on-Sea",
        "",
    )
    assert result.admin_district_code == "E06000033"


@pytest.mark.parametrize("query", ["21201", "21201-1234", "212011234"])
def test_us_zip(gazetteer, query):
    result = services.geocode(query)
    assert (result.precision, result.postcode, result.label) == ("zip", "21201", "21201, Baltimore, MD")
    assert (result.admin_county_code, result.admin_county_name) == ("24510", "Baltimore city")
    assert result.admin_district_code == "24510"
    assert (result.country, result.region) == ("US", "MD")


def test_place_name_prefers_the_most_populous(gazetteer):
    boston = services.geocode("boston")
    assert (boston.precision, boston.country, boston.region) == ("place", "US", "MA")
    assert boston.label.startswith("Boston, ")


@pytest.mark.parametrize(
    ("query", "country", "expected_country", "expected_region"),
    [
        ("Boston, UK", None, "GB", "England"),
        ("Boston", "GB", "GB", "England"),
        ("Boston, NY", None, "US", "NY"),
        ("Cambridge, Massachusetts", None, "US", "MA"),
        ("Baltimore, MD", None, "US", "MD"),
    ],
)
def test_place_name_qualifiers_and_country(gazetteer, query, country, expected_country, expected_region):
    result = services.geocode(query, country=country)
    assert (result.country, result.region) == (expected_country, expected_region)


def test_place_names_match_loosely_and_carry_admin_areas(gazetteer):
    assert services.geocode("saint albans").label.startswith("St Albans")
    ealing = services.geocode("EALING")
    assert (ealing.admin_district_code, ealing.admin_district_name) == ("E09000009", "Ealing")
    assert services.geocode("Ealing, London") == ealing


def test_no_match_is_none(gazetteer):
    assert services.geocode("SW1A 1AA") is None  # well formed, not in the fixture
    with pytest.raises(InvalidLocation, match="There is no UK postcode district ‘Z9’"):
        services.geocode("Z9")  # no such district: said so (tests/geocoding/test_uk_postcodes.py)
    assert services.geocode("99999") is None
    assert services.geocode("Nowhereville") is None
    assert services.geocode("Boston, Atlantis") is None


def test_country_filter_excludes_the_other_country(gazetteer):
    assert services.geocode("W5 2HL", country="US") is None
    assert services.geocode("21201", country="GB") is None
    assert services.geocode("W5 2HL", country="gb").postcode == "W5 2HL"


def _brute_force_nearest(rows, key, latitude, longitude):
    return min(
        rows.all() if hasattr(rows, "all") else rows.objects.all(),
        key=lambda row: great_circle((latitude, longitude), (row.latitude, row.longitude)).m,
    ).pk


@pytest.mark.parametrize(
    ("latitude", "longitude"), [(51.5135, -0.3090), (51.5120, -0.3040), (51.5370, 0.7100)]
)
def test_reverse_finds_the_nearest_gb_postcode(gazetteer, latitude, longitude):
    result = services.reverse_geocode(latitude, longitude)
    expected = _brute_force_nearest(GBPostcode, "postcode", latitude, longitude)
    assert (result.postcode, result.precision, result.source) == (expected, "postcode", "gazetteer")
    row = GBPostcode.objects.get(postcode=expected)
    assert result.distance_m == pytest.approx(
        great_circle((latitude, longitude), (row.latitude, row.longitude)).m
    )


def test_reverse_falls_back_to_the_district_beyond_the_loaded_postcodes(gazetteer):
    result = services.reverse_geocode(51.56, 0.70)  # ~5 km from SS1's postcodes
    assert (result.precision, result.label, result.admin_district_code) == (
        "postcode_district",
        "SS1, Southend-on-Sea",
        "E06000033",
    )


@pytest.mark.parametrize(
    ("latitude", "longitude"), [(39.2950, -76.6000), (39.2890, -76.5910), (42.36, -71.09)]
)
def test_reverse_finds_the_nearest_us_zip(gazetteer, latitude, longitude):
    result = services.reverse_geocode(latitude, longitude)
    assert result.postcode == _brute_force_nearest(USZip, "zip", latitude, longitude)
    assert (result.precision, result.country) == ("zip", "US")


def test_reverse_prefers_zcta_zips_to_a_po_box_on_the_post_office(gazetteer):
    result = services.reverse_geocode(39.2847, -76.6205)  # exactly on PO-box ZIP 21203's post office
    with_area = USZip.objects.filter(zcta=True)
    assert result.postcode == _brute_force_nearest(with_area, "zip", 39.2847, -76.6205) != "21203"
    assert USZip.objects.get(zip="21203").zcta is False


def test_reverse_far_from_everything_is_none(gazetteer):
    assert services.reverse_geocode(0.0, 0.0) is None
    assert services.reverse_geocode(55.0, -4.0) is None  # Scotland: no fixture postcodes or districts near


def test_geopy_interface(gazetteer):
    geocoder = GazetteerGeocoder()
    location = geocoder.geocode("W5 2HL")
    assert isinstance(location, Location)
    assert location.address == "W5 2HL, Ealing"
    assert location.raw["precision"] == "postcode"
    assert location.raw["admin_district_code"] == "E09000009"
    several = geocoder.geocode("Cambridge", exactly_one=False)
    assert len(several) > 1
    assert all(isinstance(loc, Location) for loc in several)
    assert geocoder.geocode("Nowhereville") is None
    nearest = geocoder.reverse("51.5135, -0.3090")
    assert nearest.raw["precision"] == "postcode"
    assert nearest.raw["distance_m"] < 200
