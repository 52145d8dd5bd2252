"""Where published surveys show people from different walks of life meet, near a resident: the
survey evidence beside "Spaces near you, unlike the ones you use" on a personal map.

It reads only the public figures (``results.survey_results``: the published step, suppressed), so
a resident's map shows nothing the survey's results page does not.
"""

from __future__ import annotations

from dataclasses import dataclass

from assets_registry.models import Asset
from assets_registry.search_backends.base import great_circle_m
from assets_registry.selectors import FilterError, filters_from_params, public_assets
from connections.models import Survey
from connections.results import PlaceResult, survey_results

RADIUS_KM = 3
# A bridging score of at least this: respondents spread over at least half the bands' range.
MIXED_FROM = 0.5
LIMIT = 3


@dataclass(frozen=True)
class SurveyedPlace:
    asset: Asset
    survey: Survey
    place: PlaceResult


def mixed_places_near(*, district: str, used_ids) -> list[SurveyedPlace]:
    """Registry spaces within RADIUS_KM of the postcode district that a published survey shows to
    be mixed (bridging score ≥ MIXED_FROM) and that are not on the resident's map; most mixed first."""
    if not district:
        return []
    try:
        centre = filters_from_params({"location": district}).near
    except FilterError:
        return []
    if centre is None:
        return []
    best: dict[int, tuple[Survey, PlaceResult]] = {}
    for survey in Survey.objects.filter(results_published=True):
        for place in survey_results(survey).places:
            if place.bridging is None or place.bridging < MIXED_FROM or place.space_id in used_ids:
                continue
            if place.space_id not in best or place.bridging > best[place.space_id][1].bridging:
                best[place.space_id] = (survey, place)
    assets = public_assets().filter(pk__in=best, latitude__isnull=False, longitude__isnull=False)
    near = [
        SurveyedPlace(asset, *best[asset.pk])
        for asset in assets
        if great_circle_m(centre[0], centre[1], asset.latitude, asset.longitude) <= RADIUS_KM * 1000
    ]
    near.sort(key=lambda item: (-item.place.bridging, -item.place.respondents, item.asset.name))
    return near[:LIMIT]
