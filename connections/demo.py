"""The demo's connection survey: one illustrative survey in Ealing with 60 synthetic interviews.

A step of ``manage.py load_demo`` after the coalitions (it needs Ealing's coalition and the demo
registry's Ealing spaces). The interviews are **generated** by a seeded generator, never typed,
recorded through the interview services (``interview_record`` and ``interview_complete``, as a
researcher's screens do) and the survey is marked ``synthetic``: every page about it says so.
The survey is still running, and its researcher can sign in (password in var/demo-survey.txt,
printed like the coalition's logins), so a visitor can record one more interview and see it count.
Idempotent: the survey is keyed by its slug; a complete set of interviews is left alone.

The generator gives places a skewed popularity (a few places most people name, a long tail), so
the results page shows ranked places, places hidden below the threshold, and well-being rising
with the number of places, as real surveys tend to show.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from assets_registry.demo_logins import VAR, DemoLogins
from coalitions.models import Coalition
from connections.interviews_selectors import survey_spaces
from connections.interviews_services import interview_complete, interview_record
from connections.models import BandKind, Interview, InterviewStatus, Survey, SurveyResearcher

SLUG = "where-ealing-meets"
COALITION = "ealing"
INTERVIEWS = 60
PLACES = 12
SEED = "connections-demo-ealing"
RESEARCHER = "ealing-researcher"
LOGINS = DemoLogins("Demo survey researcher (Ealing)", VAR / "demo-survey.txt", sign_in_at="/interviewing/")

AGE_WEIGHTS = {"16-24": 12, "25-34": 18, "35-49": 24, "50-64": 20, "65-74": 14, "75+": 9, "prefer_not": 3}
GENDER = {"woman": 52, "man": 45, "another": 1, "prefer_not": 2}
TENURE = {"own": 45, "social_rent": 20, "private_rent": 30, "other": 2, "prefer_not": 3}
GROUPS = [
    ("Ealing Parkrun", "club"),
    ("St Mary's congregation", "faith"),
    ("Northfields Allotment Society", "club"),
    ("Southall Food Bank volunteers", "volunteering"),
    ("Acton Parents' Network", "parents"),
    ("Ealing Chess Club", "club"),
]
RELATIONSHIPS = ["family", "friend", "neighbour", "colleague", "group", "faith", "service"]


def load(*, stdout) -> None:
    coalition = Coalition.objects.filter(slug=COALITION).first()
    if coalition is None:
        stdout.write("  No Ealing coalition: run the coalitions demo first.")
        return
    with transaction.atomic():
        survey = _survey(coalition)
        spaces = list(survey_spaces(survey).order_by("pk")[:PLACES])
        if not spaces:
            stdout.write("  No registry spaces in Ealing: run the registry and atlas demos first.")
            return
        complete = Interview.objects.filter(survey=survey, status=InterviewStatus.COMPLETE).count()
        if complete < INTERVIEWS:
            Interview.objects.filter(survey=survey).delete()
            _interviews(survey, spaces)
    stdout.write(
        f"  Survey {survey.name}: {INTERVIEWS} synthetic interviews over {len(spaces)} Ealing spaces; "
        f"results at {survey.get_absolute_url()}"
    )
    stdout.write(
        f"  {LOGINS.label}: {LOGINS.sign_in(survey.researchers.get(user__username=RESEARCHER).user)}"
    )


def _survey(coalition: Coalition) -> Survey:
    today = timezone.localdate()
    survey, _created = Survey.objects.get_or_create(
        slug=SLUG,
        defaults={
            "name": "Where Ealing meets (illustrative)",
            "coalition": coalition,
            "starts": today - dt.timedelta(days=120),
            "ends": today + dt.timedelta(days=60),  # still running: the researcher can add one
            "bands": [BandKind.GENDER, BandKind.TENURE],
            "consent_wording": (
                "This is an illustrative demo survey. Would you be willing to answer questions about "
                "the people you are in touch with, the places where you meet them and how you feel? "
                "You can stop at any time."
            ),
            "privacy_notice": (
                "Illustrative: Ealing Connects would hold these answers under a pseudonymous code, "
                "publish only totals of at least five people, and delete the interviews a year "
                "after the survey ends. Ask the steward to see or delete your answers."
            ),
            "retention_days": 365,
            "results_published": True,
            "synthetic": True,
        },
    )
    researcher, _created = LOGINS.account(RESEARCHER, first_name="Demo", last_name="Researcher")
    SurveyResearcher.objects.get_or_create(survey=survey, user=researcher)
    return survey


def _pick(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _interviews(survey: Survey, spaces: list) -> None:
    rng = random.Random(SEED)
    researcher = survey.researchers.first().user
    popularity = [1 / (rank + 1) ** 0.8 for rank in range(len(spaces))]
    for number in range(1, INTERVIEWS + 1):
        count = rng.choices([0, 1, 2, 3, 4], weights=[6, 14, 30, 30, 20])[0]
        chosen = []
        while len(chosen) < min(count, len(spaces)):
            space = rng.choices(spaces, weights=popularity)[0]
            if space not in chosen:
                chosen.append(space)
        people = [
            {
                "key": f"p{n}",
                "relationship": rng.choice(RELATIONSHIPS),
                "frequency": rng.choice(["daily", "weekly", "monthly", "rarely"]),
                "closeness": rng.choice([1, 2, 3]),
                "like_me": {
                    aspect: rng.choices(["like", "unlike", "unknown"], weights=[6, 3, 1])[0]
                    for aspect in ("age", "background", "income")
                },
            }
            for n in range(1, rng.randint(1, 5) + 1)
        ]
        keys = [p["key"] for p in people]
        answers = {
            "people": people,
            "places": [
                {"space": space.pk, "name": "", "people": rng.sample(keys, rng.randint(1, len(keys)))}
                for space in chosen
            ],
            "groups": [
                {"name": name, "kind": kind}
                for name, kind in rng.sample(GROUPS, rng.choices([0, 1, 2], weights=[4, 4, 2])[0])
            ],
            "gives": rng.sample(["support", "information", "fun"], rng.randint(0, 3)),
            "gets": rng.sample(["support", "information", "fun"], rng.randint(1, 3)),
        }
        # Well-being a little higher with more places to meet people, as surveys tend to find.
        base = 5.5 + 0.5 * min(count, 3)
        wellbeing = {
            name: max(0, min(10, round(rng.gauss(base, 1.6))))
            for name in ("life_satisfaction", "worthwhile", "happiness")
        }
        wellbeing["anxiety"] = max(0, min(10, round(rng.gauss(4.5 - 0.4 * min(count, 3), 2))))
        interview = interview_record(
            survey=survey,
            researcher=researcher,
            respondent_code=f"EAL-{number:04d}",
            age_band=_pick(rng, AGE_WEIGHTS),
            bands={BandKind.GENDER: _pick(rng, GENDER), BandKind.TENURE: _pick(rng, TENURE)},
            answers=answers,
            wellbeing=wellbeing,
            client_key=f"demo-{SLUG}-{number:04d}",
        )
        interview_complete(interview)
