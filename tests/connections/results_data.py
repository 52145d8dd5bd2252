"""A survey of Ealing with interviews recorded through the interview services, for the results
tests (R). ``SurveyBuilder.interview`` records and completes one interview."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth.models import Group

from atlas.models import AreaAsset, AreaKind
from atlas.services import AreaData, areas_upsert, pilot_place_upsert
from coalitions.models import Coalition, CoalitionPerson, PersonRole
from coalitions.roles import STEWARDS_GROUP, roles_and_workflow_ensure
from connections.interviews_services import interview_complete, interview_record
from connections.models import Survey, SurveyResearcher
from tests.assets_registry.factories import AssetFactory
from tests.factories import UserFactory


@dataclass
class SurveyBuilder:
    survey: Survey
    coalition: Coalition
    steward: object
    researcher: object
    spaces: list = field(default_factory=list)
    area: object = None
    place: object = None
    count: int = 0

    def space(self, name: str, **kwargs):
        asset = AssetFactory(name=name, **kwargs)
        AreaAsset.objects.get_or_create(area=self.area, asset=asset)
        self.spaces.append(asset)
        return asset

    def interview(
        self,
        *,
        places=(),
        typed=(),
        groups=(),
        age="25-34",
        bands=None,
        ons4=(7, 7, 7, 3),
        unlike=False,
        code=None,
        complete=True,
    ):
        self.count += 1
        people = [
            {
                "key": "p1",
                "relationship": "friend",
                "frequency": "weekly",
                "closeness": 1,
                "like_me": {"age": "unlike" if unlike else "like", "background": "like", "income": "like"},
            }
        ]
        answers = {
            "people": people,
            "places": [{"space": s.pk, "name": "", "people": ["p1"]} for s in places]
            + [{"space": None, "name": name, "people": []} for name in typed],
            "groups": [{"name": g, "kind": "club"} for g in groups],
            "gives": ["support"],
            "gets": ["fun"],
        }
        wellbeing = dict(zip(("life_satisfaction", "worthwhile", "happiness", "anxiety"), ons4, strict=True))
        interview = interview_record(
            survey=self.survey,
            researcher=self.researcher,
            respondent_code=code or f"EAL-{self.count:04d}",
            age_band=age,
            bands=bands if bands is not None else dict.fromkeys(self.survey.bands, "prefer_not"),
            answers=answers,
            wellbeing=wellbeing,
        )
        return interview_complete(interview) if complete else interview


def make_survey(
    *, slug="ealing-2025", bands=("gender",), published=True, coalition_slug="ealing"
) -> SurveyBuilder:
    areas, _ = areas_upsert(
        kind=AreaKind.UK_LAD,
        rows=[AreaData(code="E09000009", name="Ealing", country="GB", population=367_100)],
    )
    area = areas["E09000009"]
    place = pilot_place_upsert(slug="ealing", name="Ealing", country="GB", summary="", areas=[area])
    coalition = Coalition.objects.filter(slug=coalition_slug).first() or Coalition.objects.create(
        name="Ealing Together", slug=coalition_slug, pilot_place=place
    )
    roles_and_workflow_ensure()
    steward = UserFactory(username="survey-steward", first_name="Sam", last_name="Steward")
    steward.groups.add(Group.objects.get(name=STEWARDS_GROUP))
    CoalitionPerson.objects.get_or_create(
        coalition=coalition, user=steward, defaults={"role": PersonRole.STEWARD}
    )
    researcher = UserFactory(username="survey-researcher")
    survey = Survey.objects.create(
        name="Where Ealing meets 2025",
        slug=slug,
        coalition=coalition,
        starts=dt.date(2025, 3, 1),
        ends=dt.date(2025, 6, 30),
        bands=list(bands),
        consent_wording="Do you agree to take part?",
        privacy_notice="Ealing Together holds these answers for six months after the survey.",
        results_published=published,
    )
    SurveyResearcher.objects.create(survey=survey, user=researcher)
    return SurveyBuilder(
        survey=survey, coalition=coalition, steward=steward, researcher=researcher, area=area, place=place
    )


def survey_with_results() -> SurveyBuilder:
    """A published Ealing survey whose public results list two places: 6 respondents, one of each
    age band, meet at Acton Hall and Ealing Library, 6 more at the hall only and 9 nowhere (21
    complete interviews, of which the public figures count 20)."""
    built = make_survey()
    built.hall, built.library = built.space("Acton Hall"), built.space("Ealing Library")
    for age in ("16-24", "25-34", "35-49", "50-64", "65-74", "75+"):
        built.interview(places=[built.hall, built.library], age=age, unlike=True)
    for _ in range(6):
        built.interview(places=[built.hall])
    for _ in range(9):
        built.interview(places=[], ons4=(5, 5, 5, 5))
    return built
