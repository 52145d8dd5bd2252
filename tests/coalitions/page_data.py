"""Two pilot coalitions with public and unpublished records, for the page tests (P).

Ealing: a recorded measure with a baseline, two live observations, a draft one (with a secret
note) and a target; a live measure with a pending draft change of name; a draft measure; a
steward with a name, a member whose username is an e-mail address; an organisation that is a
registry space; an initiative with a toolkit. Baltimore: the same recorded measure (a shared
measure for the comparison page).
"""

from __future__ import annotations

import datetime as dt

from atlas.models import AreaKind
from atlas.services import AreaData, areas_upsert, pilot_place_upsert
from coalitions.models import (
    Coalition,
    CoalitionPerson,
    Initiative,
    InitiativeStatus,
    Measure,
    MeasureKind,
    MemberOrganisation,
    Observation,
    OrganisationKind,
    PersonRole,
)
from tests.assets_registry.factories import AssetFactory
from tests.factories import UserFactory

SECRET_NOTE = "UNAPPROVED-DRAFT-NOTE"
SECRET_VALUE = 987.0
DRAFT_MEASURE = "Unpublished measure of secrets"
DRAFT_NAME_CHANGE = "Renamed in a draft not yet approved"
PARTICIPANTS = "Participants in bridging activities"
DEFINITION = (
    "People who took part in at least one activity that brought together people of different incomes."
)


def _pilot(slug: str, name: str, country: str, kind: str, code: str, population: int):
    areas, _ = areas_upsert(
        kind=kind, rows=[AreaData(code=code, name=name, country=country, population=population)]
    )
    return pilot_place_upsert(slug=slug, name=name, country=country, summary="", areas=areas.values())


def participants(coalition: Coalition, *, baseline: float, target: float) -> Measure:
    return Measure.objects.create(
        coalition=coalition,
        kind=MeasureKind.RECORDED,
        name=PARTICIPANTS,
        definition=DEFINITION,
        unit="people",
        valid_min=0,
        baseline_value=baseline,
        baseline_date=dt.date(2024, 3, 1),
        target_value=target,
        target_date=dt.date(2027, 3, 1),
        headline=True,
        sort_order=1,
    )


def make_coalitions(toolkit=None) -> dict:
    ealing_place = _pilot("ealing", "Ealing", "GB", AreaKind.UK_LAD, "E09000009", 367_100)
    baltimore_place = _pilot("baltimore", "Baltimore", "US", AreaKind.US_COUNTY, "24510", 585_708)
    ealing = Coalition.objects.create(
        name="Ealing Together",
        slug="ealing",
        pilot_place=ealing_place,
        vision="<p>Every resident knows a neighbour unlike them.</p>",
        founded=dt.date(2024, 1, 15),
        illustrative=True,
    )
    baltimore = Coalition.objects.create(
        name="Baltimore Connects", slug="baltimore", pilot_place=baltimore_place
    )

    library = AssetFactory(name="Ealing Central Library", country="GB", postcode="W5 5JY")
    organisation = MemberOrganisation.objects.create(
        coalition=ealing,
        name="Ealing Central Library",
        kind=OrganisationKind.PUBLIC_SERVICE,
        website="https://www.ealing.gov.uk/libraries",
        role="Hosts the conversation cafés",
        space=library,
    )
    MemberOrganisation.objects.create(
        coalition=ealing, name="Ealing Council", kind=OrganisationKind.COUNCIL, role="Backbone organisation"
    )
    steward = UserFactory(username="steward1", first_name="Asha", last_name="Patel", email="asha@example.org")
    member = UserFactory(username="member@example.org", email="member@example.org")
    CoalitionPerson.objects.create(
        coalition=ealing, user=steward, role=PersonRole.STEWARD, organisation="Ealing Council"
    )
    CoalitionPerson.objects.create(coalition=ealing, user=member, role=PersonRole.MEMBER)

    measure = participants(ealing, baseline=120, target=400)
    Observation.objects.create(measure=measure, value=180, date=dt.date(2024, 9, 1), note="Summer festival")
    Observation.objects.create(
        measure=measure, value=260, date=dt.date(2025, 3, 1), evidence_url="https://example.org/report"
    )
    Observation.objects.create(
        measure=measure, value=SECRET_VALUE, date=dt.date(2025, 6, 1), note=SECRET_NOTE, live=False
    )
    survey = Measure.objects.create(
        coalition=ealing,
        kind=MeasureKind.RECORDED,
        name="Residents who trust people unlike them",
        definition="Share of survey respondents agreeing that most people unlike them can be trusted.",
        unit="%",
        valid_min=0,
        valid_max=100,
        baseline_value=41,
        baseline_date=dt.date(2024, 3, 1),
        target_value=50,
        target_date=dt.date(2026, 12, 1),
        sort_order=2,
    )
    Observation.objects.create(measure=survey, value=44, date=dt.date(2025, 2, 1))
    survey.name = DRAFT_NAME_CHANGE  # a change waiting for the steward: kept in a revision only
    survey.save_revision()
    Measure.objects.create(
        coalition=ealing,
        kind=MeasureKind.RECORDED,
        name=DRAFT_MEASURE,
        definition="Not approved.",
        unit="people",
        live=False,
        sort_order=3,
    )
    initiative = Initiative.objects.create(
        coalition=ealing,
        name="Conversation cafés",
        summary="Monthly cafés in the library.",
        lead_organisation=organisation,
        status=InitiativeStatus.RUNNING,
        progress=40,
        starts=dt.date(2024, 4, 1),
        ends=dt.date(2026, 3, 31),
    )
    initiative.measures.add(measure)
    initiative.spaces.add(library)
    if toolkit is not None:
        initiative.toolkits.add(toolkit)
    initiative.save()

    other = participants(baltimore, baseline=300, target=600)
    Observation.objects.create(measure=other, value=350, date=dt.date(2025, 1, 1))
    return {"ealing": ealing, "baltimore": baltimore, "measure": measure, "survey": survey}
