"""Two coalitions (Ealing, Essex) with a steward and a member each, for the admin and approval
tests; the roles' groups and workflow come from ``coalitions.roles`` (what migration 0002 makes,
re-made here because transactional tests flush it)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from django.contrib.auth.models import Group
from django.urls import reverse

from atlas.models import Area, AreaKind, Indicator, PilotPlace
from coalitions.models import Coalition, CoalitionPerson, Measure, MeasureKind, Observation, PersonRole
from coalitions.roles import MEMBERS_GROUP, STEWARDS_GROUP, roles_and_workflow_ensure
from tests.factories import UserFactory

PASSWORD = "correct-horse-battery-staple"  # UserFactory's
BASELINE = dt.date(2024, 4, 1)


def publish(obj, user=None):
    obj.live = False
    obj.save()
    obj.save_revision(user=user).publish(user=user)
    obj.refresh_from_db()
    return obj


def recorded_measure(coalition, name="Participants in bridging activities", **fields):
    values = {
        "coalition": coalition,
        "kind": MeasureKind.RECORDED,
        "name": name,
        "definition": "People at the coalition's bridging activities, per quarter.",
        "unit": "people",
        "valid_min": 0,
        "valid_max": 1000,
        "baseline_value": 100,
        "baseline_date": BASELINE,
        "target_value": 300,
        "target_date": dt.date(2027, 3, 31),
        **fields,
    }
    return publish(Measure(**values))


def _place(slug, name, kind, code, country):
    area = Area.objects.create(kind=kind, code=code, name=name, country=country)
    pilot = PilotPlace.objects.create(slug=slug, name=name, country=country)
    pilot.areas.set([area])
    return pilot


def two_coalitions() -> SimpleNamespace:
    roles_and_workflow_ensure()
    stewards, members = Group.objects.get(name=STEWARDS_GROUP), Group.objects.get(name=MEMBERS_GROUP)
    ns = SimpleNamespace()
    for slug, name, kind, code in (
        ("ealing", "Ealing", AreaKind.LONDON_BOROUGH, "E09000009"),
        ("essex", "Essex", AreaKind.UK_LAD, "E07000070"),
    ):
        coalition = Coalition.objects.create(
            name=f"{name} Connects", slug=slug, pilot_place=_place(slug, name, kind, code, "GB")
        )
        setattr(ns, slug, coalition)
        for role, group in ((PersonRole.STEWARD, stewards), (PersonRole.MEMBER, members)):
            user = UserFactory(username=f"{slug}-{role}", first_name=name, last_name=role.title())
            user.groups.add(group)
            CoalitionPerson.objects.create(coalition=coalition, user=user, role=role)
            setattr(ns, f"{slug}_{role}", user)
        setattr(ns, f"{slug}_measure", recorded_measure(coalition, name=f"{name} participants"))
    ns.indicator = Indicator.objects.create(
        slug="uk-income-deprivation",
        name="Income deprivation",
        description="Share of people in income deprivation.",
        source="English Indices of Deprivation",
        vintage="2025",
        citation="MHCLG (2025)",
        country="GB",
        direction=Indicator.Direction.LOWER_IS_BETTER,
    )
    ns.ealing_atlas = publish(
        Measure(
            coalition=ns.ealing,
            kind=MeasureKind.ATLAS,
            name="Income deprivation",
            indicator=ns.indicator,
            definition="From the atlas.",
        )
    )
    ns.essex_observation = publish(Observation(measure=ns.essex_measure, value=120, date=dt.date(2024, 7, 1)))
    ns.admin = UserFactory(username="admin", is_superuser=True, is_staff=True)
    return ns


def url(model, name, *args):
    return reverse(model.snippet_viewset.get_url_name(name), args=args)


def approve_url(obj, action="approve"):
    task_state = obj.current_workflow_task_state
    return url(type(obj), "workflow_action", obj.pk, action, task_state.pk)
