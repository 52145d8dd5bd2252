"""Find a space for people who search in their own words: spelling corrected from the registry's
own vocabulary, an unknown place that lists nothing (and keeps the other filters), an empty search
that shows where to start, and "No spaces found" with links that loosen the search."""

import pytest
from bs4 import BeautifulSoup

from assets_registry import spelling
from assets_registry.selectors import filters_from_params

from .factories import AssetFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def spaces(gazetteer):
    lat, lon = filters_from_params({"location": "W5 2HL"}).near
    AssetFactory(name="Pitshanger Community Centre", latitude=lat + 0.002, longitude=lon)
    AssetFactory(
        name="Ealing Central Library", categories=["library"], latitude=lat, longitude=lon, free=True
    )
    # 7 km away: outside the default 5 km, inside 10 km.
    AssetFactory(name="Southall Library", categories=["library"], latitude=lat + 0.063, longitude=lon)
    return lat, lon


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def names_listed(soup: BeautifulSoup) -> list[str]:
    return [a.get_text(strip=True) for a in soup.select("#results-list h3 a")]


def test_a_misspelling_is_corrected_from_the_registrys_words(client, spaces):
    soup = soup_of(client.get("/spaces/", {"q": "comunity centre"}))
    assert names_listed(soup) == ["Pitshanger Community Centre"]
    said = soup.select_one(".spaces-corrected").get_text(" ", strip=True)
    assert said == "Nothing matched “comunity centre”, so these are spaces matching community centre ."
    # the map shows the corrected search too
    assert "q=community+centre" in soup.select_one("#spaces-map")["data-geojson-url"]


def test_words_that_match_are_not_corrected(client, spaces):
    soup = soup_of(client.get("/spaces/", {"q": "community centre"}))
    assert names_listed(soup) == ["Pitshanger Community Centre"]
    assert soup.select_one(".spaces-corrected") is None


def test_the_registrys_vocabulary_has_its_names_kinds_and_places(spaces):
    assert spelling.suggest("pitshangr") == "pitshanger"  # a space's name
    assert spelling.suggest("libary") == "library"  # a category
    assert spelling.suggest("ealng") == "ealing"  # a place
    assert spelling.suggest("library") is None


def test_the_site_search_corrects_with_the_same_engine_and_a_larger_vocabulary(spaces):
    from search import spelling as site_spelling

    registry_words = spelling.registry_vocabulary()
    site_words = site_spelling.vocabulary()
    assert registry_words.items() <= site_words.items()
    assert site_spelling.suggest("pitshangr") == spelling.correct("pitshangr", site_words) == "pitshanger"


def test_an_unknown_place_lists_nothing_and_keeps_the_other_filters(client, spaces):
    response = client.get("/spaces/", {"location": "Nowhereville", "category": "library", "q": "library"})
    assert response.status_code == 400
    soup = soup_of(response)
    assert names_listed(soup) == [] and soup.select(".result-list li") == []
    assert soup.select_one("#spaces-map") is None
    assert soup.select_one("#results-count").get_text(" ", strip=True).startswith("No spaces listed")
    error = soup.select_one("#search-location-error").get_text(" ", strip=True)
    assert "Nowhereville" in error and "Try a postcode, a ZIP code or a town name" in error
    box = soup.select_one("#search-location")
    assert box["aria-invalid"] == "true" and "search-location-error" in box["aria-describedby"]
    assert box["value"] == "Nowhereville"
    assert soup.select_one("#search-q")["value"] == "library"
    assert soup.select_one("#f-category-library").has_attr("checked")
    assert soup.select_one("#error-summary-title") is not None
    assert soup.select_one(".message--error a")["href"] == "#search-location"


def test_an_empty_search_shows_where_to_start(client, spaces):
    soup = soup_of(client.get("/spaces/"))
    examples = soup.select(".spaces-start__examples a")
    assert [a.get_text() for a in examples][0] == "library near W5 2HL"
    # each example is a search that works
    found = names_listed(soup_of(client.get(examples[0]["href"])))
    assert found == ["Ealing Central Library"]
    categories = {a.get_text(): a["href"] for a in soup.select(".spaces-start__categories a")}
    assert set(categories) == {"Community centre", "Library"}
    assert names_listed(soup_of(client.get(categories["Library"]))) == [
        "Ealing Central Library",
        "Southall Library",
    ]


def test_a_search_with_results_has_no_start_panel(client, spaces):
    soup = soup_of(client.get("/spaces/", {"location": "W5 2HL"}))
    assert soup.select_one(".spaces-start") is None
    assert soup.select_one(".spaces-try") is None


def what_to_try(soup: BeautifulSoup) -> dict[str, str]:
    return {a.get_text(): a["href"] for a in soup.select(".spaces-try a")}


def test_no_spaces_found_offers_links_that_each_loosen_the_search(client, spaces):
    params = {"q": "library", "location": "W5 2HL", "category": "library", "step_free": "1"}
    soup = soup_of(client.get("/spaces/", params))
    assert names_listed(soup) == []
    assert (
        soup.select_one("#results-count").get_text(" ", strip=True).startswith("No spaces found within 5 km")
    )
    links = what_to_try(soup)
    assert set(links) == {
        "Remove the filter “Library”",
        "Remove “Step-free access”",
        "Search within 10 km of W5 2HL, Ealing",
        "Show every space near W5 2HL, Ealing, without the words “library”",
    }
    # Removing step-free access finds the library (whether it has step-free access is not known);
    # each link loosens one thing and keeps the rest.
    assert names_listed(soup_of(client.get(links["Remove “Step-free access”"]))) == ["Ealing Central Library"]
    assert "step_free=1" in links["Remove the filter “Library”"]
    assert "category=library" in links["Search within 10 km of W5 2HL, Ealing"]
    assert "q=" not in links["Show every space near W5 2HL, Ealing, without the words “library”"]


def test_widening_the_distance_finds_what_is_further(client, spaces):
    soup = soup_of(client.get("/spaces/", {"q": "southall", "location": "W5 2HL"}))
    links = what_to_try(soup)
    assert names_listed(soup_of(client.get(links["Search within 10 km of W5 2HL, Ealing"]))) == [
        "Southall Library"
    ]


@pytest.mark.parametrize(
    ("params", "summary"),
    [
        ({"location": "W5 2HL"}, "Filters"),
        ({"location": "W5 2HL", "radius": "5"}, "Filters"),  # the default distance is no filter
        ({"location": "W5 2HL", "category": "library", "free": "1"}, "Filters (2 applied)"),
        ({"location": "W5 2HL", "radius": "10", "type": ["purpose", "activity"]}, "Filters (3 applied)"),
    ],
)
def test_the_folded_filters_say_how_many_are_applied(client, spaces, params, summary):
    soup = soup_of(client.get("/spaces/", params))
    shown = soup.select_one("details#filters > summary")
    shown.select_one(".visually-hidden").decompose()
    assert shown.get_text(strip=True) == summary
    assert not soup.select_one("details#filters").has_attr("open")


def test_the_filters_open_when_one_of_them_has_an_error(client, spaces):
    soup = soup_of(client.get("/spaces/", {"location": "W5 2HL", "radius": "9000"}))
    assert soup.select_one("details#filters").has_attr("open")
    assert soup.select_one(".message--error a")["href"] == "#search-radius"
