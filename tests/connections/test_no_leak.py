"""No public page, API answer, export, search result or sitemap reveals an individual interview or
a group smaller than the threshold (issue 20, "Privacy and safety as features").

A published survey holds interviews with distinctive markers: a respondent code, a place met by
4 respondents (under the threshold), a typed place and a group named by few, and a respondent
alone in an age band. Every public address is fetched and searched for them.
"""

import json

import pytest

from django.core.management import call_command

from atlas.models import AreaAsset
from tests.connections.results_data import make_survey
from tests.factories import make_site_home

pytestmark = pytest.mark.django_db

CODE = "ZQX-7731"
SMALL_PLACE = "Quokka Reading Rooms"
TYPED_PLACE = "Plugh Back Garden"
SMALL_GROUP = "Xyzzy Knitting Circle"


@pytest.fixture
def seeded(settings):
    make_site_home()
    built = make_survey(bands=("gender", "religion"))
    big, small = built.space("Ealing Broadway Centre"), built.space(SMALL_PLACE)
    built.interview(
        places=[big, small],
        code=CODE,
        age="75+",
        typed=[TYPED_PLACE],
        groups=[SMALL_GROUP],
        bands={"gender": "another", "religion": "jewish"},
    )
    for _ in range(3):
        built.interview(places=[big, small], groups=[SMALL_GROUP])
    for _ in range(8):
        built.interview(places=[big])
    for _ in range(8):
        built.interview(places=[])  # 20 complete: the public figures count them in steps of 5
    built.interview(places=[small], complete=False)  # a draft: a fifth at the small place, not counted
    call_command("update_index", verbosity=0)
    return built, big, small


def _public_addresses(built, big, small) -> list[str]:
    survey = built.survey
    return [
        f"/surveys/{survey.slug}/results/",
        f"/surveys/{survey.slug}/results.json",
        big.get_absolute_url(),
        small.get_absolute_url(),
        built.area.get_absolute_url(),
        built.place.get_absolute_url(),
        f"/places/{built.coalition.slug}/coalition/",
        f"/places/{built.coalition.slug}/coalition/impact/",
        f"/places/{built.coalition.slug}/coalition/impact.json",
        "/coalitions/",
        "/spaces.csv",
        "/spaces/export.geojson",
        "/api/v1/spaces",
        f"/api/v1/spaces/{small.pk}",
        "/api/hsds/services",
        "/api/hsds/organizations",
        "/sitemap.xml",
        f"/search/?q={CODE.split('-')[0]}",  # searches echo their query: look for the whole marker
        f"/search/?q={SMALL_GROUP.split()[0]}",
        f"/search/?q={TYPED_PLACE.split()[0]}",
        "/search/?q=respondents",
        f"/spaces/?q={SMALL_PLACE.split()[0]}",
    ]


def _body(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode()


def test_no_public_answer_reveals_an_interview_or_a_small_group(client, seeded):
    built, big, small = seeded
    seen = {}
    for address in _public_addresses(built, big, small):
        response = client.get(address)
        assert response.status_code in (200, 404), (address, response.status_code)
        seen[address] = _body(response)
    everything = "\n".join(seen.values())
    for marker in (CODE, TYPED_PLACE, SMALL_GROUP, 'Jewish</th><td class="num">1'):
        assert marker not in everything, marker
    results_page = seen[f"/surveys/{built.survey.slug}/results/"]
    assert "Ealing Broadway Centre" in results_page  # 12 respondents: shown
    assert SMALL_PLACE not in results_page  # 4 respondents: not shown
    assert "respondents meet here" in seen[big.get_absolute_url()]
    assert "respondents meet here" not in seen[small.get_absolute_url()]
    # The age band of the one respondent aged 75+ is never a published count.
    assert '>75 or over</th><td class="num">1<' not in results_page


def test_the_results_of_an_unpublished_survey_are_not_public(client, seeded):
    built, big, _small = seeded
    built.survey.results_published = False
    built.survey.save()
    assert client.get(f"/surveys/{built.survey.slug}/results/").status_code == 404
    assert "respondents meet here" not in _body(client.get(big.get_absolute_url()))
    assert built.survey.slug not in _body(client.get(built.place.get_absolute_url()))
    # A researcher of the survey sees a preview.
    client.force_login(built.researcher)
    response = client.get(f"/surveys/{built.survey.slug}/results/")
    assert response.status_code == 200 and "Preview: not public" in _body(response)


def test_the_api_and_exports_carry_no_survey_fields(client, seeded):
    _built, _big, small = seeded
    data = json.loads(_body(client.get(f"/api/v1/spaces/{small.pk}")))
    assert not {"respondents", "survey", "interviews"} & set(json.dumps(data).lower().split('"'))
    assert AreaAsset.objects.filter(asset=small).exists()
