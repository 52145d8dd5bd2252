"""Index filters: the right pages, counts per option, shareable GET URLs that work without JavaScript."""

import re

import pytest

from django.http import QueryDict

from tests.toolkits.factories import (
    CaseStudyPageFactory,
    ThemeFactory,
    ToolkitPageFactory,
    make_knowledge_hub,
)
from toolkits import selectors
from toolkits.filters import case_study_filters_from_params, toolkit_filters_from_params

pytestmark = pytest.mark.django_db


def titles(pages):
    return sorted(page.title for page in pages)


def counts(facets, param):
    facet = next(f for f in facets if f.param == param)
    return {option.value: option.count for option in facet.options}


@pytest.fixture
def toolkits():
    _home, index, _cs = make_knowledge_hub()
    assets = ThemeFactory(name="Community assets", slug="community-assets")
    spaces = ThemeFactory(name="Third spaces", slug="third-spaces")
    measuring = ThemeFactory(name="Measurement and evaluation", slug="measurement-and-evaluation")
    ToolkitPageFactory(
        parent=index, title="Asset walk", stages=["mapping"], audiences=["residents"], themes=[assets, spaces]
    )
    ToolkitPageFactory(
        parent=index,
        title="Coalition kit",
        stages=["convening"],
        audiences=["funders", "public-services"],
        themes=[assets],
    )
    ToolkitPageFactory(
        parent=index,
        title="Evaluation plan",
        stages=["demonstrating", "convening"],
        audiences=["researchers", "funders"],
        themes=[measuring],
    )
    ToolkitPageFactory(
        parent=index, title="Unpublished draft", stages=["mapping"], themes=[spaces], live=False
    )
    return index


def toolkit_results(index, query):
    return titles(selectors.toolkit_list(filters=toolkit_filters_from_params(QueryDict(query)), index=index))


def test_no_filters_lists_every_live_toolkit(toolkits):
    assert toolkit_results(toolkits, "") == ["Asset walk", "Coalition kit", "Evaluation plan"]


def test_values_in_one_facet_are_alternatives(toolkits):
    assert toolkit_results(toolkits, "stage=mapping&stage=demonstrating") == ["Asset walk", "Evaluation plan"]
    assert toolkit_results(toolkits, "theme=third-spaces&theme=measurement-and-evaluation") == [
        "Asset walk",
        "Evaluation plan",
    ]


def test_facets_narrow_each_other(toolkits):
    assert toolkit_results(toolkits, "stage=convening") == ["Coalition kit", "Evaluation plan"]
    assert toolkit_results(toolkits, "stage=convening&audience=public-services") == ["Coalition kit"]
    assert toolkit_results(toolkits, "stage=convening&theme=community-assets&audience=researchers") == []


def test_a_value_does_not_match_a_longer_value_that_contains_it(toolkits):
    # "public-services" must not match an audience like "services"; values are matched whole.
    assert toolkit_results(toolkits, "audience=funders") == ["Coalition kit", "Evaluation plan"]


def test_unknown_values_are_ignored_so_old_links_still_open(toolkits):
    filters = toolkit_filters_from_params(QueryDict("stage=nonsense&audience=aliens&colour=blue"))
    assert not filters
    assert toolkit_results(toolkits, "theme=no-such-theme") == []


def test_counts_are_what_ticking_the_option_would_give(toolkits):
    filters = toolkit_filters_from_params(QueryDict("stage=convening"))
    facets = selectors.toolkit_facets(filters=filters, index=toolkits)
    # The stage facet is counted without its own choice (ticking mapping too would add 1).
    assert counts(facets, "stage") == {"mapping": 1, "convening": 2, "demonstrating": 1}
    # Other facets are counted within the chosen stage.
    assert counts(facets, "audience")["funders"] == 2
    assert counts(facets, "audience")["residents"] == 0
    assert counts(facets, "theme") == {
        "community-assets": 1,
        "measurement-and-evaluation": 1,
        "third-spaces": 0,
    }


def test_drafts_are_not_counted(toolkits):
    facets = selectors.toolkit_facets(filters=toolkit_filters_from_params(QueryDict("")), index=toolkits)
    assert counts(facets, "theme")["third-spaces"] == 1
    assert counts(facets, "stage")["mapping"] == 1


def test_the_index_page_filters_with_a_plain_get_form(client, toolkits):
    response = client.get("/toolkits/?stage=convening&audience=funders")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<form method="get" action="/toolkits/">' in html
    listed = re.findall(r'class="knowledge-card__title"><a href="[^"]+">([^<]+)</a>', html)
    assert sorted(listed) == ["Coalition kit", "Evaluation plan"]
    assert re.search(r'name="stage" value="convening" checked', html)
    assert "2 toolkits" in html
    # A shareable remove link per chosen filter.
    assert 'href="/toolkits/?audience=funders"' in html
    assert 'href="/toolkits/?stage=convening"' in html
    # Counts next to the options: what ticking each would give alongside audience=funders.
    assert re.search(r"Convening the coalition <span class=\"count\">\(2<", html)
    assert re.search(r"Mapping the opportunity <span class=\"count\">\(0<", html)


def test_pagination_keeps_the_filters(client, toolkits):
    for n in range(13):
        ToolkitPageFactory(parent=toolkits, title=f"Extra {n:02d}", stages=["mapping"])
    html = client.get("/toolkits/?stage=mapping").content.decode()
    assert "14 toolkits" in html
    assert 'href="?stage=mapping&amp;page=2"' in html
    page_two = client.get("/toolkits/?stage=mapping&page=2").content.decode()
    assert "Extra 12" in page_two and "Extra 00" not in page_two


@pytest.fixture
def case_studies():
    _home, _ti, index = make_knowledge_hub()
    bridging = ThemeFactory(name="Bridging capital", slug="bridging-capital")
    policy = ThemeFactory(name="Policy and advocacy", slug="policy-and-advocacy")
    CaseStudyPageFactory(
        parent=index,
        title="Southall map",
        area="Ealing",
        country="GB",
        stage="mapping",
        third_space_types=["identity", "activity"],
        themes=[bridging],
    )
    CaseStudyPageFactory(
        parent=index,
        title="Harlow clubs",
        area="Essex",
        country="GB",
        stage="convening",
        third_space_types=["activity"],
        themes=[bridging],
    )
    CaseStudyPageFactory(
        parent=index,
        title="East Boston budget",
        area="Boston",
        country="US",
        stage="demonstrating",
        third_space_types=["purpose"],
        themes=[policy],
        latitude=None,
        longitude=None,
    )
    CaseStudyPageFactory(parent=index, title="Draft in Baltimore", area="Baltimore", country="US", live=False)
    return index


def case_study_results(index, query):
    filters = case_study_filters_from_params(QueryDict(query))
    return titles(selectors.case_study_list(filters=filters, index=index))


def test_case_study_filters(case_studies):
    assert case_study_results(case_studies, "") == ["East Boston budget", "Harlow clubs", "Southall map"]
    assert case_study_results(case_studies, "country=gb") == ["Harlow clubs", "Southall map"]
    assert case_study_results(case_studies, "place=Boston") == ["East Boston budget"]
    assert case_study_results(case_studies, "theme=bridging-capital&stage=convening") == ["Harlow clubs"]
    assert case_study_results(case_studies, "type=activity") == ["Harlow clubs", "Southall map"]
    assert case_study_results(case_studies, "type=identity&type=purpose") == [
        "East Boston budget",
        "Southall map",
    ]
    assert case_study_results(case_studies, "country=US&type=activity") == []


def test_case_study_facets_offer_only_places_with_published_case_studies(case_studies):
    facets = selectors.case_study_facets(
        filters=case_study_filters_from_params(QueryDict("")), index=case_studies
    )
    assert counts(facets, "place") == {"Boston": 1, "Ealing": 1, "Essex": 1}
    assert counts(facets, "country") == {"GB": 2, "US": 1}
    labels = {o.value: o.label for f in facets if f.param == "country" for o in f.options}
    assert labels == {"GB": "United Kingdom", "US": "United States"}
    assert counts(facets, "type") == {"identity": 1, "activity": 2, "purpose": 1}


def test_case_study_index_shows_the_list_and_the_map_points(client, case_studies):
    html = client.get("/case-studies/?country=GB").content.decode()
    assert "2 case studies" in html
    points = re.search(r'<script id="case-study-points" type="application/json">(.*?)</script>', html).group(
        1
    )
    assert "Southall map" in points and "Harlow clubs" in points
    assert "East Boston" not in points  # filtered out
    everything = client.get("/case-studies/").content.decode()
    # East Boston has no coordinates: in the list, not on the map.
    points = re.search(
        r'<script id="case-study-points" type="application/json">(.*?)</script>', everything
    ).group(1)
    assert "East Boston" not in points and "East Boston budget" in everything
    assert "Draft in Baltimore" not in everything
