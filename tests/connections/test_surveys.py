"""Raw interviews: the access log, the pseudonymised CSV, retention; the stewards' survey admin
with researchers added or invited (issue 20, items 2 and 4's raw-data part)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest

from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from connections.interviews_services import interview_complete, interview_record, interview_start
from connections.interviews_tasks import purge_expired_interviews
from connections.models import (
    Interview,
    InterviewPlace,
    RawAccessAction,
    RawAccessLog,
    Survey,
    SurveyResearcher,
)
from tests.connections.survey_setup import WELLBEING, answers, surveys
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ns():
    return surveys()


def recorded(ns, code, *spaces, complete=True, **extra):
    interview = interview_record(
        survey=ns.ealing_survey,
        researcher=ns.ealing_researcher,
        respondent_code=code,
        age_band="25-34",
        bands={"gender": "woman", "ethnicity": "asian"},
        answers=answers(*spaces, typed=["Mrs Patel's front room"]),
        wellbeing=WELLBEING,
        **extra,
    )
    return interview_complete(interview) if complete else interview


def actions(survey):
    return list(
        RawAccessLog.objects.filter(survey=survey).order_by("at", "pk").values_list("username", "action")
    )


def test_every_list_view_and_export_is_logged_and_stewards_see_the_log(client, ns):
    survey = ns.ealing_survey
    interview = recorded(ns, "EAL-0001", ns.library)
    client.force_login(ns.ealing_researcher)
    client.get(reverse("connections:interviews", args=[survey.slug]))
    client.get(reverse("connections:interview", args=[survey.slug, interview.pk]))
    client.get(reverse("connections:interviews_csv", args=[survey.slug]))
    assert actions(survey) == [
        ("ealing-researcher", RawAccessAction.LIST),
        ("ealing-researcher", RawAccessAction.VIEW),
        ("ealing-researcher", RawAccessAction.EXPORT),
    ]
    # The log is the stewards': a researcher is refused, the steward reads every line.
    assert client.get(reverse("connections:access_log", args=[survey.slug])).status_code == 403
    client.force_login(ns.ealing_steward)
    page = client.get(reverse("connections:access_log", args=[survey.slug])).content.decode()
    assert page.count("ealing-researcher") == 3 and "Exported interviews (pseudonymised CSV)" in page
    # Essex's steward sees none of it.
    client.force_login(ns.essex_steward)
    assert client.get(reverse("connections:access_log", args=[survey.slug])).status_code == 404


def test_the_export_is_pseudonymised_and_holds_complete_interviews_only(client, ns):
    survey = ns.ealing_survey
    recorded(ns, "EAL-0002", ns.library, ns.allotments)
    recorded(ns, "EAL-0003", complete=False)
    client.force_login(ns.ealing_steward)
    response = client.get(reverse("connections:interviews_csv", args=[survey.slug]))
    assert (
        response["Content-Disposition"] == 'attachment; filename="ealing-meets-interviews-pseudonymised.csv"'
    )
    body = response.content.decode()
    rows = list(csv.DictReader(io.StringIO(body)))
    assert list(rows[0]) == [
        "respondent_code",
        "age_band",
        "band_gender",
        "band_ethnicity",
        "people",
        "bridging_people",
        "places",
        "typed_places",
        "groups",
        "space_ids",
        "gives",
        "gets",
        "life_satisfaction",
        "worthwhile",
        "happiness",
        "anxiety",
    ]
    assert [row["respondent_code"] for row in rows] == ["EAL-0002"]  # the draft is left out
    row = rows[0]
    assert (row["people"], row["bridging_people"], row["places"], row["typed_places"], row["groups"]) == (
        "2",
        "1",
        "3",
        "1",
        "1",
    )
    assert row["space_ids"] == f"{ns.library.pk};{ns.allotments.pk}"
    assert (row["band_ethnicity"], row["anxiety"], row["gets"]) == ("asian", "3", "information;fun")
    # No free text that could identify, no researcher, no times.
    for secret in ("Patel", "Tuesday walkers", "ealing-researcher", str(dt.date.today().year)):
        assert secret not in body
    assert RawAccessLog.objects.get(action=RawAccessAction.EXPORT).detail.startswith("1 complete interview")


def test_retention_deletes_interviews_and_places_after_end_plus_retention_and_logs_it(ns):
    survey = ns.ealing_survey
    recorded(ns, "EAL-0004", ns.library)
    recorded(ns, "EAL-0005", complete=False)
    ns.essex_survey.retention_days = 365
    ns.essex_survey.save()
    interview_start(survey=ns.essex_survey, researcher=ns.essex_researcher)  # another survey, kept longer
    last_day = survey.delete_after
    out = io.StringIO()
    call_command("purge_expired_interviews", today=last_day.isoformat(), stdout=out)
    assert "No survey is past its retention period" in out.getvalue()
    assert Interview.objects.filter(survey=survey).count() == 2

    call_command("purge_expired_interviews", today=(last_day + dt.timedelta(days=1)).isoformat(), stdout=out)
    assert "Where Ealing meets: 2 interview(s) deleted" in out.getvalue()
    assert not Interview.objects.filter(survey=survey).exists()
    assert not InterviewPlace.objects.filter(interview__survey=survey).exists()
    assert Interview.objects.filter(survey=ns.essex_survey).count() == 1
    log = RawAccessLog.objects.get(action=RawAccessAction.DELETE)
    assert (log.survey, log.username) == (survey, "retention (automatic)") and log.detail.startswith(
        "2 interview(s)"
    )
    assert Survey.objects.filter(pk=survey.pk).exists()  # the survey and its log stay


def test_the_retention_task_uses_today(ns):
    survey = ns.ealing_survey
    recorded(ns, "EAL-0006")
    survey.starts, survey.ends, survey.retention_days = dt.date(2020, 1, 1), dt.date(2020, 6, 30), 30
    survey.save()
    result = purge_expired_interviews.enqueue()
    assert result.return_value == {"Where Ealing meets": 1}


def test_the_daily_schedule_deletes_expired_interviews(ns):
    """`enqueue_periodic daily` (cron or a timer in production) runs the retention task."""
    survey = ns.ealing_survey
    recorded(ns, "EAL-0007")
    survey.starts, survey.ends, survey.retention_days = dt.date(2020, 1, 1), dt.date(2020, 6, 30), 30
    survey.save()
    call_command("enqueue_periodic", "daily", stdout=io.StringIO())
    assert not Interview.objects.filter(survey=survey).exists()


def test_purge_command_refuses_a_bad_date(ns):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="must be a date like"):
        call_command("purge_expired_interviews", today="31/01/2026")


# --- the stewards' admin -----------------------------------------------------------------


def admin_url(model, name, *args):
    return reverse(model.snippet_viewset.get_url_name(name), args=args)


def survey_post(coalition, **fields):
    return {
        "name": "Where Ealing meets 2026",
        "slug": "ealing-2026",
        "coalition": coalition.pk,
        "area": "",
        "starts": "2026-03-01",
        "ends": "2026-06-30",
        "bands": ["gender", "religion"],
        "consent_wording": "Do you agree?",
        "privacy_notice": "We keep it 90 days.",
        "legal_basis": "Consent",
        "retention_days": "90",
        "threshold": "5",
        **fields,
    }


def test_a_steward_sets_up_a_survey_for_their_coalition_only(client, ns):
    client.force_login(ns.ealing_steward)
    listing = client.get(admin_url(Survey, "list")).content.decode()
    assert "Where Ealing meets" in listing and "Where Essex meets" not in listing
    form = client.get(admin_url(Survey, "add")).content.decode()
    assert "special category" in form and "Article 9" in form
    response = client.post(admin_url(Survey, "add"), survey_post(ns.ealing))
    assert response.status_code == 302, response.context["form"].errors
    assert Survey.objects.get(slug="ealing-2026").bands == ["gender", "religion"]

    refused = client.post(admin_url(Survey, "add"), survey_post(ns.essex, slug="sneaky"))
    assert "Choose a coalition you steward" in refused.content.decode()
    low = client.post(admin_url(Survey, "add"), survey_post(ns.ealing, slug="low", threshold="3"))
    assert not Survey.objects.filter(slug="low").exists() and low.status_code == 200
    assert client.get(admin_url(Survey, "edit", ns.essex_survey.pk)).status_code in (302, 403, 404)
    # A member (no steward role) has no survey admin at all.
    client.force_login(ns.ealing_member)
    assert client.get(admin_url(Survey, "list")).status_code in (302, 403)


def test_a_steward_adds_an_existing_researcher_and_invites_a_new_one(client, ns):
    survey = ns.ealing_survey
    UserFactory(username="rosa", email="rosa@example.org")
    client.force_login(ns.ealing_steward)
    assert (
        client.post(
            admin_url(SurveyResearcher, "add"), {"survey": survey.pk, "who": "ROSA@example.org"}
        ).status_code
        == 302
    )
    assert SurveyResearcher.objects.filter(survey=survey, user__username="rosa").exists()
    assert mail.outbox == []  # an existing account needs no invitation

    client.post(
        admin_url(SurveyResearcher, "add"), {"survey": survey.pk, "who": "new.researcher@example.org"}
    )
    invited = SurveyResearcher.objects.get(survey=survey, user__email="new.researcher@example.org").user
    assert not invited.has_usable_password()
    (message,) = mail.outbox
    assert message.to == ["new.researcher@example.org"] and "Where Ealing meets" in message.subject
    link = re.search(r"http://testserver(/admin/password_reset/confirm/\S+)", message.body).group(1)
    assert "/surveys/ealing-meets/interviews/" in message.body
    # The link sets a password; the researcher then records interviews.
    client.logout()
    form_url = client.get(link).url
    response = client.post(
        form_url, {"new_password1": "a-long-new-passphrase-42", "new_password2": "a-long-new-passphrase-42"}
    )
    assert response.status_code == 302
    assert client.login(username="new.researcher@example.org", password="a-long-new-passphrase-42")
    assert client.get(reverse("connections:interviews", args=[survey.slug])).status_code == 200

    client.force_login(ns.ealing_steward)
    for who, message_text in (
        ("nobody-here", "Give their e-mail address to invite them"),
        ("rosa", "already a researcher"),
    ):
        page = client.post(
            admin_url(SurveyResearcher, "add"), {"survey": survey.pk, "who": who}
        ).content.decode()
        assert message_text in page
    page = client.post(
        admin_url(SurveyResearcher, "add"), {"survey": ns.essex_survey.pk, "who": "rosa"}
    ).content.decode()
    assert "Choose one of the surveys you steward" in page
    assert not SurveyResearcher.objects.filter(survey=ns.essex_survey, user__username="rosa").exists()
