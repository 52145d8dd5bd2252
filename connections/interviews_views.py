"""The community researchers' interview app: plain pages under /surveys/<slug>/interviews/, signed
in, one screen per question group, big touch targets, complete without JavaScript.

Only the survey's stewards and researchers reach these pages (``surveys_permissions``); every
list, view and export of raw interviews writes a ``RawAccessLog`` line.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from connections import interviews_export, interviews_selectors, interviews_services
from connections.interviews_steps import HANDLERS, STEP_NAMES, STEPS, step_url
from connections.models import InterviewStatus, RawAccessAction
from connections.survey_bands import AGE_BANDS, BAND_OPTIONS, ONS4_QUESTIONS, band_label
from connections.surveys_permissions import SurveyRole, interview_or_404, survey_or_404, surveys_for


def raw_pages(view):
    """Signed in, never cached by a browser or proxy (raw interviews must not linger on a shared tablet)."""
    return login_required(never_cache(view))


def _saved(request, response: HttpResponse) -> HttpResponse:
    """To the offline script's fetch (interviews.js), a save answers 204 with the next address, so
    it navigates there once and the next page still shows this step's message."""
    if request.headers.get("X-Interview-Fetch") and response.status_code == 302:
        return HttpResponse(status=204, headers={"X-Next": response["Location"]})
    return response


@raw_pages
@require_GET
def interviewing(request):
    return render(
        request,
        "connections/survey/interviewing.html",
        {"title": "Your surveys", "surveys": surveys_for(request.user).select_related("coalition")},
    )


@raw_pages
@require_GET
def interviews(request, slug):
    survey, role = survey_or_404(request.user, slug)
    rows = list(interviews_selectors.survey_interviews(survey))
    interviews_services.raw_access_log(
        survey=survey, user=request.user, action=RawAccessAction.LIST, detail=f"{len(rows)} interview(s)"
    )
    return render(
        request,
        "connections/survey/interviews.html",
        {
            "title": f"Interviews: {survey.name}",
            "survey": survey,
            "role": role,
            "is_steward": role == SurveyRole.STEWARD,
            "rows": rows,
            "complete": sum(1 for row in rows if row.status == InterviewStatus.COMPLETE),
            "client_key": get_random_string(32),
            "open": timezone.localdate() <= survey.ends,
        },
    )


@raw_pages
@require_POST
def interview_start(request, slug):
    survey, _role = survey_or_404(request.user, slug)
    if timezone.localdate() > survey.ends:
        raise PermissionDenied(f"This survey ended on {survey.ends:%d %B %Y}: no new interviews.")
    try:
        interview = interviews_services.interview_start(
            survey=survey, researcher=request.user, client_key=request.POST.get("client_key", "")
        )
    except ValidationError:
        return redirect("connections:interviews", slug)
    if interview.status == InterviewStatus.COMPLETE:
        return _saved(request, redirect("connections:interview", slug, interview.pk))
    return _saved(request, redirect(step_url(interview, "consent")))


@raw_pages
def interview_step(request, slug, pk, step):
    survey, _role = survey_or_404(request.user, slug)
    interview = interview_or_404(survey, pk)
    if step not in HANDLERS:
        raise Http404("An interview has no such step.")
    if interview.status == InterviewStatus.COMPLETE:
        return redirect("connections:interview", slug, pk)
    if step != "consent" and not interview.consent_given:
        return redirect(step_url(interview, "consent"))
    result = HANDLERS[step](request, interview)
    if isinstance(result, HttpResponse):
        return _saved(request, result)
    index = STEP_NAMES.index(step)
    context = {
        "title": f"{STEPS[index].title} · interview {interview.respondent_code}",
        "survey": survey,
        "interview": interview,
        "step": STEPS[index],
        "number": index + 1,
        "total": len(STEPS),
        "previous": step_url(interview, STEP_NAMES[index - 1]) if index > 1 else "",
        **result,
    }
    if step == "check":
        context.update(_summary(interview))
    status = 400 if request.method == "POST" and (result.get("problems") or _has_errors(result)) else 200
    return render(request, f"connections/survey/step_{step}.html", context, status=status)


def _has_errors(context: dict) -> bool:
    form = context.get("form")
    return bool(form is not None and form.is_bound and form.errors)


def _summary(interview) -> dict:
    """The interview's answers in words, for the check screen and the raw view."""
    survey = interview.survey
    bands = [
        (band_label(kind), dict(BAND_OPTIONS[kind]).get(interview.bands.get(kind), "Not answered"))
        for kind in survey.bands
    ]
    space_ids = {place.get("space") for place in interview.answers.get("places", []) if place.get("space")}
    return {
        "age": dict(AGE_BANDS).get(interview.age_band, "Not answered"),
        "band_answers": bands,
        "answers": interview.answers,
        "space_names": interviews_selectors.survey_space_names(survey, space_ids),
        "wellbeing": [(question, getattr(interview, name)) for name, question in ONS4_QUESTIONS.items()],
    }


@raw_pages
@require_GET
def interview_detail(request, slug, pk):
    survey, role = survey_or_404(request.user, slug)
    interview = interview_or_404(survey, pk)
    interviews_services.raw_access_log(
        survey=survey,
        user=request.user,
        action=RawAccessAction.VIEW,
        detail=f"respondent {interview.respondent_code}",
    )
    return render(
        request,
        "connections/survey/interview.html",
        {
            "title": f"Interview {interview.respondent_code}",
            "survey": survey,
            "interview": interview,
            "first_step": step_url(interview, "consent" if not interview.consent_given else "code"),
            "may_delete": interviews_services.interview_may_delete(interview, role),
            **_summary(interview),
        },
    )


@raw_pages
@require_GET
def interviews_csv(request, slug):
    survey, _role = survey_or_404(request.user, slug)
    response = interviews_export.interviews_csv_response(survey)
    interviews_services.raw_access_log(
        survey=survey,
        user=request.user,
        action=RawAccessAction.EXPORT,
        detail=f"{response.rows} complete interview(s), pseudonymised CSV",
    )
    return response


@raw_pages
@require_GET
def access_log(request, slug):
    survey, role = survey_or_404(request.user, slug)
    if role != SurveyRole.STEWARD:
        raise PermissionDenied("Only the survey's stewards see who looked at its interviews.")
    return render(
        request,
        "connections/survey/access_log.html",
        {
            "title": f"Access log: {survey.name}",
            "survey": survey,
            "entries": interviews_selectors.survey_access_log(survey),
        },
    )


@raw_pages
def interview_delete(request, slug, pk):
    """GET: what deleting means, and a button; POST: delete (``interviews_services.interview_delete``)."""
    survey, role = survey_or_404(request.user, slug)
    interview = interview_or_404(survey, pk)
    if not interviews_services.interview_may_delete(interview, role):
        raise PermissionDenied("Only a steward of this survey can delete a complete interview.")
    if request.method == "POST":
        code = interview.respondent_code
        interviews_services.interview_delete(interview=interview, user=request.user, role=role)
        messages.success(request, f"Interview {code} is deleted, and its code is gone from the access log.")
        return redirect("connections:interviews", slug)
    return render(
        request,
        "connections/survey/interview_delete.html",
        {"title": f"Delete interview {interview.respondent_code}", "survey": survey, "interview": interview},
    )
