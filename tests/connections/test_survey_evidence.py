"""A personal map's survey evidence: published, mixed places near the resident's district that are
not on their map (connections.survey_evidence), shown on the map's result page."""

import pytest

from connections.survey_evidence import MIXED_FROM, mixed_places_near
from tests.assets_registry.factories import ESSEX
from tests.connections.personal_map_helpers import make_map
from tests.connections.results_data import make_survey
from tests.factories import make_site_home

pytestmark = pytest.mark.django_db

AGES = ("16-24", "25-34", "35-49", "50-64", "65-74", "75+")


@pytest.fixture
def built(gazetteer, fresh_geocoding_caches):
    make_site_home()
    built = make_survey()
    built.mixed = built.space("Pitshanger Community Hub")
    built.alike = built.space("Ealing Bowls Club")
    # Chelmsford city centre, about 60 km from Ealing.
    built.far = built.space("Chelmsford Meeting House", latitude=51.7356, longitude=0.4691, **ESSEX)
    for age in AGES + AGES[:4]:  # 10 respondents across every age band
        built.interview(places=[built.mixed, built.far], age=age)
    for _ in range(5):
        built.interview(places=[built.alike], age="75+")  # 5 alike: a bridging score of 0
    for _ in range(5):
        built.interview()
    return built


def test_mixed_published_places_near_the_district_and_not_on_the_map(built):
    found = mixed_places_near(district="W5", used_ids=set())
    assert [item.asset for item in found] == [built.mixed]
    assert found[0].place.bridging >= MIXED_FROM and found[0].place.respondents == 10
    assert mixed_places_near(district="W5", used_ids={built.mixed.pk}) == []
    # Chelmsford is as mixed, but not within 3 km of W5; near CM1 it is the one.
    assert [item.asset for item in mixed_places_near(district="CM1", used_ids=set())] == [built.far]
    assert mixed_places_near(district="", used_ids=set()) == []
    assert mixed_places_near(district="ZZ99", used_ids=set()) == []


def test_an_unpublished_survey_is_no_evidence(built):
    built.survey.results_published = False
    built.survey.save(update_fields=["results_published"])
    assert mixed_places_near(district="W5", used_ids=set()) == []


def test_the_map_page_shows_the_evidence_with_the_badge_sentence(client, built):
    page = make_map(client).content.decode()
    assert "Where surveys show people from different walks of life meet" in page
    section = page[page.index("Where surveys show") :]
    assert "Pitshanger Community Hub" in section and "Ealing Bowls Club" not in section
    assert "<strong>10 respondents meet here</strong>, across 6 age bands" in section
    assert f"/surveys/{built.survey.slug}/results/#place-{built.mixed.pk}" in section
