"""Search that understands people (issue 16): editors' synonyms, a place typed alone, and the
empty and no-results pages, on every backend (``search_backend``)."""

from __future__ import annotations

import re

import pytest

from django.core.exceptions import ValidationError

from search import synonyms
from search.models import SynonymGroup

from .corpus import starter_synonyms
from .test_search_page import titles

pytestmark = pytest.mark.django_db
URL = "/search/"


# --- synonyms -------------------------------------------------------------------------------


def test_every_site_starts_with_the_starter_synonyms():
    starter_synonyms()  # what migration 0001 made (a transactional test's flush empties it)
    terms = [group for group in synonyms.groups() if "potluck" in group]
    assert terms == [("potluck", "shared meal", "shared supper", "community meal", "bring and share")]
    assert any("interfaith" in group and "different faiths" in group for group in synonyms.groups())


def test_expansion_matches_terms_by_stem_longest_first():
    starter_synonyms()
    clauses = synonyms.expand("Potlucks for Youth Clubs")
    assert [c.typed for c in clauses] == ["potlucks", "for", "youth clubs"]
    assert "shared supper" in clauses[0].alternatives and clauses[1].alternatives == ()
    assert "young people" in clauses[2].alternatives
    assert synonyms.page_query("measure connection") == "measure connection"  # no group: as typed
    assert synonyms.variants("food bank Baltimore") == ["food pantry baltimore"]
    assert synonyms.variants("choir") == []


def test_editors_changes_apply_to_the_next_search_and_bad_groups_are_refused():
    assert synonyms.expand("knit")[0].alternatives == ()
    group = SynonymGroup.objects.create(terms="knit and natter, knitting group, stitch and bitch")
    assert "knitting group" in synonyms.expand("knit and natter")[0].alternatives  # cache cleared
    group.terms = "knit and natter, craft circle"
    group.save()
    assert synonyms.expand("knitting group")[0].alternatives == ()
    group.delete()
    assert synonyms.expand("knit and natter")[0].alternatives == ()

    for terms, message in [
        ("potluck", "at least two"),
        ("a, b, c, d, e, f, g, h, i, j, k, l, m", "12 words or phrases or fewer"),
        ("club, a very long phrase of six words", "5 words or fewer"),
    ]:
        with pytest.raises(ValidationError, match=message):
            SynonymGroup(terms=terms).full_clean()
    cleaned = SynonymGroup(terms=" Allotment ;community  garden,, allotment ")
    cleaned.full_clean()
    assert cleaned.terms == "Allotment, community garden, allotment"


def test_editors_keep_synonyms_in_the_admin(admin_client):
    starter_synonyms()
    listing = admin_client.get("/admin/snippets/search/synonymgroup/")
    assert listing.status_code == 200 and "potluck, shared meal" in listing.content.decode()
    response = admin_client.post(
        "/admin/snippets/search/synonymgroup/add/", {"terms": "repair cafe, fix-it club", "note": ""}
    )
    assert response.status_code == 302
    assert ("repair cafe", "fix-it club") in synonyms.groups()
    refused = admin_client.post("/admin/snippets/search/synonymgroup/add/", {"terms": "alone", "note": ""})
    assert "Enter at least two words or phrases" in refused.content.decode()


def test_synonyms_find_pages_and_spaces_on_every_backend(client, corpus):
    suppers = "Shared suppers across Highlandtown&#x27;s congregations"
    assert titles(client.get(URL, {"q": "interfaith"}))[0] == suppers
    # "shared meals" (Design activities that bridge) is as good a match for "potluck".
    potluck = client.get(URL, {"q": "potluck"})
    assert suppers in titles(potluck)[:2]
    html = potluck.content.decode()
    assert "Also searched for: shared meal, shared supper, community meal, bring and share." in html
    assert "<mark>suppers</mark>" in html  # the reader sees why it was found
    # The words as typed come before pages found only through a synonym.
    found = titles(client.get(URL, {"q": "shared suppers"}))
    assert found[0] == suppers
    assert "Design activities that bridge" in found  # "shared meals"
    # Spaces match words as given: the synonyms are tried when the words find none.
    pantry = client.get(URL, {"q": "food bank", "section": "spaces"})
    assert titles(pantry) == ["Highlandtown Food Pantry"]
    assert "<mark>Food</mark> <mark>Pantry</mark>" in pantry.content.decode()


# --- a place typed alone ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "label", "first"),
    [
        ("w52hl", "W5 2HL", {"Ealing Youth Club", "St Mary's Church Hall", "Café Nour"}),
        ("21201", "21201", {"Baltimore Sports Club"}),
        ("Chelmsford", "Chelmsford", {"Chelmsford Youth Club", "Chelmsford Library"}),
    ],
)
def test_a_place_alone_offers_the_spaces_near_it(client, corpus, typed, label, first):
    response = client.get(URL, {"q": typed})
    html = response.content.decode().replace("&#x27;", "'")
    assert response.status_code == 200 and "No results" not in html
    heading = re.search(r'<h2 id="spaces-heading">(.*?)</h2>', html, re.S)
    assert heading and f"Spaces near {label}" in heading.group(1)
    assert titles(response)[0] in first
    link = re.search(r'<a href="(/spaces/\?[^"]*)">Find a space near ([^<]*)</a>', html)
    assert link and link.group(2).startswith(label)
    assert "q=" not in link.group(1) and "location=" in link.group(1)
    assert f'value="{typed}"' in html  # the box keeps what was typed


def test_a_place_alone_still_finds_the_pages_that_name_it(client, corpus):
    found = titles(client.get(URL, {"q": "Chelmsford"}))
    assert "Growing together on Chelmsford's allotments" in [t.replace("&#x27;", "'") for t in found]


@pytest.mark.parametrize(
    "typed", ["ZZ9 9ZZ", "00000", "W5 2H", "SW1A 1AA", "Atlantis", "%%%", "near", "near near", "a" * 300, "ß"]
)
def test_odd_and_unknown_places_never_fail(client, corpus, typed):
    response = client.get(URL, {"q": typed})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Spaces near" not in html or "No results" not in html


def test_typed_place_tells_places_from_words(corpus):
    from search.selectors import typed_place

    assert typed_place("Boston") and typed_place("CM1") and typed_place("w52hl") and typed_place("21201")
    assert typed_place("Essex")  # a county
    assert not typed_place("potluck") and not typed_place("youth club near CM1") and not typed_place("")
    assert not typed_place("W5 2H")  # a malformed postcode is searched as words


# --- empty and no-results pages ----------------------------------------------------------------


def test_an_empty_search_shows_examples_and_popular_themes(client, corpus):
    html = client.get(URL).content.decode()
    assert "Not sure where to start?" in html
    assert 'href="?q=potluck"' in html and 'href="?q=youth+club+near+CM1"' in html
    themes = re.findall(r'<a class="badge" href="/themes/([^/]+)/">', html)
    assert themes[0] == "bridging-capital"  # the theme with the most pages comes first
    assert "No results" not in html and "search-hit" not in html
