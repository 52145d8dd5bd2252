"""A survey's published figures as JSON, for partners who reuse them (``/surveys/<slug>/results.json``).

The same ``results.SurveyResults`` the page shows, already suppressed: a null is a figure that is
not shown (it rests on fewer respondents than the threshold, or could be worked out from others).
Nothing here computes anything; it only names the fields.
"""

from __future__ import annotations

from django.urls import reverse

from connections.models import Survey
from connections.results import DEFINITIONS, SurveyResults


def results_document(survey: Survey, results: SurveyResults, *, absolute) -> dict:
    """``absolute``: turns a path into a full address (request.build_absolute_uri)."""
    return {
        "survey": {
            "name": survey.name,
            "url": absolute(reverse("connections:survey_results", args=[survey.slug])),
            "coalition": survey.coalition.name,
            "area": survey.area.name if survey.area else None,
            "starts": survey.starts.isoformat(),
            "ends": survey.ends.isoformat(),
            "synthetic": survey.synthetic,
            "legal_basis": survey.legal_basis,
        },
        "threshold": results.threshold,
        "respondents_counted": results.respondents,
        "respondents_not_yet_counted": results.not_yet_counted,
        "preview": results.live,
        "enough": results.enough,
        "null_means": f"not shown: fewer than {results.threshold} respondents, or it could be worked out "
        "from figures that are shown",
        "definitions": DEFINITIONS,
        "places": [
            {
                "space": absolute(place.url),
                "name": place.name,
                "respondents": place.respondents,
                "age_bands": place.age_bands,
                "bridging_score": place.bridging,
                "reach": round(place.degree, 4),
                "bridging_position": round(place.betweenness, 4),
            }
            for place in results.places
        ],
        "places_not_shown": results.places_not_shown,
        "respondents_naming_typed_places": results.typed_place_respondents,
        "groups": [
            {
                "name": group.name,
                "respondents": group.respondents,
                "reach": round(group.degree, 4),
                "bridging_position": round(group.betweenness, 4),
            }
            for group in results.groups
        ],
        "groups_not_shown": results.groups_not_shown,
        "betweenness_exact": results.network_exact,
        "isolation_percent": results.isolation_share,
        "bridging_ties": results.bridging_ties,
        "bridging_ties_percent": results.bridging_ties_share,
        "wellbeing_by_places": [
            {"places": row.label, "respondents": row.respondents, "means": row.means}
            for row in results.wellbeing
        ],
        "wellbeing_all": (
            {"respondents": results.wellbeing_all.respondents, "means": results.wellbeing_all.means}
            if results.wellbeing_all
            else None
        ),
        "who_answered": [
            {
                "question": profile.label,
                "special_category": profile.special,
                "bands": [{"band": row.label, "respondents": row.count} for row in profile.rows],
            }
            for profile in results.profiles
        ],
    }
