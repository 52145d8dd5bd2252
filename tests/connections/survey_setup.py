"""Two surveys (Ealing, Essex) on issue 19's two coalitions, a researcher on each, and registry
spaces in Ealing's area (one in Essex), for the survey and interview tests (helper S)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from django.utils import timezone

from atlas.models import AreaAsset
from connections.interviews_services import interview_record
from connections.models import Survey, SurveyResearcher
from connections.surveys_roles import survey_permissions_ensure
from tests.assets_registry.factories import ESSEX, AssetFactory
from tests.coalitions.admin_setup import PASSWORD, two_coalitions
from tests.factories import UserFactory

__all__ = ["PASSWORD", "surveys"]


def _survey(coalition, slug: str, **fields) -> Survey:
    today = timezone.localdate()
    values = {
        "name": f"Where {coalition.pilot_place.name} meets",
        "slug": slug,
        "coalition": coalition,
        "starts": today - dt.timedelta(days=30),
        "ends": today + dt.timedelta(days=60),
        "bands": ["gender", "ethnicity"],
        "consent_wording": f"We are asking people in {coalition.pilot_place.name} where they meet others. "
        "Taking part is your choice; you can stop at any time.",
        "privacy_notice": f"{coalition.name} holds your answers under a code, never your name.",
        "retention_days": 90,
        **fields,
    }
    return Survey.objects.create(**values)


def surveys() -> SimpleNamespace:
    ns = two_coalitions()
    survey_permissions_ensure()
    ns.ealing_survey = _survey(ns.ealing, "ealing-meets")
    ns.essex_survey = _survey(ns.essex, "essex-meets")
    ns.ealing_researcher = UserFactory(username="ealing-researcher")
    ns.essex_researcher = UserFactory(username="essex-researcher")
    SurveyResearcher.objects.create(survey=ns.ealing_survey, user=ns.ealing_researcher)
    SurveyResearcher.objects.create(survey=ns.essex_survey, user=ns.essex_researcher)
    ealing_area = ns.ealing.pilot_place.areas.get()
    essex_area = ns.essex.pilot_place.areas.get()
    ns.library = AssetFactory(name="Ealing Central Library")
    ns.allotments = AssetFactory(name="Pitshanger Allotments")
    ns.draft_space = AssetFactory(name="Ealing Hidden Hall", live=False)
    ns.chelmsford = AssetFactory(name="Chelmsford Library", **ESSEX)
    for asset, area in ((ns.library, ealing_area), (ns.allotments, ealing_area), (ns.chelmsford, essex_area)):
        AreaAsset.objects.get_or_create(area=area, asset=asset)
    return ns


def answers(*spaces, typed=()) -> dict:
    return {
        "people": [
            {
                "key": "p1",
                "relationship": "friend",
                "frequency": "weekly",
                "closeness": 1,
                "like_me": {"age": "unlike", "background": "like", "income": "unknown"},
            },
            {"key": "p2", "relationship": "neighbour", "frequency": "daily", "closeness": 2, "like_me": {}},
        ],
        "places": [{"space": s.pk, "name": "", "people": ["p1"]} for s in spaces]
        + [{"space": None, "name": name, "people": ["p2"]} for name in typed],
        "groups": [{"name": "Tuesday walkers", "kind": "club"}],
        "gives": ["support"],
        "gets": ["information", "fun"],
    }


WELLBEING = {"life_satisfaction": 7, "worthwhile": 8, "happiness": 6, "anxiety": 3}


def ealing_draft(ns, code: str, answers: dict, *, bands: dict | None = None):
    """A draft interview on the Ealing survey, recorded by its researcher (no background bands
    unless given: complete it with ``bands=EALING_BANDS``)."""
    return interview_record(
        survey=ns.ealing_survey,
        researcher=ns.ealing_researcher,
        respondent_code=code,
        age_band="16-24",
        bands=bands or {},
        answers=answers,
        wellbeing={},
    )


EALING_BANDS = {"gender": "prefer_not", "ethnicity": "prefer_not"}
