"""The public results page of a survey, and a steward's "adopt as a measure" (thin views over
``connections.results`` and ``connections.result_measures``).

Public when the steward published the results; before that only the survey's steward and
researchers see the page (marked as a preview), and everyone else meets a 404 that reveals
nothing. The page shows aggregates only, all of them already suppressed by ``results``: the
public sees the published step of the interviews, the survey's steward and researchers all of them.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from connections.models import Survey
from connections.result_measures import adoptable_results, result_adopt
from connections.results import DEFINITIONS
from connections.results import survey_results as results_of
from connections.results_json import results_document
from connections.survey_bands import band_label
from connections.surveys_permissions import SurveyRole, survey_role


def _survey_for(request: HttpRequest, slug: str) -> tuple[Survey, SurveyRole | None]:
    survey = Survey.objects.select_related("coalition", "area").filter(slug=slug).first()
    role = survey_role(request.user, survey) if survey else None
    if survey is None or not (survey.results_published or role):
        raise Http404("No published survey results have this address.")
    return survey, role


@require_GET
def survey_results(request: HttpRequest, slug: str) -> HttpResponse:
    survey, role = _survey_for(request, slug)
    # The survey's own people see every complete interview; everyone else the published step.
    results = results_of(survey, live=role is not None)
    steward = role == SurveyRole.STEWARD
    return render(
        request,
        "connections/results/survey.html",
        {
            "survey": survey,
            "results": results,
            "definitions": DEFINITIONS,
            "preview": not survey.results_published,
            "band_names": [band_label(kind) for kind in survey.bands or ()],
            # A measure is public: it is offered from the published figures only.
            "adoptable": adoptable_results(results_of(survey)) if steward else [],
            "steward": steward,
        },
    )


@require_GET
def survey_results_json(request: HttpRequest, slug: str) -> JsonResponse:
    survey, role = _survey_for(request, slug)
    results = results_of(survey, live=role is not None)
    document = results_document(survey, results, absolute=request.build_absolute_uri)
    response = JsonResponse(document, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Disposition"] = f'inline; filename="{survey.slug}-results.json"'
    return response


@require_POST
def adopt(request: HttpRequest, slug: str) -> HttpResponse:
    survey, role = _survey_for(request, slug)
    if role != SurveyRole.STEWARD:
        raise PermissionDenied("Only a steward of this survey's coalition can adopt its results.")
    url = reverse("connections:survey_results", args=[survey.slug])
    try:
        observation = result_adopt(
            survey=survey,
            key=request.POST.get("result", ""),
            user=request.user,
            evidence_url=request.build_absolute_uri(url),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(f"{url}#adopt")
    messages.success(
        request,
        f"“{observation.measure.name}” is now a measure of {survey.coalition.name}. Its value "
        f"({observation.value:g}) waits for a steward's approval under Coalitions → Observations "
        "before the coalition's pages show it.",
    )
    return redirect(f"{url}#adopt")
