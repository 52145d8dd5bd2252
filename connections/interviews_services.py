"""Writes for interviews (docs/connection-maps.md, "Surveys"): start, consent, save a draft step by
step, complete; the raw-access log; retention.

A draft is saved at every step, so a lost connection loses at most the screen being filled in.
``client_key`` (made by the researcher's device, or by the page that offers "Start") makes a
repeated start — a double tap, an offline retry — return the same interview, never a second one.
Each step's save only touches its own fields, so replaying a step is harmless too.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import get_random_string

from connections import answers as connection_answers
from connections.interviews_selectors import survey_space_names
from connections.models import (
    Interview,
    InterviewPlace,
    InterviewStatus,
    RawAccessAction,
    RawAccessLog,
    Survey,
)
from connections.signals import results_changed
from connections.survey_bands import AGE_BANDS, ONS4_QUESTIONS, band_label, band_value_valid
from connections.surveys_permissions import SurveyRole

CLIENT_KEY = re.compile(r"^[A-Za-z0-9_-]{8,40}$")
CODE_SHAPE = re.compile(r"^[A-Z0-9]+(-[A-Z0-9]+)*$")
CODE_HELP = (
    "A code like EAL-0007: capital letters, numbers and hyphens, with at least one number, "
    "no more than three letters together and no more than six digits together."
)


# --- the respondent code: pseudonymous by construction ------------------------------------


def respondent_code_clean(value: str) -> str:
    """The code, upper-cased; ``ValidationError`` when it could identify someone or is ill-formed."""
    code = "".join(str(value or "").split()).upper()
    if not code:
        raise ValidationError("Give the respondent a code. " + CODE_HELP)
    if "@" in code:
        raise ValidationError(
            "This looks like an e-mail address. Never record how to contact the respondent: " + CODE_HELP
        )
    digits = re.sub(r"[\s().+-]", "", str(value))
    if digits.isdigit() and len(digits) >= 7 or re.search(r"\d{7,}", code):
        raise ValidationError("This looks like a phone number. Never record one: " + CODE_HELP)
    if len(code) > 20:
        raise ValidationError("Keep the code to 20 characters. " + CODE_HELP)
    if re.search(r"[A-Z]{4,}", code) or re.search(r"[^A-Z0-9-]", code) or not re.search(r"\d", code):
        raise ValidationError(
            "This could be a name or initials, which would identify the respondent. " + CODE_HELP
        )
    if not CODE_SHAPE.match(code):
        raise ValidationError(CODE_HELP)
    return code


def respondent_code_suggest(survey: Survey) -> str:
    """The survey's next free code: the first three letters of where it is (its area, else its
    coalition's place or name) and a number, as EAL-0007 for Ealing."""
    coalition = survey.coalition
    where = survey.area or coalition.pilot_place or coalition.area or coalition
    prefix = (re.sub(r"[^A-Za-z]", "", where.name)[:3] or "RES").upper()
    number = Interview.objects.filter(survey=survey).count() + 1
    taken = set(Interview.objects.filter(survey=survey).values_list("respondent_code", flat=True))
    while f"{prefix}-{number:04d}" in taken:
        number += 1
    return f"{prefix}-{number:04d}"


# --- starting, consent --------------------------------------------------------------------


def interview_start(*, survey: Survey, researcher, client_key: str = "") -> Interview:
    """A new draft with a suggested respondent code, or the draft this ``client_key`` started."""
    client_key = client_key if CLIENT_KEY.match(client_key or "") else get_random_string(32)
    existing = Interview.objects.filter(survey=survey, client_key=client_key).first()
    if existing is not None:
        return existing
    for _attempt in range(5):  # another device may take the suggested code at the same moment
        try:
            with transaction.atomic():
                return Interview.objects.create(
                    survey=survey,
                    researcher=researcher,
                    client_key=client_key,
                    respondent_code=respondent_code_suggest(survey),
                )
        except IntegrityError:
            existing = Interview.objects.filter(survey=survey, client_key=client_key).first()
            if existing is not None:
                return existing
    raise ValidationError("Could not start an interview just now: please try again.")


def interview_consent(*, interview: Interview, given: bool) -> Interview | None:
    """Record consent with the time and the exact words read; without it nothing is kept."""
    if not given:
        interview.delete()
        return None
    interview.consent_given = True
    interview.consent_wording = interview.survey.consent_wording
    interview.consented_at = timezone.now()
    interview.save(update_fields=["consent_given", "consent_wording", "consented_at", "updated_at"])
    return interview


# --- saving a draft -------------------------------------------------------------------------


def _bands_clean(survey: Survey, bands) -> dict[str, str]:
    if not isinstance(bands, dict):
        raise ValidationError({"bands": "Background bands must be given as {band: answer}."})
    errors = {}
    cleaned = {}
    for kind, value in bands.items():
        if kind not in survey.bands:
            errors[kind] = "This survey does not ask about this."
        elif not band_value_valid(kind, value):
            errors[kind] = f"Choose one of the answers offered for {band_label(kind).lower()}."
        else:
            cleaned[kind] = value
    if errors:
        raise ValidationError(errors)
    return cleaned


def _answers_clean(survey: Survey, data) -> connection_answers.Answers:
    """``connections.answers.parse`` (no initials in an interview), and every registry space must be
    a public space in the survey's area: an unknown one is refused, a typed name is welcome."""
    parsed = connection_answers.parse(data, allow_initials=False)
    ids = {place.space for place in parsed.places if place.space is not None}
    known = survey_space_names(survey, ids)
    unknown = sorted(ids - set(known))
    if unknown:
        raise ValidationError(
            {
                "places": "Space(s) "
                + ", ".join(map(str, unknown))
                + " are not registry spaces in this survey's area. Search again, or type the place's name."
            }
        )
    for place in parsed.places:
        if place.space is not None:
            place.name = known[place.space]
    return parsed


def _wellbeing_clean(values) -> dict[str, int | None]:
    if not isinstance(values, dict) or set(values) - set(ONS4_QUESTIONS):
        raise ValidationError({"wellbeing": "Well-being answers are the four ONS4 questions."})
    cleaned = {}
    for name, value in values.items():
        if value is not None and (
            isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10
        ):
            raise ValidationError({name: "Answer from 0 to 10, or “Prefer not to say”."})
        cleaned[name] = value
    return cleaned


def _places_sync(interview: Interview, parsed: connection_answers.Answers) -> None:
    """InterviewPlace rows mirror answers["places"] (the results count them by space)."""
    interview.places.all().delete()
    InterviewPlace.objects.bulk_create(
        InterviewPlace(
            interview=interview,
            space_id=place.space,
            typed_name="" if place.space else place.name,
            people=place.people,
        )
        for place in parsed.places
    )


@transaction.atomic
def interview_save(
    *,
    interview: Interview,
    respondent_code: str | None = None,
    age_band: str | None = None,
    bands: dict | None = None,
    answers: dict | None = None,
    wellbeing: dict | None = None,
) -> Interview:
    """Save what one step changed (``None``: unchanged). ``ValidationError`` leaves the draft as it
    was; the step's form shows what was typed with the message."""
    if interview.status == InterviewStatus.COMPLETE:
        raise ValidationError("This interview is complete: it can no longer be changed.")
    survey = interview.survey
    if respondent_code is not None:
        code = respondent_code_clean(respondent_code)
        if Interview.objects.filter(survey=survey, respondent_code=code).exclude(pk=interview.pk).exists():
            raise ValidationError(
                {"respondent_code": f"{code} is already used in this survey: choose another code."}
            )
        interview.respondent_code = code
    if age_band is not None:
        if age_band not in dict(AGE_BANDS):
            raise ValidationError({"age_band": "Choose an age band, or “Prefer not to say”."})
        interview.age_band = age_band
    if bands is not None:
        interview.bands = {**interview.bands, **_bands_clean(survey, bands)}
    if answers is not None:
        parsed = _answers_clean(survey, answers)
        interview.answers = parsed.as_json(with_initials=False)
        _places_sync(interview, parsed)
    if wellbeing is not None:
        for name, value in _wellbeing_clean(wellbeing).items():
            setattr(interview, name, value)
    interview.save()
    return interview


def interview_record(
    *,
    survey: Survey,
    researcher,
    respondent_code: str,
    age_band: str,
    bands: dict,
    answers: dict,
    wellbeing: dict,
    consent_given: bool = True,
    client_key: str = "",
) -> Interview:
    """A whole interview in one call, as a draft (the demo's synthetic interviews; tests)."""
    with transaction.atomic():
        interview = interview_start(survey=survey, researcher=researcher, client_key=client_key)
        if consent_given:
            interview_consent(interview=interview, given=True)
        return interview_save(
            interview=interview,
            respondent_code=respondent_code,
            age_band=age_band,
            bands=bands,
            answers=answers,
            wellbeing=wellbeing,
        )


def interview_problems(interview: Interview) -> list[tuple[str, str]]:
    """What stops the interview being completed, as (step, message)."""
    problems = []
    if not interview.consent_given:
        problems.append(
            (
                "consent",
                "The respondent has not given consent: an interview without consent cannot be completed.",
            )
        )
    try:
        respondent_code_clean(interview.respondent_code)
    except ValidationError as error:
        problems.append(("code", error.messages[0]))
    if not interview.age_band:
        problems.append(("about", "Choose an age band (or “Prefer not to say”)."))
    missing = [band_label(kind).lower() for kind in interview.survey.bands if kind not in interview.bands]
    if missing:
        problems.append(
            ("about", f"Answer the question(s) on {', '.join(missing)} (or “Prefer not to say”).")
        )
    return problems


@transaction.atomic
def interview_complete(interview: Interview) -> Interview:
    problems = interview_problems(interview)
    if problems:
        raise ValidationError([message for _step, message in problems])
    interview.status = InterviewStatus.COMPLETE
    interview.completed_at = timezone.now()
    interview.full_clean(exclude=["researcher"])
    interview.save()
    if interview.survey.results_published:
        # Whether it completes a step is known only once concurrent completions have committed
        # (two may pass a step together), so every completion empties the page cache: cheap at
        # the pace of interviews, and never a stale public page.
        results_changed(interview.survey)
    return interview


def interview_may_delete(interview: Interview, role) -> bool:
    """A steward deletes any interview (a respondent withdrawing); a researcher only a draft."""
    return role == SurveyRole.STEWARD or interview.status == InterviewStatus.DRAFT


@transaction.atomic
def interview_delete(*, interview: Interview, user, role) -> None:
    """Delete one interview and every trace of its respondent code in the access log (erased
    means gone); one log line says an interview was deleted, without the code."""
    if not interview_may_delete(interview, role):
        raise ValidationError(
            "Only a steward of this survey can delete a complete interview (when a respondent withdraws)."
        )
    survey, code, was_complete = interview.survey, interview.respondent_code, interview.status
    interview.delete()
    RawAccessLog.objects.filter(survey=survey, detail__contains=code).update(
        detail="respondent (interview deleted)"
    )
    raw_access_log(
        survey=survey,
        user=user,
        action=RawAccessAction.DELETE,
        detail=f"1 {'complete' if was_complete == InterviewStatus.COMPLETE else 'draft'} interview deleted",
    )
    if was_complete == InterviewStatus.COMPLETE and survey.results_published:
        results_changed(survey)


# --- the raw-access log and retention -------------------------------------------------------


def raw_access_log(*, survey: Survey, user, action: str, detail: str = "") -> RawAccessLog:
    return RawAccessLog.objects.create(
        survey=survey,
        survey_name=survey.name,
        user=user if getattr(user, "is_authenticated", False) else None,
        username=user.get_username() if getattr(user, "is_authenticated", False) else "",
        action=RawAccessAction(action),
        detail=detail[:255],
    )


RETENTION_USERNAME = "retention (automatic)"


def interviews_purge_expired(*, today=None) -> dict[str, int]:
    """Delete the raw interviews (and their places) of every survey past its end date plus its
    retention period; each deletion leaves one log line. Returns {survey name: interviews deleted}."""
    today = today or timezone.localdate()
    deleted = {}
    for survey in Survey.objects.filter(ends__lt=today, interviews__isnull=False).distinct():
        if survey.delete_after >= today:
            continue
        with transaction.atomic():
            count = survey.interviews.count()
            survey.interviews.all().delete()
            RawAccessLog.objects.create(
                survey=survey,
                survey_name=survey.name,
                username=RETENTION_USERNAME,
                action=RawAccessAction.DELETE,
                detail=f"{count} interview(s) deleted: the survey ended on {survey.ends:%d %B %Y} "
                f"and keeps raw interviews {survey.retention_days} days.",
            )
        deleted[survey.name] = count
        results_changed(survey)
    return deleted
