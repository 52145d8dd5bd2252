"""Deleting one interview: a steward when a respondent withdraws, a researcher a draft. Erased
means gone: the answers, the places, and the respondent's code in the access log."""

import pytest

from django.urls import reverse

from connections.interviews_services import interview_complete
from connections.models import Interview, InterviewPlace, RawAccessAction, RawAccessLog
from tests.connections.survey_setup import EALING_BANDS, answers, ealing_draft, surveys

pytestmark = pytest.mark.django_db


@pytest.fixture
def ns():
    return surveys()


def _delete_url(interview):
    return reverse("connections:interview_delete", args=[interview.survey.slug, interview.pk])


def test_a_steward_deletes_a_withdrawn_respondents_interview_and_its_code_from_the_log(client, ns):
    interview = interview_complete(ealing_draft(ns, "EAL-0042", answers(ns.library), bands=EALING_BANDS))
    client.force_login(ns.ealing_researcher)
    client.get(reverse("connections:interview", args=[ns.ealing_survey.slug, interview.pk]))  # logged
    assert RawAccessLog.objects.filter(detail__contains="EAL-0042").exists()

    client.force_login(ns.ealing_steward)
    page = client.get(_delete_url(interview)).content.decode()
    assert "Delete interview EAL-0042?" in page and "cannot be brought back" in page
    response = client.post(_delete_url(interview), follow=True)
    assert "Interview EAL-0042 is deleted" in response.content.decode()
    assert not Interview.objects.filter(pk=interview.pk).exists()
    assert not InterviewPlace.objects.filter(interview_id=interview.pk).exists()
    assert not RawAccessLog.objects.filter(detail__contains="EAL-0042").exists()
    line = RawAccessLog.objects.get(action=RawAccessAction.DELETE)
    assert line.detail == "1 complete interview deleted" and line.user == ns.ealing_steward


def test_a_researcher_deletes_a_draft_but_not_a_complete_interview(client, ns):
    draft = ealing_draft(ns, "EAL-0043", answers())
    complete = interview_complete(ealing_draft(ns, "EAL-0044", answers(), bands=EALING_BANDS))
    client.force_login(ns.ealing_researcher)
    detail = client.get(reverse("connections:interview", args=[ns.ealing_survey.slug, complete.pk]))
    assert "Delete this interview" not in detail.content.decode()
    assert client.get(_delete_url(complete)).status_code == 403
    assert client.post(_delete_url(complete)).status_code == 403
    assert Interview.objects.filter(pk=complete.pk).exists()
    assert client.post(_delete_url(draft)).status_code == 302
    assert not Interview.objects.filter(pk=draft.pk).exists()


def test_no_one_outside_the_survey_deletes(client, ns):
    draft = ealing_draft(ns, "EAL-0045", answers())
    assert client.post(_delete_url(draft)).status_code == 302  # to sign in
    for outsider in (ns.essex_researcher, ns.essex_steward, ns.ealing_member):
        client.force_login(outsider)
        assert client.post(_delete_url(draft)).status_code == 404
    assert Interview.objects.filter(pk=draft.pk).exists()
