"""The search page and the autocomplete endpoint, on every backend (``search_backend``)."""

from __future__ import annotations

import re

import pytest

from django.urls import reverse

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import PageViewRestriction

from tests.toolkits.factories import (
    CaseStudyPageFactory,
    ThemeFactory,
    ToolkitPageFactory,
    make_knowledge_hub,
)
from toolkits.models import ToolkitPage

from .corpus import CHELMSFORD

pytestmark = pytest.mark.django_db
URL = "/search/"


def titles(response) -> list[str]:
    """Result titles in page order, without the <mark> tags."""
    html = response.content.decode()
    return [
        re.sub(r"<[^>]+>", "", t)
        for t in re.findall(r'class="search-hit__title"><a href="[^"]*">(.*?)</a>', html)
    ]


def unescape(text: str) -> str:
    return text.replace("&#x27;", "'").replace("&amp;", "&")


def test_the_url_name_and_an_empty_search(client, search_backend):
    assert reverse("search:search") == URL
    response = client.get(URL)
    assert response.status_code == 200
    assert b'role="search"' in response.content and b"search-hit" not in response.content
    assert Query.objects.count() == 0  # nothing typed, nothing logged


def test_one_query_finds_toolkits_case_studies_and_spaces_with_their_types(client, corpus):
    response = client.get(URL, {"q": "bridging"})
    html = unescape(response.content.decode())
    assert response.status_code == 200
    found = [unescape(t) for t in titles(response)]
    assert "Audit your third spaces for bridging" in found and "Design activities that bridge" in found
    assert "Harlow's sports clubs open their doors" in found  # a case study, through its theme
    assert 'search-hit__kind">Toolkit<' in html and 'search-hit__kind">Case study<' in html
    # Sections with counts: everything, then each type.
    assert re.search(r"Toolkits <span class=\"count\">\((\d+)\)", html)

    spaces = client.get(URL, {"q": "youth club"})
    found = titles(spaces)
    assert "Chelmsford Youth Club" in found and "Ealing Youth Club" in found
    assert "Draft Youth Club" not in found and "Old Youth Club" not in found  # a draft, a closed space
    assert 'search-hit__kind">Space<' in spaces.content.decode()
    assert "Chelmsford" in spaces.content.decode()  # the locality


def test_drafts_and_private_pages_are_never_found(client, search_backend):
    _home, toolkit_index, _case_studies = make_knowledge_hub()
    ToolkitPageFactory(parent=toolkit_index, title="Zither circles in public")
    draft = ToolkitPageFactory(parent=toolkit_index, title="Zither circles draft")
    draft.unpublish()
    private = ToolkitPageFactory(parent=toolkit_index, title="Zither circles private")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="secret")
    search_backend.index()
    assert titles(client.get(URL, {"q": "zither"})) == ["Zither circles in public"]
    suggestions = client.get(reverse("search:autocomplete"), {"q": "zith"}).json()["suggestions"]
    assert [s["label"] for s in suggestions] == ["Zither circles in public"]


def test_excerpts_mark_the_words_and_escape_everything_else(client, search_backend):
    _home, toolkit_index, _case_studies = make_knowledge_hub()
    ToolkitPageFactory(
        parent=toolkit_index,
        title="Bridging <script>alert(1)</script> clubs",
        summary="Clubs & choirs bridging <b>divides</b> between neighbours.",
    )
    search_backend.index()
    html = client.get(URL, {"q": "bridging"}).content.decode()
    assert "<script>alert(1)</script>" not in html and "<b>divides</b>" not in html
    assert "&lt;script&gt;" in html and "&lt;b&gt;divides&lt;/b&gt;" in html
    assert "<mark>Bridging</mark>" in html and "<mark>bridging</mark>" in html
    assert "Clubs &amp; choirs" in html


def test_promotions_come_first_and_are_not_repeated(client, corpus):
    page = ToolkitPage.objects.get(title="Fund the connectors")
    query = Query.get("bridging")
    SearchPromotion.objects.create(
        query=query, page=page, description="Editors' pick for bridging", sort_order=0
    )
    draft = ToolkitPageFactory(parent=page.get_parent(), title="Unfinished bridging guide")
    draft.unpublish()
    SearchPromotion.objects.create(query=query, page=draft, sort_order=1)
    response = client.get(URL, {"q": "Bridging"})  # the query is matched as Wagtail normalises it
    found = titles(response)
    assert found[0] == "Fund the connectors" and found.count("Fund the connectors") == 1
    assert "Unfinished bridging guide" not in found  # never a promoted draft
    assert "Recommended" in response.content.decode()
    assert "Editors&#x27; pick for <mark>bridging</mark>" in response.content.decode()


def test_queries_are_logged_for_editors_once_per_search(client, corpus):
    client.get(URL, {"q": "Youth  Club"})
    client.get(URL, {"q": "youth club", "page": "2"})  # paging through is the same search
    client.get(URL, {"q": "youth club", "section": "spaces"})
    client.get(URL, {"q": "youth club"})
    assert Query.objects.get(query_string="youth club").hits == 2


def test_never_cached(client, search_backend):
    for url in (URL + "?q=choir", reverse("search:autocomplete") + "?q=ch"):
        cache_control = client.get(url)["Cache-Control"]
        assert "no-cache" in cache_control and "no-store" in cache_control and "max-age=0" in cache_control


def test_pagination_keeps_the_query(client, search_backend):
    _home, toolkit_index, _case_studies = make_knowledge_hub()
    for i in range(23):
        ToolkitPageFactory(parent=toolkit_index, title=f"Kite festival guide {i}")
    search_backend.index()
    first = client.get(URL, {"q": "kite festival"})
    assert len(titles(first)) == 10 and "Page 1 of 3" in first.content.decode()
    assert 'href="?q=kite+festival&amp;page=2" rel="next"' in first.content.decode()
    third = client.get(URL, {"q": "kite festival", "page": "3"})
    assert len(titles(third)) == 3
    everything = titles(first) + titles(client.get(URL, {"q": "kite festival", "page": "2"})) + titles(third)
    assert len(set(everything)) == 23
    assert titles(client.get(URL, {"q": "kite festival", "page": "99"})) == []


def test_facets_by_type_and_within_each_type(client, corpus):
    everything = client.get(URL, {"q": "bridging"}).content.decode()
    assert 'name="theme" value="bridging-capital"' in everything  # the theme facet over pages

    toolkits = client.get(URL, {"q": "bridging", "section": "toolkits"})
    assert {"Audit your third spaces for bridging", "Design activities that bridge"} <= set(titles(toolkits))
    assert all(unescape(t) not in titles(toolkits) for t in ["Harlow's sports clubs open their doors"])
    mapping = client.get(URL, {"q": "bridging", "section": "toolkits", "stage": "mapping"})
    assert titles(mapping) == ["Audit your third spaces for bridging"]
    html = mapping.content.decode()
    assert re.search(r'name="stage" value="mapping"[^>]*checked', html)

    case_studies = client.get(URL, {"q": "bridging", "section": "case-studies", "place": "Baltimore"})
    assert [unescape(t) for t in titles(case_studies)] == [
        "A Baltimore sports club league for every neighborhood",
        "Shared suppers across Highlandtown's congregations",
    ] or sorted(unescape(t) for t in titles(case_studies)) == [
        "A Baltimore sports club league for every neighborhood",
        "Shared suppers across Highlandtown's congregations",
    ]

    spaces = client.get(URL, {"q": "club", "section": "spaces", "category": "youth_club"})
    assert titles(spaces) == ["Chelmsford Youth Club", "Ealing Youth Club", "Springfield Youth Centre"]
    html = spaces.content.decode()
    # Category counts ignore the category filter itself: sports clubs still show how many.
    assert re.search(r'value="sports_club"[^>]*>\s*<label[^>]*>Sports club <span class="count">\(2\)', html)


def test_a_place_in_the_box_or_after_near(client, corpus):
    by_text = client.get(URL, {"q": "youth club near CM1"})
    by_box = client.get(URL, {"q": "youth club", "location": "CM1"})
    for response in (by_text, by_box):
        html = response.content.decode()
        assert "Spaces near CM1" in html
        found = titles(response)
        assert found[:2] == ["Chelmsford Youth Club", "Springfield Youth Centre"]  # nearest first
        assert "Ealing Youth Club" not in found  # 60 km away
        assert re.search(r"<strong>\d+ m away</strong>", html) or re.search(
            r"<strong>[\d.]+ km away</strong>", html
        )
    assert 'value="CM1"' not in by_text.content.decode()  # the box stays as typed: empty

    # "near" that is not a place is part of the words.
    assert titles(client.get(URL, {"q": "learning from near misses"}))[0] == "Learning from near misses"


def test_a_place_we_cannot_find_is_an_error_that_keeps_the_words(client, corpus):
    response = client.get(URL, {"q": "youth club", "location": "Atlantis"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem with your search" in html and 'href="#search-location"' in html
    assert 'aria-invalid="true"' in html and 'value="Atlantis"' in html
    assert titles(response) == ["Run a youth club that bridges estates"]  # pages still answer, no spaces


def test_nothing_found_offers_a_way_forward(client, corpus):
    response = client.get(URL, {"q": "xylophonic zeppelins"})
    html = response.content.decode()
    assert response.status_code == 200 and "No results" in html
    assert "Try another way" in html and "Popular themes" in html
    assert 'href="/themes/bridging-capital/"' in html
    assert 'href="?q=potluck"' in html and "Type a postcode, ZIP code or town on its own" in html

    corrected = client.get(URL, {"q": "mesure conection"})
    assert "so these are results for <strong>measure connection</strong>" in corrected.content.decode()
    assert titles(corrected)[0] == "Measure connection: a simple evaluation plan"

    far = client.get(URL, {"q": "boxing", "location": "CM1"}).content.decode()  # only in Ealing
    assert "spaces within 25 km" in far and "radius=25" in far


def test_autocomplete_suggests_pages_themes_and_kinds_of_space(client, corpus):
    url = reverse("search:autocomplete")
    data = client.get(url, {"q": "meas"}).json()
    kinds = {(s["label"], s["kind"]) for s in data["suggestions"]}
    assert ("Measure connection: a simple evaluation plan", "toolkit") in kinds
    assert ("Measuring connectedness at a Baltimore rec center", "case_study") in kinds
    assert ("Measurement and evaluation", "theme") in kinds
    youth = client.get(url, {"q": "youth c"}).json()["suggestions"]
    assert {"label": "Youth club", "kind": "category", "kind_label": "Kind of space", "url": ""} in youth
    assert client.get(url, {"q": "y"}).json()["suggestions"] == []
    assert client.get(url, {"q": "<script>"}).json()["suggestions"] == []


def test_spaces_section_distances_and_map_link(client, corpus):
    response = client.get(URL, {"q": "library", "location": "CM1", "section": "spaces"})
    html = response.content.decode()
    assert titles(response) == ["Chelmsford Library"]
    assert "Show these spaces on a map" in html and "/spaces/?q=library&amp;location=CM1" in html
    assert CHELMSFORD  # the corpus puts it at the CM1 postcode centre


def test_case_study_only_search_and_section_links_keep_the_query(client, search_backend):
    _home, _toolkits, case_study_index = make_knowledge_hub()
    CaseStudyPageFactory(parent=case_study_index, title="Quilting bee in Boston", area="Boston", country="US")
    search_backend.index()
    response = client.get(URL, {"q": "quilting", "location": ""})
    assert titles(response) == ["Quilting bee in Boston"]
    html = response.content.decode()
    assert 'href="?q=quilting&amp;section=case-studies"' in html


def test_a_published_toolkit_is_found_by_its_new_theme_at_once(
    client, search_backend, django_capture_on_commit_callbacks
):
    _home, toolkit_index, _case_studies = make_knowledge_hub()
    toolkit = ToolkitPageFactory(parent=toolkit_index, title="Street parties", summary="Close the road.")
    theme = ThemeFactory(name="Kinship networks", slug="kinship-networks")
    search_backend.index()
    search_backend.settings.WAGTAILSEARCH_BACKENDS["default"]["AUTO_UPDATE"] = True  # as deployed
    assert titles(client.get(URL, {"q": "kinship"})) == []

    toolkit.themes.set([theme])
    with django_capture_on_commit_callbacks(execute=True):
        toolkit.save_revision().publish()
    search_backend.refresh()
    assert titles(client.get(URL, {"q": "kinship"})) == ["Street parties"]


def test_spaces_preview_is_the_newest_and_stops_counting_at_the_limit(client, search_backend):
    """The preview of spaces on an everything search: the newest public matches first, and a
    count that stops at SEARCH_SPACES_COUNT_UP_TO ("3+"), on every backend; the spaces section
    itself still counts them all."""
    from tests.assets_registry.factories import AssetFactory

    search_backend.settings.SEARCH_SPACES_COUNT_UP_TO = 3
    made = [AssetFactory(name=f"Riverside Rowing Club {n}") for n in range(8)]
    AssetFactory(name="Riverside Rowing Club draft", live=False)
    AssetFactory(name="Riverside Rowing Club closed", status="closed")
    search_backend.index()

    html = unescape(client.get(URL, {"q": "rowing"}).content.decode())
    after_heading = re.sub(r"</?mark>", "", html.split('id="spaces-heading"', 1)[1])
    preview = re.findall(r"Riverside Rowing Club \w+", after_heading)
    newest = [asset.name for asset in sorted(made, key=lambda asset: -asset.pk)[:5]]
    assert list(dict.fromkeys(preview)) == newest
    assert 'Spaces <span class="muted">(3+)</span>' in html
    assert "See all 3+ spaces" in html
    assert re.search(r"Spaces <span class=\"count\">\(3\+\)", html)

    spaces = unescape(client.get(URL, {"q": "rowing", "section": "spaces"}).content.decode())
    assert re.search(r"Spaces <span class=\"count\">\(8\)", spaces)

    search_backend.settings.SEARCH_SPACES_COUNT_UP_TO = 8  # exactly the number of matches
    html = unescape(client.get(URL, {"q": "rowing"}).content.decode())
    assert 'Spaces <span class="muted">(8)</span>' in html and "(8+)" not in html


def test_counts_of_each_kind_are_exact_past_the_best_matches(client, search_backend, monkeypatch):
    """Only the best PAGE_MATCH_CAP matches are fetched; the count of each kind is still every
    match, also of a kind none of the best are (title matches rank above summary matches)."""
    from search import selectors

    _home, toolkit_index, case_study_index = make_knowledge_hub()
    for i in range(5):
        ToolkitPageFactory(parent=toolkit_index, title=f"Skiffle toolkit {i}", summary="Skiffle skiffle.")
    for i in range(4):
        CaseStudyPageFactory(parent=case_study_index, title=f"Band {i}", summary="A skiffle night.")
    search_backend.index()
    monkeypatch.setattr(selectors, "PAGE_MATCH_CAP", 3)
    matches = selectors.page_matches("skiffle")
    assert len(matches) == 3
    assert matches.counts == {"toolkit": 5, "case_study": 4}
    html = client.get(URL, {"q": "skiffle"}).content.decode()
    assert re.search(r"Toolkits <span class=\"count\">\(5\)", html)
    assert re.search(r"Case studies <span class=\"count\">\(4\)", html)
