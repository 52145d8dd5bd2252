"""The results page, its links from spaces, the atlas and coalitions, and adopting a result."""

import pytest

from django.urls import reverse

from atlas.models import AreaKind
from atlas.services import AreaData, areas_upsert
from coalitions.models import Measure, Observation
from tests.connections.results_data import survey_with_results
from tests.factories import UserFactory, make_site_home

pytestmark = pytest.mark.django_db


@pytest.fixture
def built():
    make_site_home()
    return survey_with_results()


def _url(built):
    return reverse("connections:survey_results", args=[built.survey.slug])


def test_the_page_shows_ranked_places_definitions_and_the_privacy_facts(client, built):
    page = client.get(_url(built)).content.decode()
    assert page.index("Acton Hall") < page.index("Ealing Library")
    assert "index of qualitative variation" in page and "betweenness" in page
    assert built.survey.legal_basis in page and built.survey.privacy_notice in page
    # 21 complete: the public figures count them in steps of 5.
    assert "20</strong> complete interviews counted. 1 more is complete" in page
    assert "Adopt as a measure" not in page  # not a steward


def test_the_surveys_steward_and_researchers_see_every_complete_interview(client, built):
    for person in (built.steward, built.researcher):
        client.force_login(person)
        page = client.get(_url(built)).content.decode()
        assert "21</strong> complete interviews, every one of them" in page
        assert "counts the first <strong>20</strong>" in page


def test_space_badge_links_to_the_results(client, built):
    page = client.get(built.library.get_absolute_url()).content.decode()
    assert "6 respondents meet here</strong>, across 6 age bands" in page
    assert f"{_url(built)}#place-{built.library.pk}" in page


def test_atlas_and_coalition_pages_link_to_published_results(client, built):
    for address in (
        built.area.get_absolute_url(),
        built.place.get_absolute_url(),
        "/places/ealing/coalition/",
    ):
        assert _url(built) in client.get(address).content.decode(), address


def _borough(code, name):
    areas, _counts = areas_upsert(
        kind=AreaKind.LONDON_BOROUGH, rows=[AreaData(code=code, name=name, country="GB")]
    )
    return areas[code]


def test_the_twin_area_links_too(client, built):
    # The survey's coalition convenes Ealing as a local authority; the London borough is the same place.
    ealing = _borough("E09000009", "Ealing")
    assert _url(built) in client.get(ealing.get_absolute_url()).content.decode()
    barking = _borough("E09000002", "Barking and Dagenham")
    assert _url(built) not in client.get(barking.get_absolute_url()).content.decode()


def test_an_unknown_survey_answers_404(client, built):
    assert client.get("/surveys/no-such-survey/results/").status_code == 404


def test_a_steward_adopts_a_result_whose_value_waits_for_approval(client, built):
    client.force_login(built.steward)
    page = client.get(_url(built)).content.decode()
    assert "Adopt as a measure" in page
    response = client.post(
        reverse("connections:result_adopt", args=[built.survey.slug]), {"result": "isolation"}
    )
    assert response.status_code == 302
    measure = Measure.objects.filter(coalition=built.coalition).get()
    assert measure.live and "no figure rests on fewer than 5" in measure.definition
    observation = Observation.objects.get(measure=measure)
    # Of the 20 published: 6 at the hall only and the first 8 of those who meet nowhere.
    assert observation.value == pytest.approx(round(100 * 14 / 20, 1))
    assert not observation.live and observation.workflow_in_progress
    assert observation.date == built.survey.ends
    # Not public until a steward approves it.
    assert str(observation.value) not in client.get("/places/ealing/coalition/impact/").content.decode()
    again = client.post(
        reverse("connections:result_adopt", args=[built.survey.slug]), {"result": "isolation"}, follow=True
    )
    assert "already adopted" in again.content.decode()
    assert Observation.objects.filter(measure=measure).count() == 1


def test_only_stewards_adopt_and_only_published_values(client, built):
    adopt = reverse("connections:result_adopt", args=[built.survey.slug])
    client.force_login(built.researcher)
    assert client.post(adopt, {"result": "isolation"}).status_code == 403
    client.force_login(UserFactory(username="passer-by"))
    assert client.post(adopt, {"result": "isolation"}).status_code == 403
    client.force_login(built.steward)
    response = client.post(adopt, {"result": "nonsense"}, follow=True)
    assert "choose one of the results offered" in response.content.decode()
    assert not Measure.objects.filter(coalition=built.coalition).exists()


def test_the_figures_as_json_are_the_pages_figures(client, built):
    page = client.get(_url(built)).content.decode()
    assert reverse("connections:survey_results_json", args=[built.survey.slug]) in page
    data = client.get(reverse("connections:survey_results_json", args=[built.survey.slug])).json()
    assert data["respondents_counted"] == 20 and data["respondents_not_yet_counted"] == 1
    assert [(p["name"], p["respondents"], p["age_bands"]) for p in data["places"]] == [
        ("Acton Hall", 12, 6),
        ("Ealing Library", 6, 6),
    ]
    assert data["places"][0]["space"] == f"http://testserver{built.hall.get_absolute_url()}"
    assert data["isolation_percent"] == pytest.approx(round(100 * 14 / 20, 1))
    assert data["definitions"]["bridging"].startswith("Bridging score (0 to 1)")
    # A hidden cell is null, never its count: everyone answered gender "prefer not to say".
    gender = next(q for q in data["who_answered"] if q["question"] == "Gender")
    assert {row["respondents"] for row in gender["bands"]} <= {0, 20, None}
    assert not data["preview"]


def test_the_json_of_an_unpublished_survey_is_not_public(client, built):
    built.survey.results_published = False
    built.survey.save(update_fields=["results_published"])
    url = reverse("connections:survey_results_json", args=[built.survey.slug])
    assert client.get(url).status_code == 404
    client.force_login(built.researcher)
    assert client.get(url).json()["preview"] is True
