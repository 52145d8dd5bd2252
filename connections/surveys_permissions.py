"""Who may see a survey's raw interviews: its coalition's stewards and its own researchers.

Everyone else — a researcher of another survey included — is told the survey's interviews do not
exist (404), so the answer reveals nothing about surveys that are not theirs. Superusers count as
stewards (they run the site and its retention).
"""

from __future__ import annotations

import enum

from django.db.models import Q, QuerySet
from django.http import Http404

from coalitions.models import Coalition, CoalitionPerson, PersonRole
from connections.models import Interview, Survey, SurveyResearcher


class SurveyRole(enum.StrEnum):
    STEWARD = "steward"
    RESEARCHER = "researcher"


def survey_role(user, survey: Survey) -> SurveyRole | None:
    if not getattr(user, "is_authenticated", False):
        return None
    if user.is_superuser or CoalitionPerson.objects.stewards(user, survey.coalition):
        return SurveyRole.STEWARD
    if SurveyResearcher.objects.filter(survey=survey, user=user).exists():
        return SurveyRole.RESEARCHER
    return None


def stewarded_coalitions(user) -> QuerySet[Coalition]:
    if getattr(user, "is_superuser", False):
        return Coalition.objects.all()
    ids = [pk for pk, role in CoalitionPerson.objects.roles_of(user).items() if role == PersonRole.STEWARD]
    return Coalition.objects.filter(pk__in=ids)


def stewarded_surveys(user) -> QuerySet[Survey]:
    return Survey.objects.filter(coalition__in=stewarded_coalitions(user))


def surveys_for(user) -> QuerySet[Survey]:
    """The surveys whose raw interviews ``user`` works with (stewarded or researched)."""
    if not getattr(user, "is_authenticated", False):
        return Survey.objects.none()
    return Survey.objects.filter(
        Q(coalition__in=stewarded_coalitions(user)) | Q(researchers__user=user)
    ).distinct()


def survey_or_404(user, slug: str) -> tuple[Survey, SurveyRole]:
    survey = Survey.objects.select_related("coalition").filter(slug=slug).first()
    role = survey_role(user, survey) if survey else None
    if role is None:
        raise Http404("No survey you work on has this address.")
    return survey, role


def interview_or_404(survey: Survey, pk: int) -> Interview:
    interview = Interview.objects.filter(survey=survey, pk=pk).first()
    if interview is None:
        raise Http404(
            "This survey has no such interview (it may have been deleted after its retention period)."
        )
    return interview
