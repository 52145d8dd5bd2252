"""Places by what people mean: counties, districts and US counties as places; names several places
share, ranked by the site's pilot areas and home countries; the choice a resident makes."""

import pytest
from geopy.distance import great_circle

from django.db.models import Avg

from geocoding import services
from geocoding.models import AreaPlace, GBPostcode, USZip
from geocoding.places import districts_in

pytestmark = pytest.mark.django_db

ESSEX_MD = "gn-4354428"


def titles(resolution):
    return [candidate.title for candidate in resolution.candidates]


def test_counties_districts_and_us_counties_are_places_at_the_mean_of_their_postcodes(gazetteer):
    essex = AreaPlace.objects.get(code="E10000012")
    assert (essex.name, essex.kind, essex.country, essex.region) == ("Essex", "county", "GB", "England")
    chelmsford = AreaPlace.objects.get(code="E07000070")
    assert (chelmsford.kind, chelmsford.county_code) == ("district", "E10000012")
    assert AreaPlace.objects.get(code="E06000033").county_code == ""  # Southend: a unitary authority
    assert AreaPlace.objects.get(code="E10000016").name == "Kent"
    for code, field in (("E10000012", "admin_county_code"), ("E09000009", "admin_district_code")):
        area = AreaPlace.objects.get(code=code)
        postcodes = GBPostcode.objects.filter(**{field: code})
        mean = postcodes.aggregate(lat=Avg("latitude"), lon=Avg("longitude"))
        assert area.point_count == postcodes.count()
        assert great_circle((area.latitude, area.longitude), (mean["lat"], mean["lon"])).meters < 5
    baltimore = AreaPlace.objects.get(code="24510")
    assert (baltimore.kind, baltimore.region, baltimore.region_code) == ("us_county", "Maryland", "MD")
    zips = USZip.objects.filter(county_fips="24510")
    mean = zips.aggregate(lat=Avg("latitude"), lon=Avg("longitude"))
    assert baltimore.point_count == zips.count()
    assert great_circle((baltimore.latitude, baltimore.longitude), (mean["lat"], mean["lon"])).meters < 1


def test_essex_is_a_county_in_england_and_a_town_in_maryland(gazetteer):
    resolution = services.resolve("Essex")
    assert titles(resolution)[:2] == ["Essex, England", "Essex, Maryland"]
    assert resolution.needs_choice
    best = resolution.result
    assert (best.precision, best.admin_county_code, best.place_id) == ("area", "E10000012", "E10000012")
    assert services.geocode("Essex") == best

    chosen = services.resolve("Essex", choice=ESSEX_MD)
    assert not chosen.needs_choice
    assert (chosen.result.country, chosen.result.region, chosen.result.precision) == ("US", "MD", "place")
    assert chosen.best.kind_label.startswith("town or city in ")


def test_a_choice_that_is_not_one_of_the_names_places_is_ignored(gazetteer):
    resolution = services.resolve("Essex", choice="E09000009")  # Ealing: not an Essex
    assert (resolution.choice, resolution.best.title) == ("", "Essex, England")
    assert services.resolve("Essex", choice="e10000012").choice == "E10000012"  # any case


def test_qualifiers_and_the_country_narrow_the_candidates(gazetteer):
    assert titles(services.resolve("Essex, MD")) == ["Essex, Maryland"]
    assert titles(services.resolve("Essex, England")) == ["Essex, England"]
    assert titles(services.resolve("Essex", country="GB")) == ["Essex, England"]
    assert titles(services.resolve("Kent", country="US")) == ["Kent, WA"]  # no WA in the fixture states


def test_home_countries_then_pilot_areas_rank_first_and_are_configurable(gazetteer, settings):
    # Boston, Massachusetts lies in a pilot area (Suffolk County): first, though GB is the first home.
    assert services.resolve("Boston").best.title == "Boston, Massachusetts"
    settings.GEOCODER_PILOT_AREAS = []
    assert services.resolve("Boston").best.title == "Boston, England"
    settings.GEOCODER_HOME_COUNTRIES = ["US", "GB"]
    assert titles(services.resolve("Essex"))[:2] == ["Essex, Maryland", "Essex, England"]


def test_southend_kent_and_ealing_resolve_as_areas(gazetteer):
    southend = services.resolve("Southend-on-Sea")
    # The town of the same name lies in the borough: one candidate, the area.
    assert len(southend.candidates) == 1 and not southend.needs_choice
    assert (southend.result.precision, southend.result.admin_district_code) == ("area", "E06000033")
    kent = services.resolve("Kent")
    assert kent.best.title == "Kent, England" and kent.best.kind == "county"
    assert (kent.result.admin_county_code, kent.result.admin_district_code) == ("E10000016", "")
    assert "Kent, WA" in titles(kent)
    ealing = services.resolve("ealing")
    assert [(c.title, c.kind) for c in ealing.candidates] == [("Ealing, England", "london_borough")]
    assert services.geocode("Ealing, London") == ealing.result


def test_no_two_candidates_read_the_same(gazetteer):
    cambridge = titles(services.resolve("Cambridge"))
    assert len(cambridge) > 3
    assert len(set(cambridge)) == len(cambridge)


def test_postcodes_and_zips_are_one_candidate(gazetteer):
    resolution = services.resolve("21201")
    assert [c.kind for c in resolution.candidates] == ["zip"]
    assert not resolution.needs_choice
    assert services.resolve("Nowhereville").candidates == ()


def test_districts_in_a_county(gazetteer):
    assert districts_in("E10000012") == ["E07000070"]
    assert districts_in("E10000016") == ["E07000110"]


def test_the_api_answers_the_best_and_lists_the_candidates(client, gazetteer):
    body = client.get("/api/v1/geocode", {"q": "Essex"}).json()
    assert (body["label"], body["precision"], body["place_id"], body["ambiguous"]) == (
        "Essex, England",
        "area",
        "E10000012",
        True,
    )
    assert [c["title"] for c in body["candidates"]][:2] == ["Essex, England", "Essex, Maryland"]
    chosen = client.get("/api/v1/geocode", {"q": "Essex", "place": ESSEX_MD}).json()
    assert (chosen["country"], chosen["place_id"], chosen["ambiguous"]) == ("US", ESSEX_MD, False)
    assert client.get("/api/v1/geocode", {"q": "Essex", "place": "x" * 30}).status_code == 422
