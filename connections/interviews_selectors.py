"""Reads for interviewing: the registry spaces a survey's respondents can name, and interview lists."""

from __future__ import annotations

from django.db.models import QuerySet

from assets_registry.models import Asset
from connections.models import Interview, RawAccessLog, Survey

SPACE_RESULTS = 12


def survey_area_ids(survey: Survey) -> list[int]:
    """The survey's own area, or its coalition's areas when it names none."""
    return [survey.area_id] if survey.area_id else survey.coalition.area_ids()


def survey_spaces(survey: Survey) -> QuerySet[Asset]:
    """Public registry spaces in the survey's area: the places an interview may choose from."""
    return Asset.objects.filter(live=True, atlas_links__area__in=survey_area_ids(survey)).distinct()


def survey_space_search(survey: Survey, query: str) -> list[Asset]:
    query = " ".join(query.split())[:100]
    if len(query) < 2:
        return []
    return list(survey_spaces(survey).filter(name__icontains=query).order_by("name")[:SPACE_RESULTS])


def survey_space_names(survey: Survey, ids) -> dict[int, str]:
    return dict(survey_spaces(survey).filter(pk__in=list(ids)).values_list("pk", "name"))


def survey_interviews(survey: Survey) -> QuerySet[Interview]:
    return Interview.objects.filter(survey=survey).select_related("researcher").order_by("-updated_at")


def survey_access_log(survey: Survey, *, limit: int = 500) -> QuerySet[RawAccessLog]:
    return RawAccessLog.objects.filter(survey=survey).order_by("-at")[:limit]
