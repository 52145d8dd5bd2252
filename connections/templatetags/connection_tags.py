"""Links to published survey results from pages below connections (a space, an atlas area or pilot
place, a coalition): those apps' templates load this library, their Python never imports us.

Only surveys whose results are published are linked, and a space's badge only where the results
show that space (at least the survey's threshold of respondents meet there).
"""

from __future__ import annotations

from django import template
from django.db.models import Q

from atlas.selectors import twin_area
from connections.models import InterviewStatus, Survey
from connections.results import survey_results

register = template.Library()


def _published() -> object:
    return Survey.objects.filter(results_published=True).select_related("coalition")


@register.inclusion_tag("connections/results/includes/space_badges.html")
def space_survey_badges(asset) -> dict:
    """ "12 respondents meet here, across 4 age bands", per published survey that shows the space."""
    surveys = (
        _published()
        .filter(interviews__status=InterviewStatus.COMPLETE, interviews__places__space=asset.pk)
        .distinct()
    )
    badges = []
    for survey in surveys:
        place = survey_results(survey).place_for_space(asset.pk)
        if place is not None:
            badges.append({"survey": survey, "place": place})
    return {"badges": badges}


@register.inclusion_tag("connections/results/includes/survey_links.html")
def coalition_survey_links(coalition) -> dict:
    return {"surveys": list(_published().filter(coalition=coalition)), "place_name": coalition.name}


LOOK_UP = object()  # the twin was not given: look it up


@register.inclusion_tag("connections/results/includes/survey_links.html")
def area_survey_links(area, twin=LOOK_UP) -> dict:
    """Surveys of the area, or of a coalition convening it (alone or in a pilot place); of its twin
    too (``atlas.selectors.twin_area``: a London borough and the local authority with its code
    are the same place; the area page passes the twin it already has)."""
    twin = twin_area(area) if twin is LOOK_UP else twin
    areas = [area] if twin is None else [area, twin]
    surveys = (
        _published()
        .filter(Q(area__in=areas) | Q(coalition__area__in=areas) | Q(coalition__pilot_place__areas__in=areas))
        .distinct()
    )
    return {"surveys": list(surveys), "place_name": area.name}


@register.inclusion_tag("connections/results/includes/survey_links.html")
def pilot_place_survey_links(place) -> dict:
    surveys = _published().filter(Q(coalition__pilot_place=place) | Q(area__in=place.areas.all())).distinct()
    return {"surveys": list(surveys), "place_name": place.name}
