"""Recording an interview through the researchers' pages without JavaScript, and what is refused
(issue 20, item 2; bad input: another survey's researcher, no consent, an unknown space)."""

from __future__ import annotations

import html
import re

import pytest

from django.urls import reverse

from connections.interviews_services import (
    interview_complete,
    interview_record,
    interview_start,
    respondent_code_suggest,
)
from connections.models import Interview, InterviewPlace, InterviewStatus, RawAccessLog
from tests.connections.personal_map_helpers import FRIEND
from tests.connections.survey_setup import WELLBEING, answers, ealing_draft, surveys

pytestmark = pytest.mark.django_db


@pytest.fixture
def ns():
    return surveys()


def step(survey, interview, name):
    return reverse("connections:interview_step", args=[survey.slug, interview.pk, name])


def start(client, survey, key="device-key-0001"):
    response = client.post(reverse("connections:interview_start", args=[survey.slug]), {"client_key": key})
    assert response.status_code == 302, response
    return Interview.objects.get(survey=survey, client_key=key)


def consented(client, survey, key="device-key-0001"):
    interview = start(client, survey, key)
    response = client.post(step(survey, interview, "consent"), {"consent": "yes"})
    assert response.url == step(survey, interview, "code")
    return interview


def test_a_researcher_records_a_whole_interview(client, ns):
    survey = ns.ealing_survey
    client.force_login(ns.ealing_researcher)
    interview = start(client, survey)
    page = client.get(step(survey, interview, "consent")).content.decode()
    assert "where they meet others" in page and "holds your answers under a code" in page
    assert "Consent (UK GDPR Article 6(1)(a)" in page  # the legal basis, on the consent screen

    client.post(step(survey, interview, "consent"), {"consent": "yes"})
    assert client.post(step(survey, interview, "code"), {"respondent_code": "eal-0042"}).status_code == 302
    about = {"age_band": "35-49", "band_gender": "woman", "band_ethnicity": "prefer_not"}
    assert client.post(step(survey, interview, "about"), about).status_code == 302
    person = {"add": "person", **{k: v for k, v in FRIEND.items() if k != "initials"}}  # no initials here
    assert client.post(step(survey, interview, "people"), person).status_code == 302
    assert client.post(step(survey, interview, "people"), {"continue": "1"}).url == step(
        survey, interview, "places"
    )

    found = client.get(step(survey, interview, "places"), {"q": "library"}).content.decode()
    assert "Ealing Central Library" in found and "Chelmsford Library" not in found  # only the survey's area
    client.post(step(survey, interview, "places"), {"add": "space", "space": ns.library.pk, "people": ["p1"]})
    client.post(step(survey, interview, "places"), {"add": "typed", "typed-name": "The bench by the pond"})
    client.post(
        step(survey, interview, "groups"), {"add": "group", "name": "Tuesday walkers", "kind": "club"}
    )
    client.post(step(survey, interview, "exchange"), {"gives": ["support"], "gets": ["fun"]})
    client.post(
        step(survey, interview, "wellbeing"),
        {**{k: str(v) for k, v in WELLBEING.items()}, "anxiety": "prefer_not"},
    )
    check = client.get(step(survey, interview, "check")).content.decode()
    assert "Ealing Central Library" in check and "Not answered" in check  # anxiety declined
    response = client.post(step(survey, interview, "check"))
    assert response.url == reverse("connections:interviews", args=[survey.slug])

    interview.refresh_from_db()
    assert interview.status == InterviewStatus.COMPLETE
    assert interview.respondent_code == "EAL-0042"
    assert interview.consent_wording == survey.consent_wording and interview.consented_at is not None
    assert interview.bands == {"gender": "woman", "ethnicity": "prefer_not"}
    assert (interview.life_satisfaction, interview.anxiety) == (7, None)
    assert interview.answers["people"][0]["initials"] == ""
    places = {(p.space_id, p.typed_name, tuple(p.people)) for p in interview.places.all()}
    assert places == {(ns.library.pk, "", ("p1",)), (None, "The bench by the pond", ())}
    # Complete: the steps now lead to the read-only view.
    assert client.get(step(survey, interview, "people")).url == reverse(
        "connections:interview", args=[survey.slug, interview.pk]
    )


def test_a_repeated_start_with_the_same_key_is_one_interview(client, ns):
    client.force_login(ns.ealing_researcher)
    first, again = (
        start(client, ns.ealing_survey, "retry-key-1234"),
        start(client, ns.ealing_survey, "retry-key-1234"),
    )
    assert first.pk == again.pk and Interview.objects.count() == 1
    assert re.fullmatch(r"EAL-\d{4}", first.respondent_code)


def test_no_consent_keeps_nothing_and_cannot_be_completed(client, ns):
    survey = ns.ealing_survey
    client.force_login(ns.ealing_researcher)
    declined = start(client, survey, "declined-key-1")
    client.post(step(survey, declined, "consent"), {"consent": "no"})
    assert not Interview.objects.filter(pk=declined.pk).exists()

    # A draft without consent: every other step sends the researcher back to consent …
    draft = start(client, survey, "unconsented-1")
    assert client.post(step(survey, draft, "check")).url == step(survey, draft, "consent")
    draft.refresh_from_db()
    assert draft.status == InterviewStatus.DRAFT
    # … and the service refuses to complete it, saying why.
    unconsented = interview_record(
        survey=survey,
        researcher=ns.ealing_researcher,
        respondent_code="EAL-0900",
        age_band="16-24",
        bands={"gender": "man", "ethnicity": "white"},
        answers=answers(),
        wellbeing=WELLBEING,
        consent_given=False,
    )
    with pytest.raises(Exception, match="without consent cannot be completed"):
        interview_complete(unconsented)
    assert Interview.objects.get(pk=unconsented.pk).status == InterviewStatus.DRAFT


@pytest.mark.parametrize(
    "code, message",
    [
        ("sam@example.org", "looks like an e-mail address"),
        ("07700 900123", "looks like a phone number"),
        ("+44 7700 900123", "looks like a phone number"),
        ("JohnSmith", "could be a name or initials"),
        ("AB", "could be a name or initials"),
    ],
)
def test_a_code_that_could_identify_is_refused_and_what_was_typed_stays(client, ns, code, message):
    survey = ns.ealing_survey
    client.force_login(ns.ealing_researcher)
    interview = consented(client, survey)
    before = interview.respondent_code
    response = client.post(step(survey, interview, "code"), {"respondent_code": code})
    page = response.content.decode()
    assert response.status_code == 400 and message in page
    assert f'value="{code}"' in page  # the form keeps what was typed
    interview.refresh_from_db()
    assert interview.respondent_code == before


def test_a_code_already_used_in_the_survey_is_refused(client, ns):
    survey = ns.ealing_survey
    client.force_login(ns.ealing_researcher)
    first = consented(client, survey, "key-first-01")
    second = consented(client, survey, "key-second-1")
    response = client.post(step(survey, second, "code"), {"respondent_code": first.respondent_code})
    assert response.status_code == 400 and "already used in this survey" in response.content.decode()


def test_an_unknown_space_is_refused_and_the_draft_keeps_its_places(client, ns):
    survey = ns.ealing_survey
    client.force_login(ns.ealing_researcher)
    interview = consented(client, survey)
    client.post(step(survey, interview, "places"), {"add": "space", "space": ns.library.pk})
    for unknown in (ns.chelmsford.pk, ns.draft_space.pk, 99_999_999):  # another area, unpublished, none
        response = client.post(step(survey, interview, "places"), {"add": "space", "space": unknown})
        assert response.status_code == 400
        assert "not registry spaces in this survey's area" in html.unescape(response.content.decode())
    interview.refresh_from_db()
    assert [place["space"] for place in interview.answers["places"]] == [ns.library.pk]
    assert list(InterviewPlace.objects.filter(interview=interview).values_list("space_id", flat=True)) == [
        ns.library.pk
    ]


def test_a_person_form_missing_an_answer_keeps_the_others(client, ns):
    survey = ns.ealing_survey
    client.force_login(ns.ealing_researcher)
    interview = consented(client, survey)
    response = client.post(
        step(survey, interview, "people"),
        {"add": "person", "relationship": "neighbour", "frequency": "daily", "like_age": "like"},
    )
    page = response.content.decode()
    assert response.status_code == 400 and "Select an answer to “How close are they?”" in html.unescape(page)
    assert re.search(r'value="neighbour"[^>]*checked', page) and re.search(r'value="daily"[^>]*checked', page)
    interview.refresh_from_db()
    assert interview.answers.get("people", []) == []


def test_removing_a_person_takes_them_off_their_places(client, ns):
    survey = ns.ealing_survey
    interview = ealing_draft(ns, "EAL-0100", answers(ns.library, typed=["Corner cafe"]))
    client.force_login(ns.ealing_researcher)
    client.post(step(survey, interview, "people"), {"remove": "0"})
    interview.refresh_from_db()
    assert [p["key"] for p in interview.answers["people"]] == ["p2"]
    assert [p["people"] for p in interview.answers["places"]] == [[], ["p2"]]


def test_another_surveys_researcher_reads_nothing(client, ns):
    ealing = ns.ealing_survey
    interview = ealing_draft(ns, "EAL-0101", answers())
    essex_interview = interview_start(survey=ns.essex_survey, researcher=ns.essex_researcher)
    client.force_login(ns.essex_researcher)
    for url in (
        reverse("connections:interviews", args=[ealing.slug]),
        reverse("connections:interview", args=[ealing.slug, interview.pk]),
        step(ealing, interview, "people"),
        reverse("connections:interviews_csv", args=[ealing.slug]),
        reverse("connections:access_log", args=[ealing.slug]),
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("connections:interview_start", args=[ealing.slug])).status_code == 404
    # An Essex interview reached through the Ealing survey's address, by Ealing's researcher: 404.
    client.force_login(ns.ealing_researcher)
    assert (
        client.get(reverse("connections:interview", args=[ealing.slug, essex_interview.pk])).status_code
        == 404
    )
    # A coalition member who is not a steward or researcher: 404; signed out: sign in first.
    client.force_login(ns.ealing_member)
    assert client.get(reverse("connections:interviews", args=[ealing.slug])).status_code == 404
    client.logout()
    response = client.get(reverse("connections:interviews", args=[ealing.slug]))
    assert response.status_code == 302 and "/admin/login/" in response.url
    assert not RawAccessLog.objects.filter(user=ns.essex_researcher).exists()


def test_the_ended_survey_takes_no_new_interviews(client, ns):
    import datetime as dt

    survey = ns.ealing_survey
    survey.starts, survey.ends = dt.date(2020, 1, 1), dt.date(2020, 3, 1)
    survey.save()
    client.force_login(ns.ealing_researcher)
    page = client.get(reverse("connections:interviews", args=[survey.slug])).content.decode()
    assert "no new interviews" in page and "Start an interview" not in page
    assert client.post(reverse("connections:interview_start", args=[survey.slug])).status_code == 403
    assert not Interview.objects.exists()


def test_the_suggested_code_says_where_and_is_free(ns):
    assert respondent_code_suggest(ns.ealing_survey) == "EAL-0001"
    assert respondent_code_suggest(ns.essex_survey) == "ESS-0001"
    ealing_draft(ns, "EAL-0002", answers())
    assert respondent_code_suggest(ns.ealing_survey) == "EAL-0003"  # 0002 is taken
