"""The pseudonymised CSV of a survey's complete interviews, for research.

One row per complete interview. Columns, and why each is safe to hand to a researcher:

* ``respondent_code`` — the pseudonym (refused if it looks like a name, e-mail or phone number);
* ``age_band`` and one ``band_<kind>`` per background band the survey asks — banded answers from
  fixed lists, never free text;
* ``people``, ``bridging_people``, ``places``, ``typed_places``, ``groups`` — counts only;
* ``space_ids`` — the registry spaces named (public places, not people), separated by ";";
* ``gives``, ``gets`` — from the fixed list (support, information, fun);
* ``life_satisfaction``, ``worthwhile``, ``happiness``, ``anxiety`` — ONS4, 0–10, blank if declined.

Left out on purpose: the names of typed places and groups (free text that could name a street, a
home or a person), the relationships' details, the researcher, every timestamp (an interview's
time and place can identify who was in the community centre that morning), the consent wording
(the same for everyone: it is on the survey), drafts (not consented or not finished) and the
device's client key.
"""

from __future__ import annotations

import csv

from django.http import HttpResponse

from connections.answers import Likeness
from connections.models import InterviewStatus, Survey
from connections.survey_bands import ONS4_QUESTIONS

COUNT_COLUMNS = [
    "people",
    "bridging_people",
    "places",
    "typed_places",
    "groups",
    "space_ids",
    "gives",
    "gets",
]


def columns(survey: Survey) -> list[str]:
    return [
        "respondent_code",
        "age_band",
        *(f"band_{kind}" for kind in survey.bands),
        *COUNT_COLUMNS,
        *ONS4_QUESTIONS,
    ]


def row(survey: Survey, interview) -> list:
    answers = interview.answers or {}
    people = answers.get("people", [])
    places = answers.get("places", [])
    return [
        interview.respondent_code,
        interview.age_band,
        *(interview.bands.get(kind, "") for kind in survey.bands),
        len(people),
        sum(1 for person in people if Likeness.UNLIKE in person.get("like_me", {}).values()),
        len(places),
        sum(1 for place in places if not place.get("space")),
        len(answers.get("groups", [])),
        ";".join(str(place["space"]) for place in places if place.get("space")),
        ";".join(answers.get("gives", [])),
        ";".join(answers.get("gets", [])),
        *("" if getattr(interview, name) is None else getattr(interview, name) for name in ONS4_QUESTIONS),
    ]


def interviews_csv_response(survey: Survey) -> HttpResponse:
    """The CSV as a download; ``response.rows`` says how many interviews it holds (for the log)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{survey.slug}-interviews-pseudonymised.csv"'
    writer = csv.writer(response)
    writer.writerow(columns(survey))
    rows = 0
    for interview in survey.interviews.filter(status=InterviewStatus.COMPLETE).order_by("respondent_code"):
        writer.writerow(row(survey, interview))
        rows += 1
    response.rows = rows
    return response
