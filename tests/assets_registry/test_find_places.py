"""Find a space by a name several places share ("Essex"), and by a county or borough as an area."""

import html
import re

import pytest

from assets_registry.selectors import filters_from_params

from .factories import ESSEX, AssetFactory

pytestmark = pytest.mark.django_db

ESSEX_MD = "gn-4354428"
# Real places: Colchester Castle (Essex, about 34 km from the county's centre), Canterbury Cathedral
# (Kent; about 39 km from Maidstone, the centre of the fixture's Kent postcodes),
# Southend pier head (Southend-on-Sea), and Essex, Maryland's centre.
COLCHESTER = {
    "latitude": 51.8893,
    "longitude": 0.9027,
    "postcode": "CO1 1TJ",
    "locality": "Colchester",
    **ESSEX,
    "admin_district_code": "E07000071",
    "admin_district_name": "Colchester",
}
CANTERBURY = {
    "latitude": 51.2798,
    "longitude": 1.0830,
    "postcode": "CT1 2EH",
    "locality": "Canterbury",
    "admin_district_code": "E07000106",
    "admin_district_name": "Canterbury",
    "admin_county_code": "E10000016",
    "admin_county_name": "Kent",
}
SOUTHEND = {
    "latitude": 51.5396,
    "longitude": 0.7133,
    "postcode": "SS1 1AA",
    "locality": "Southend-on-Sea",
    "admin_district_code": "E06000033",
    "admin_district_name": "Southend-on-Sea",
}
ESSEX_MARYLAND = {
    "latitude": 39.3093,
    "longitude": -76.4750,
    "postcode": "21221",
    "locality": "Essex",
    "country": "US",
    "admin_district_code": "24005",
    "admin_district_name": "Baltimore County",
    "admin_county_code": "24005",
    "admin_county_name": "Baltimore County",
}


@pytest.fixture
def spaces(gazetteer):
    return {
        "colchester": AssetFactory(name="Colchester Quaker Meeting", **COLCHESTER),
        "canterbury": AssetFactory(name="Canterbury Cathedral Choir", **CANTERBURY),
        "southend": AssetFactory(name="Southend Pier Club", **SOUTHEND),
        "maryland": AssetFactory(name="Essex Maryland Library", **ESSEX_MARYLAND),
        "ealing": AssetFactory(name="Ealing Library"),
    }


def found(response) -> set[str]:
    return {asset.name for asset, _distance in response.context["result"].hits}


def choice_links(response) -> dict[str, str]:
    """Link text -> URL of the "which one?" list."""
    section = re.search(
        r'<section class="message place-choices".*?</section>', response.content.decode(), re.S
    )
    assert section, "no place choices on the page"
    return {
        text: html.unescape(href)
        for href, text in re.findall(r'<a href="([^"]+)">([^<]+)</a>', section.group(0))
    }


def test_essex_asks_which_one_and_the_choice_finds_spaces_in_essex_england(client, spaces):
    response = client.get("/spaces/", {"location": "Essex", "radius": "5"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Which Essex do you mean?" in page
    assert "Essex, England or Essex, Maryland?" in page
    # Not yet chosen: Essex, England (a pilot area, in the first home country) is shown meanwhile.
    assert '<strong aria-current="true">Essex, England</strong>' in page
    links = choice_links(response)
    assert set(links) == {"Essex, Maryland"}
    assert f"place={ESSEX_MD}" in links["Essex, Maryland"] and "radius" not in links["Essex, Maryland"]

    maryland = client.get(links["Essex, Maryland"])
    assert found(maryland) == {"Essex Maryland Library"}
    assert "Other places called Essex" in maryland.content.decode()
    england_link = choice_links(maryland)["Essex, England"]
    assert "place=E10000012" in england_link

    england = client.get(england_link)
    # The whole county, though Colchester is over 30 km from its centre; nothing outside it.
    assert found(england) == {"Colchester Quaker Meeting"}
    page = england.content.decode()
    text = " ".join(re.sub("<[^>]+>", " ", page).split())
    assert "1 space in Essex, England" in text
    assert '<input type="hidden" name="place" value="E10000012">' in page
    assert '<option value="" selected>All of Essex, England</option>' in page


def test_southend_and_kent_are_searched_as_areas(client, spaces):
    assert found(client.get("/spaces/", {"location": "Southend-on-Sea"})) == {"Southend Pier Club"}
    kent = client.get("/spaces/", {"location": "Kent"})
    assert found(kent) == {"Canterbury Cathedral Choir"}
    assert "Which Kent do you mean?" in kent.content.decode()
    # A radius narrows an area to that distance from its centre.
    assert found(client.get("/spaces/", {"location": "Kent", "place": "E10000016", "radius": "5"})) == set()
    assert found(client.get("/spaces/", {"location": "Kent", "place": "E10000016", "radius": "50"})) == {
        "Canterbury Cathedral Choir"
    }


def test_area_filters_round_trip_and_a_single_place_asks_nothing(client, spaces):
    filters = filters_from_params({"location": "Essex", "place": "E10000012"})
    assert (filters.location_area, filters.admin_county_code, filters.location_place) == (
        True,
        "E10000012",
        "E10000012",
    )
    assert filters_from_params(filters.to_params()) == filters
    response = client.get("/spaces/", {"location": "W5 2HL"})
    assert "place-choices" not in response.content.decode()
    assert found(response) == {"Ealing Library"}


def test_the_spaces_api_takes_the_choice_too(client, spaces):
    def names(params):
        return {row["name"] for row in client.get("/api/v1/spaces", params).json()["results"]}

    assert names({"near": "Essex"}) == {"Colchester Quaker Meeting"}
    assert names({"near": "Essex", "place": ESSEX_MD}) == {"Essex Maryland Library"}
