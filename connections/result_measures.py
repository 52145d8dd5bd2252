"""A coalition adopts a survey result as one of its measures (docs/connection-maps.md).

The result becomes a **recorded** measure of the survey's coalition (its definition is the
result's, with the survey's name and threshold), and the survey's value becomes an observation
dated at the survey's end that goes through the coalition's approval flow (a draft revision
submitted to the Coalition approval workflow): a steward approves it before any coalition page
shows it. Adopting the same result from a later survey adds an observation to the same measure,
so a coalition that repeats its survey sees the change. Only published (unsuppressed) values can
be adopted.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone

from wagtail.actions.publish_revision import PublishPermissionError

from coalitions.models import Direction, Measure, MeasureKind, Observation
from connections.results import DEFINITIONS, SurveyResults, survey_results
from connections.surveys_permissions import SurveyRole, survey_role


@dataclass(frozen=True)
class Adoptable:
    key: str
    name: str
    value: float
    unit: str
    direction: str
    definition: str
    valid: tuple[float, float]


_WELLBEING = {
    "life_satisfaction": ("Life satisfaction (ONS4, survey mean)", Direction.HIGHER_IS_BETTER),
    "worthwhile": (
        "Feeling that what one does is worthwhile (ONS4, survey mean)",
        Direction.HIGHER_IS_BETTER,
    ),
    "happiness": ("Happiness yesterday (ONS4, survey mean)", Direction.HIGHER_IS_BETTER),
    "anxiety": ("Anxiety yesterday (ONS4, survey mean)", Direction.LOWER_IS_BETTER),
}


def adoptable_results(results: SurveyResults) -> list[Adoptable]:
    """The survey-wide results a coalition may follow, with their published values."""
    found = []
    if results.isolation_share is not None:
        found.append(
            Adoptable(
                "isolation",
                "Respondents with one place or none to meet people (survey)",
                results.isolation_share,
                "%",
                Direction.LOWER_IS_BETTER,
                DEFINITIONS["isolation"],
                (0, 100),
            )
        )
    if results.bridging_ties_share is not None:
        found.append(
            Adoptable(
                "bridging_ties",
                "Respondents with a tie to someone unlike them (survey)",
                results.bridging_ties_share,
                "%",
                Direction.HIGHER_IS_BETTER,
                DEFINITIONS["bridging_ties"],
                (0, 100),
            )
        )
    if results.wellbeing_all and results.wellbeing_all.means:
        for key, (name, direction) in _WELLBEING.items():
            found.append(
                Adoptable(
                    key,
                    name,
                    results.wellbeing_all.means[key],
                    "out of 10",
                    direction,
                    DEFINITIONS["wellbeing"],
                    (0, 10),
                )
            )
    return found


@transaction.atomic
def result_adopt(*, survey, key: str, user, evidence_url: str = "") -> Observation:
    """The coalition's measure for result ``key`` (made and published if new) and a new
    observation of it, submitted for a steward's approval. Stewards of the survey's coalition only."""
    if survey_role(user, survey) != SurveyRole.STEWARD:
        raise PermissionDenied("Only a steward of this survey's coalition can adopt its results.")
    results = survey_results(survey)
    result = next((r for r in adoptable_results(results) if r.key == key), None)
    if result is None:
        raise ValidationError(
            "This result is not published for this survey (too few respondents, or unknown): "
            "choose one of the results offered."
        )
    measure = Measure.objects.filter(
        coalition=survey.coalition, kind=MeasureKind.RECORDED, name=result.name
    ).first()
    if measure is None:
        measure = Measure(
            coalition=survey.coalition,
            kind=MeasureKind.RECORDED,
            name=result.name,
            definition=(
                f"{result.definition} From the coalition's connection surveys (first: “{survey.name}”); "
                f"no figure rests on fewer than {results.threshold} respondents."
            ),
            unit=result.unit,
            direction=result.direction,
            valid_min=result.valid[0],
            valid_max=result.valid[1],
            live=False,
        )
        measure.full_clean()
        measure.save()
        try:
            measure.save_revision(user=user).publish(user=user)  # a steward's own measure
        except PublishPermissionError as error:
            raise ValidationError(
                "Your account may not publish coalition measures: ask a site administrator to add "
                "you to the Coalition stewards group."
            ) from error
        measure.refresh_from_db()
    note = (
        f"From the connection survey “{survey.name}” ({survey.starts:%-d %b %Y} to "
        f"{survey.ends:%-d %b %Y}): {results.respondents} complete interviews."
    )
    # Figures of a survey still running are as of today; adopting them again after more interviews
    # are counted adds a later observation.
    date = min(survey.ends, timezone.localdate())
    if Observation.objects.filter(measure=measure, date=date, note=note).exists():
        raise ValidationError(f"“{result.name}” from this survey is already adopted.")
    try:
        URLValidator()(evidence_url)
    except ValidationError:
        evidence_url = ""  # e.g. a host name without a domain (a test server): the note says where
    observation = Observation(
        measure=measure,
        value=result.value,
        date=date,
        note=note,
        evidence_url=evidence_url,
        recorded_by=user,
        live=False,
    )
    observation.full_clean()
    observation.save()
    observation.save_revision(user=user)
    workflow = observation.get_workflow()
    if workflow is not None:
        workflow.start(observation, user)  # waits for a steward's approval, like any value
    return observation
