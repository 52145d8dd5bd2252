"""Nearest first whenever a place is given, from every way into find-a-space: the Find a space
form as a browser without JavaScript submits it, words with "near" in them, the API, the map
feed, the site search's link to the map, and a space's "Find spaces near here". A–Z only when
a resident chose it."""

from urllib.parse import urlencode, urljoin

import pytest
from bs4 import BeautifulSoup

from assets_registry.selectors import filters_from_params

from .factories import AssetFactory

pytestmark = pytest.mark.django_db

# A–Z is the reverse of nearest first.
NEAREST_FIRST = ["Zeta Hall", "Middle Room", "Acton Baptist Church"]
A_TO_Z = sorted(NEAREST_FIRST)


@pytest.fixture
def spaces(gazetteer):
    lat, lon = filters_from_params({"location": "W5 2HL"}).near
    # About 0.1 km, 1 km and 2.7 km north of W5 2HL.
    for name, north in zip(NEAREST_FIRST, (0.001, 0.009, 0.024), strict=True):
        AssetFactory(name=name, latitude=lat + north, longitude=lon, categories=["library"])
    return lat, lon


def names_listed(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    return [a.get_text(strip=True) for a in soup.select("#results-list h3 a")]


def submit_as_a_browser_would(html: str, fill: dict[str, str]) -> str:
    """The query string a browser without JavaScript sends from the Find a space form, with
    ``fill`` typed into its boxes: every field's value as the page rendered it."""
    form = BeautifulSoup(html, "html.parser").select_one("form#spaces-search")
    pairs = []
    for field in form.select("input[name], select[name]"):
        name = field["name"]
        if field.name == "select":
            options = field.select("option")
            chosen = next((o for o in options if o.has_attr("selected")), options[0])
            pairs.append((name, chosen.get("value", chosen.get_text())))
        elif field.get("type") in {"checkbox", "radio"}:
            if field.has_attr("checked"):
                pairs.append((name, field.get("value", "on")))
        else:
            pairs.append((name, fill.get(name, field.get("value", ""))))
    return f"{form['action']}?{urlencode(pairs)}"


def test_the_form_without_javascript_lists_nearest_first(client, spaces):
    landing = client.get("/spaces/").content.decode()
    url = submit_as_a_browser_would(landing, {"location": "W5 2HL"})
    assert "sort=name" not in url
    response = client.get(url)
    assert names_listed(response.content.decode()) == NEAREST_FIRST

    # and again from the results page: the form it renders keeps nearest first
    url = submit_as_a_browser_would(response.content.decode(), {"q": "", "location": "W5 2HL"})
    assert names_listed(client.get(url).content.decode()) == NEAREST_FIRST


def test_a_residents_choice_of_a_to_z_is_kept(client, spaces):
    response = client.get("/spaces/", {"location": "W5 2HL", "sort": "name"})
    html = response.content.decode()
    assert names_listed(html) == A_TO_Z
    chosen = BeautifulSoup(html, "html.parser").select_one("#search-sort option[selected]")
    assert chosen["value"] == "name"
    url = submit_as_a_browser_would(html, {})
    assert names_listed(client.get(url).content.decode()) == A_TO_Z


def test_words_with_a_place_in_them_search_near_it(client, spaces):
    response = client.get("/spaces/", {"q": "library near W5 2HL"})
    html = response.content.decode()
    assert names_listed(html) == NEAREST_FIRST
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one("#search-q")["value"] == "library"
    assert soup.select_one("#search-location")["value"] == "W5 2HL"


def test_near_in_the_words_without_a_place_found_stays_words(client, spaces):
    AssetFactory(name="Learning from near misses", latitude=spaces[0], longitude=spaces[1])
    response = client.get("/spaces/", {"q": "learning from near misses"})
    assert names_listed(response.content.decode()) == ["Learning from near misses"]


@pytest.mark.parametrize("near", ["W5 2HL", "w52hl"])
def test_the_api_lists_nearest_first(client, spaces, near):
    body = client.get("/api/v1/spaces", {"near": near}).json()
    assert [space["name"] for space in body["results"]] == NEAREST_FIRST
    distances = [space["distance_m"] for space in body["results"]]
    assert distances == sorted(distances)


def test_the_api_keeps_an_explicit_sort(client, spaces):
    body = client.get("/api/v1/spaces", {"near": "W5 2HL", "sort": "name"}).json()
    assert [space["name"] for space in body["results"]] == A_TO_Z


def test_the_map_feed_lists_nearest_first(client, spaces):
    body = client.get("/spaces.geojson", {"location": "W5 2HL"}).json()
    assert [f["properties"]["name"] for f in body["features"]] == NEAREST_FIRST


def test_the_pages_map_feed_is_the_search_shown(client, spaces):
    html = client.get("/spaces/", {"q": "library near W5 2HL"}).content.decode()
    feed = BeautifulSoup(html, "html.parser").select_one("#spaces-map")["data-geojson-url"]
    body = client.get(feed).json()
    assert [f["properties"]["name"] for f in body["features"]] == NEAREST_FIRST


def test_a_spaces_find_spaces_near_here_lists_nearest_first(client, spaces):
    lat, lon = spaces
    here = AssetFactory(name="Yew Tree Centre", latitude=lat, longitude=lon, categories=["library"])
    html = client.get(here.get_absolute_url()).content.decode()
    link = BeautifulSoup(html, "html.parser").find("a", string="Find spaces near here")["href"]
    within_2_km = NEAREST_FIRST[:2]  # the link searches 2 km around the space
    assert names_listed(client.get(link).content.decode()) == ["Yew Tree Centre", *within_2_km]


def test_the_site_searchs_link_to_the_map_lists_nearest_first(client, spaces):
    from tests.factories import make_site_home

    make_site_home()
    home = client.get("/").content.decode()
    form = BeautifulSoup(home, "html.parser").select_one("form[role=search]")
    box = form.select_one("input[type=search]")
    results = client.get(form["action"], {box["name"]: "library near W5 2HL"})
    soup = BeautifulSoup(results.content.decode(), "html.parser")
    links = [a["href"] for a in soup.select("a[href]") if a["href"].startswith("/spaces/?")]
    assert links, "the site search links to these spaces on find a space"
    for link in links:
        assert names_listed(client.get(urljoin("/search/", link)).content.decode()) == NEAREST_FIRST
