"""The demo's connection survey: 60 synthetic interviews in a survey that is still running, and a
researcher whose printed login works, so a visitor can sign in and record an interview."""

import re

import pytest

from django.utils import timezone

from coalitions import demo as coalitions_demo
from connections import demo
from connections.models import Interview, InterviewStatus, Survey
from tests.coalitions.demo_setup import demo_output, demo_pilots

pytestmark = pytest.mark.django_db

LOGIN = re.compile(r"Demo survey researcher \(Ealing\): sign in at (/\S+) as (ealing-researcher) / (\S+)")


@pytest.fixture
def loaded():
    demo_pilots()
    demo_output(coalitions_demo)
    return demo_output(demo)


def test_the_demo_survey_is_synthetic_running_and_full(loaded):
    survey = Survey.objects.get(slug=demo.SLUG)
    assert survey.synthetic and survey.results_published
    assert survey.starts < timezone.localdate() <= survey.ends
    assert Interview.objects.filter(survey=survey, status=InterviewStatus.COMPLETE).count() == demo.INTERVIEWS


def test_the_printed_researcher_signs_in_and_starts_an_interview(client, loaded):
    where, username, password = LOGIN.search(loaded).groups()
    assert where == "/interviewing/"
    login = client.get(where)
    assert login.status_code == 302 and "/admin/login/" in login["Location"]
    signed_in = client.post(
        login["Location"], {"username": username, "password": password, "next": where}, follow=True
    )
    assert signed_in.redirect_chain[-1][0] == where
    page = signed_in.content.decode()
    assert "Where Ealing meets (illustrative)" in page

    interviews = f"/surveys/{demo.SLUG}/interviews/"
    assert "Start an interview" in client.get(interviews).content.decode()
    started = client.post(f"{interviews}start/", {"client_key": "demo-visitor-1"})
    assert started.status_code == 302 and started["Location"].endswith("/consent/")
    assert Interview.objects.filter(survey__slug=demo.SLUG, status=InterviewStatus.DRAFT).count() == 1


def test_loading_again_prints_the_same_login(loaded):
    assert LOGIN.search(demo_output(demo)).groups() == LOGIN.search(loaded).groups()
