"""Demo coalitions for the four pilot places (illustrative: every page of them says so).

Each pilot gets a coalition with organisations drawn from the registry's spaces in its areas (a
faith group, a library, a community centre… when the demo has them) beside a council, a funder and
a university; a steward and a member; measures of all three kinds; initiatives linked to measures,
spaces, toolkits and case studies. Figures are never typed in: atlas and registry baselines are
read from the atlas and from the registry snapshots (``coalitions.snapshots``, backfilled here),
recorded observations come from a seeded generator. Ealing also gets one observation a member
submitted, waiting for the steward. Idempotent: coalitions are keyed by slug, measures by name,
and nothing that exists is changed (snapshots are recomputed to the same values).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from wagtail.users.models import UserProfile

from assets_registry.demo_logins import VAR, DemoLogins
from assets_registry.models import Asset
from assets_registry.taxonomy import CATEGORIES
from atlas.models import Indicator, PilotPlace
from coalitions import registry_measures, selectors, snapshots
from coalitions.models import (
    Coalition,
    CoalitionPerson,
    Direction,
    Initiative,
    InitiativeStatus,
    Measure,
    MeasureKind,
    MemberOrganisation,
    Observation,
    OrganisationKind,
    PersonRole,
    RegistryMetric,
)
from coalitions.roles import MEMBERS_GROUP, STEWARDS_GROUP, roles_and_workflow_ensure
from toolkits.models import CaseStudyPage, ToolkitPage

LOGINS = DemoLogins("Demo coalition (Ealing)", VAR / "demo-coalitions.txt")
PRINTED_PILOT = "ealing"  # the pilot whose steward and member can sign in (passwords printed)
ILLUSTRATIVE = "<p><strong>Illustrative demo:</strong> the organisations' roles, people and figures recorded here are made up to show how a coalition works; atlas and registry figures are real.</p>"
BASELINE_DATE = dt.date(2024, 4, 1)
TARGET_DATE = dt.date(2027, 3, 31)
LATER_TARGET_YEARS = 3  # atlas and registry targets: this many years after their baseline


@dataclass(frozen=True)
class Recorded:
    name: str
    unit: str
    definition: str
    baseline: float
    target: float
    valid: tuple[float, float]
    direction: str = Direction.HIGHER_IS_BETTER
    decimals: int = 0


@dataclass(frozen=True)
class Plan:
    initiative: str
    summary: str
    lead_kind: str  # the organisation kind that leads it
    status: str
    progress: int
    starts: dt.date
    ends: dt.date
    measures: tuple[str, ...]  # measure names, atlas indicator slugs or registry metrics
    toolkits: tuple[str, ...]  # toolkit slugs
    case_study: str = ""


@dataclass(frozen=True)
class Spec:
    pilot: str
    name: str
    vision: str
    founded: dt.date
    organisations: tuple[tuple[str, str, str, str], ...]  # kind, name, role, website
    from_spaces: tuple[tuple[str, tuple[str, ...], str], ...]  # kind, categories, role
    people: tuple[tuple[str, str, str, str], ...]  # username, first name, last name, organisation
    atlas: tuple[str, ...]
    registry: tuple[str, ...]
    recorded: tuple[Recorded, ...]
    plans: tuple[Plan, ...] = field(default=())


PARTICIPANTS = Recorded(
    name="Participants in bridging activities",
    unit="people",
    definition="People taking part in the coalition's activities that bring together residents of different backgrounds, counted at each session by the host and added up per quarter; each person once per quarter.",
    baseline=120,
    target=400,
    valid=(0, 20000),
)
BELONGING = Recorded(
    name="Residents who feel they belong (survey, %)",
    unit="%",
    definition="Share of respondents to the coalition's resident survey who agree or strongly agree that they belong to their neighbourhood (question as in the Community Life Survey); a quota sample of at least 400 residents each wave.",
    baseline=58,
    target=65,
    valid=(0, 100),
    decimals=1,
)
CROSS_INCOME_FRIENDS = Recorded(
    name="Participants who made a friend from another income group (%)",
    unit="%",
    definition="Share of activity participants who say, in the follow-up survey three months later, that they made a friend whose income is different from theirs.",
    baseline=18,
    target=30,
    valid=(0, 100),
    decimals=1,
)
LONELY = Recorded(
    name="Residents often or always lonely (survey, %)",
    unit="%",
    definition="Share of respondents to the coalition's resident survey who feel lonely often or always (ONS loneliness question).",
    baseline=9,
    target=6,
    valid=(0, 100),
    direction=Direction.LOWER_IS_BETTER,
    decimals=1,
)
VOLUNTEER_HOURS = Recorded(
    name="Volunteer hours in neighbourhood groups",
    unit="hours",
    definition="Hours given by volunteers in the coalition's neighbourhood groups each quarter, from the groups' own sign-in sheets.",
    baseline=2400,
    target=4000,
    valid=(0, 1_000_000),
)

COALITIONS = (
    Spec(
        pilot="ealing",
        name="Ealing Connects",
        vision="<p>An Ealing where neighbours of every background, age and income know each other: libraries, faith groups and community centres open their doors to each other's members, and the borough measures whether people meet and befriend across difference.</p>",
        founded=dt.date(2024, 3, 1),
        organisations=(
            (
                OrganisationKind.COUNCIL,
                "London Borough of Ealing",
                "Backbone organisation: hosts the steward and the shared measures",
                "https://www.ealing.gov.uk/",
            ),
            (
                OrganisationKind.UNIVERSITY,
                "University of West London",
                "Evaluation partner: runs the resident survey",
                "https://www.uwl.ac.uk/",
            ),
            (OrganisationKind.FUNDER, "West London Connections Fund", "Funds the bridging activities", ""),
        ),
        from_spaces=(
            (OrganisationKind.PUBLIC_SERVICE, ("library",), "Hosts conversation cafés"),
            (OrganisationKind.FAITH, ("place_of_worship",), "Co-hosts shared suppers across congregations"),
            (
                OrganisationKind.VOLUNTARY,
                ("community_centre",),
                "Runs the welcome programme for new residents",
            ),
        ),
        people=(
            ("ealing-steward", "Asha", "Patel", "London Borough of Ealing"),
            ("ealing-member", "Tom", "Okafor", "University of West London"),
        ),
        atlas=("uk-income-deprivation",),
        registry=(RegistryMetric.BRIDGING_SHARE, RegistryMetric.CONFIRMED_SHARE),
        recorded=(PARTICIPANTS, BELONGING),
        plans=(
            Plan(
                "Conversation cafés in libraries",
                "Monthly cafés where residents who would not otherwise meet talk over tea, hosted by libraries.",
                OrganisationKind.PUBLIC_SERVICE,
                InitiativeStatus.RUNNING,
                60,
                dt.date(2024, 9, 1),
                dt.date(2026, 8, 31),
                (PARTICIPANTS.name, BELONGING.name),
                ("design-activities-that-bridge", "measure-connection"),
                "west-ealing-library-conversation-cafes",
            ),
            Plan(
                "Confirm every space's details",
                "Volunteers visit and confirm the registry's spaces so residents can trust the map.",
                OrganisationKind.VOLUNTARY,
                InitiativeStatus.PLANNED,
                0,
                dt.date(2027, 1, 1),
                dt.date(2027, 12, 31),
                (RegistryMetric.CONFIRMED_SHARE,),
                ("map-your-community-assets",),
                "southall-residents-map-their-assets",
            ),
        ),
    ),
    Spec(
        pilot="essex",
        name="Essex Coast and Country Coalition",
        vision="<p>From commuter towns to the coast, Essex's clubs, councils and residents' groups work together so that no town is short of places where people meet.</p>",
        founded=dt.date(2024, 6, 1),
        organisations=(
            (
                OrganisationKind.COUNCIL,
                "Essex County Council",
                "Backbone organisation",
                "https://www.essex.gov.uk/",
            ),
            (
                OrganisationKind.UNIVERSITY,
                "University of Essex",
                "Evaluation partner",
                "https://www.essex.ac.uk/",
            ),
            (OrganisationKind.FUNDER, "Essex Coast Community Trust", "Funds small grants for clubs", ""),
            (
                OrganisationKind.RESIDENTS,
                "Tendring Residents' Network",
                "Brings residents' groups along the coast together",
                "",
            ),
        ),
        from_spaces=(
            (OrganisationKind.VOLUNTARY, ("sports_club", "community_centre"), "Opens its club to newcomers"),
        ),
        people=(
            ("essex-steward", "Claire", "Hughes", "Essex County Council"),
            ("essex-member", "Dev", "Sharma", "Tendring Residents' Network"),
        ),
        atlas=("uk-income-deprivation",),
        registry=(RegistryMetric.RESIDENT_ADDED,),
        recorded=(PARTICIPANTS, LONELY),
        plans=(
            Plan(
                "Open clubs weekends",
                "Sports clubs in Harlow and along the coast run open sessions for newcomers.",
                OrganisationKind.VOLUNTARY,
                InitiativeStatus.RUNNING,
                40,
                dt.date(2025, 3, 1),
                dt.date(2026, 12, 31),
                (PARTICIPANTS.name, LONELY.name),
                ("design-activities-that-bridge",),
                "harlow-sports-clubs-as-bridges",
            ),
            Plan(
                "A coalition for the Tendring coast",
                "Convene residents' groups, clubs and the council around shared measures.",
                OrganisationKind.RESIDENTS,
                InitiativeStatus.DONE,
                100,
                dt.date(2024, 6, 1),
                dt.date(2025, 2, 28),
                (LONELY.name,),
                ("convene-a-coalition",),
                "tendring-coast-coalition",
            ),
        ),
    ),
    Spec(
        pilot="baltimore",
        name="Baltimore Bridges",
        vision="<p>Baltimore's congregations, libraries and markets make economic connectedness everyone's business: where people on different incomes meet, they become friends.</p>",
        founded=dt.date(2024, 1, 15),
        organisations=(
            (
                OrganisationKind.COUNCIL,
                "Baltimore City Mayor's Office of Neighborhood Engagement",
                "Backbone organisation",
                "",
            ),
            (
                OrganisationKind.UNIVERSITY,
                "Johns Hopkins University",
                "Evaluation partner",
                "https://www.jhu.edu/",
            ),
            (OrganisationKind.FUNDER, "Chesapeake Neighbors Fund", "Funds the shared suppers", ""),
        ),
        from_spaces=(
            (OrganisationKind.FAITH, ("place_of_worship",), "Hosts shared suppers"),
            (OrganisationKind.PUBLIC_SERVICE, ("library",), "Hosts neighbor meetups"),
            (OrganisationKind.VOLUNTARY, ("market", "community_centre"), "Runs market-day welcome tables"),
        ),
        people=(
            ("baltimore-steward", "Denise", "Carter", "Mayor's Office of Neighborhood Engagement"),
            ("baltimore-member", "Luis", "Ramirez", "Chesapeake Neighbors Fund"),
        ),
        atlas=("us-economic-connectedness",),
        registry=(RegistryMetric.THIRD_SPACES_PER_10K, RegistryMetric.BRIDGING_SHARE),
        recorded=(PARTICIPANTS, CROSS_INCOME_FRIENDS),
        plans=(
            Plan(
                "Shared suppers across congregations",
                "Congregations in Highlandtown take turns hosting suppers for each other's members.",
                OrganisationKind.FAITH,
                InitiativeStatus.RUNNING,
                70,
                dt.date(2024, 5, 1),
                dt.date(2026, 10, 31),
                (PARTICIPANTS.name, CROSS_INCOME_FRIENDS.name),
                ("design-activities-that-bridge",),
                "highlandtown-shared-suppers",
            ),
            Plan(
                "Measure connectedness at the rec centers",
                "A simple before-and-after survey at two rec centers.",
                OrganisationKind.UNIVERSITY,
                InitiativeStatus.DONE,
                100,
                dt.date(2024, 2, 1),
                dt.date(2024, 12, 31),
                (CROSS_INCOME_FRIENDS.name,),
                ("measure-connection",),
                "baltimore-rec-center-connectedness",
            ),
        ),
    ),
    Spec(
        pilot="boston",
        name="Boston Neighbors Network",
        vision="<p>Boston meets across income lines more than most places, but meeting is not yet befriending: the network turns exposure into friendship through volunteering and shared spaces.</p>",
        founded=dt.date(2024, 2, 1),
        organisations=(
            (
                OrganisationKind.COUNCIL,
                "City of Boston Office of Neighborhood Services",
                "Backbone organisation",
                "",
            ),
            (
                OrganisationKind.UNIVERSITY,
                "Northeastern University",
                "Evaluation partner",
                "https://www.northeastern.edu/",
            ),
            (OrganisationKind.FUNDER, "Suffolk Civic Fund", "Funds the volunteer corps", ""),
        ),
        from_spaces=(
            (OrganisationKind.PUBLIC_SERVICE, ("library",), "Hosts volunteer sign-ups"),
            (OrganisationKind.FAITH, ("place_of_worship",), "Hosts neighbor dinners"),
            (OrganisationKind.VOLUNTARY, ("civic_group", "community_centre"), "Runs civic walks"),
        ),
        people=(
            ("boston-steward", "Maureen", "O'Brien", "Office of Neighborhood Services"),
            ("boston-member", "Kwame", "Mensah", "Northeastern University"),
        ),
        atlas=("us-economic-connectedness", "us-friending-bias"),
        registry=(RegistryMetric.THIRD_SPACES_PER_10K,),
        recorded=(VOLUNTEER_HOURS, CROSS_INCOME_FRIENDS),
        plans=(
            Plan(
                "Neighbor volunteer corps",
                "Residents volunteer in mixed-income teams in Dorchester.",
                OrganisationKind.FUNDER,
                InitiativeStatus.RUNNING,
                50,
                dt.date(2024, 9, 1),
                dt.date(2026, 9, 30),
                (VOLUNTEER_HOURS.name, CROSS_INCOME_FRIENDS.name),
                ("fund-the-connectors", "design-activities-that-bridge"),
                "dorchester-neighbor-volunteer-corps",
            ),
            Plan(
                "A budget line for third spaces",
                "Make the case for city funding of East Boston's third spaces.",
                OrganisationKind.COUNCIL,
                InitiativeStatus.DONE,
                100,
                dt.date(2024, 3, 1),
                dt.date(2025, 6, 30),
                ("us-economic-connectedness",),
                ("make-the-case",),
                "east-boston-third-spaces-budget",
            ),
        ),
    ),
)


def load(*, stdout) -> None:
    roles_and_workflow_ensure()
    for spec in COALITIONS:
        pilot = PilotPlace.objects.filter(slug=spec.pilot).first()
        if pilot is None:
            stdout.write(f"  No pilot place {spec.pilot!r}: run the atlas demo first.")
            continue
        with transaction.atomic():
            coalition, created = _coalition(spec, pilot)
            users = _people(spec, coalition)
            written = _backfill(coalition)
            if created:
                _measures(spec, coalition, users)
                _initiatives(spec, coalition)
        stdout.write(
            f"  Coalition {coalition.name}: {coalition.measures.count()} measures, "
            f"{Observation.objects.filter(measure__coalition=coalition, live=True).count()} approved "
            f"observations, {written} snapshot values written"
        )
    for user in get_user_model().objects.filter(username__in=_printed_usernames()).order_by("pk"):
        role = "steward" if user.username.endswith("steward") else "member"
        stdout.write(f"  Demo coalition {role} (Ealing): {LOGINS.sign_in(user)}")


# --- accounts ---------------------------------------------------------------------------------


def _printed_usernames() -> list[str]:
    spec = next(s for s in COALITIONS if s.pilot == PRINTED_PILOT)
    return [username for username, *_rest in spec.people]


def _people(spec: Spec, coalition: Coalition) -> dict[str, object]:
    """The coalition's steward and member; Ealing's can sign in (``LOGINS``), the others are roles."""
    User = get_user_model()
    printed = _printed_usernames() if spec.pilot == PRINTED_PILOT else []
    groups = {g.name: g for g in Group.objects.filter(name__in=[STEWARDS_GROUP, MEMBERS_GROUP])}
    users = {}
    for order, (username, first, last, organisation) in enumerate(spec.people):
        role = PersonRole.STEWARD if username.endswith("steward") else PersonRole.MEMBER
        fields = {"first_name": first, "last_name": last, "email": f"{username}@example.org"}
        if username in printed:
            user, created = LOGINS.account(username, **fields)
        else:
            user, created = User.objects.get_or_create(username=username, defaults=fields)
            if created:
                user.set_unusable_password()  # a role in the demo, not a login
                user.save(update_fields=["password"])
        if created:
            _quiet(user)
        user.groups.add(groups[STEWARDS_GROUP if role == PersonRole.STEWARD else MEMBERS_GROUP])
        CoalitionPerson.objects.get_or_create(
            coalition=coalition,
            user=user,
            defaults={"role": role, "organisation": organisation, "sort_order": order},
        )
        users[role] = user
    return users


def _quiet(user) -> None:
    """Demo accounts get no e-mail about submissions (load_demo would print the demo's own)."""
    profile = UserProfile.get_for_user(user)
    profile.submitted_notifications = profile.approved_notifications = False
    profile.rejected_notifications = profile.updated_comments_notifications = False
    profile.save()


# --- the coalition ----------------------------------------------------------------------------


def _coalition(spec: Spec, pilot: PilotPlace) -> tuple[Coalition, bool]:
    coalition = Coalition.objects.filter(slug=spec.pilot).first()
    if coalition is not None:
        return coalition, False
    coalition = Coalition.objects.create(
        name=spec.name,
        slug=spec.pilot,
        pilot_place=pilot,
        vision=ILLUSTRATIVE + spec.vision,
        founded=spec.founded,
        illustrative=True,
    )
    order = 0
    for kind, name, role, website in spec.organisations:
        MemberOrganisation.objects.create(
            coalition=coalition, name=name, kind=kind, role=role, website=website, sort_order=order
        )
        order += 1
    spaces = (
        Asset.objects.filter(live=True, atlas_links__area__in=coalition.area_ids())
        .distinct()
        .order_by("name")
    )
    used: set[int] = set()
    for kind, categories, role in spec.from_spaces:
        space = _first_space(spaces, categories, used)
        if space is None:
            continue  # the demo registry has no such space here (Essex has none at all)
        used.add(space.pk)
        MemberOrganisation.objects.create(
            coalition=coalition,
            name=space.name,
            kind=kind,
            role=role,
            website=space.website,
            space=space,
            sort_order=order,
        )
        order += 1
    return coalition, True


def _first_space(spaces, categories: tuple[str, ...], used: set[int]) -> Asset | None:
    for category in categories:
        matching = spaces.alias(_cat=_category_bit(category)).exclude(_cat=0).exclude(pk__in=used)
        space = matching.first()
        if space is not None:
            return space
    return None


def _category_bit(category: str):
    return F("category_mask").bitand(CATEGORIES.mask([category]))


# --- measures ---------------------------------------------------------------------------------


def _backfill(coalition: Coalition) -> int:
    """The registry measures' monthly history from the place's first published space to this
    month (which the monthly task will take again at its end)."""
    this_month = registry_measures.first_of_month(timezone.localdate())
    first = min(snapshots.backfill_start(coalition), this_month)
    return snapshots.take_months(coalition, registry_measures.months_between(first, this_month))


def _measures(spec: Spec, coalition: Coalition, users: dict) -> None:
    steward, member = users[PersonRole.STEWARD], users[PersonRole.MEMBER]
    order = 0
    for slug in spec.atlas:
        indicator = Indicator.objects.filter(slug=slug).first()
        if indicator is None:
            continue
        direction = (
            Direction.LOWER_IS_BETTER
            if indicator.direction == Indicator.Direction.LOWER_IS_BETTER
            else Direction.HIGHER_IS_BETTER
        )
        measure = _publish(
            Measure(
                coalition=coalition,
                kind=MeasureKind.ATLAS,
                name=indicator.name,
                indicator=indicator,
                definition=indicator.description,  # unit: the indicator's, read by the pages
                direction=direction,
                headline=order == 0,
                sort_order=order,
            ),
            steward,
        )
        _baseline_from_series(coalition, measure, steward)
        order += 1
    for metric in spec.registry:
        definition = registry_measures.DEFINITIONS[metric]
        measure = _publish(
            Measure(
                coalition=coalition,
                kind=MeasureKind.REGISTRY,
                name=definition.name,
                registry_metric=metric,
                definition=definition.text,
                unit=definition.unit,
                direction=definition.direction,
                valid_min=0,
                valid_max=100 if definition.unit == "%" else None,
                sort_order=order,
            ),
            steward,
        )
        _baseline_from_series(coalition, measure, steward)
        order += 1
    for recorded in spec.recorded:
        measure = _publish(
            Measure(
                coalition=coalition,
                kind=MeasureKind.RECORDED,
                name=recorded.name,
                definition=recorded.definition,
                unit=recorded.unit,
                direction=recorded.direction,
                valid_min=recorded.valid[0],
                valid_max=recorded.valid[1],
                baseline_value=recorded.baseline,
                baseline_date=BASELINE_DATE,
                target_value=recorded.target,
                target_date=TARGET_DATE,
                sort_order=order,
            ),
            steward,
        )
        _observations(coalition, measure, recorded, steward=steward, member=member)
        order += 1


def _publish(obj, user):
    """Save as a draft revision by ``user`` and publish it: the history an approval leaves."""
    obj.live = False
    obj.save()
    obj.save_revision(user=user).publish(user=user)
    obj.refresh_from_db()
    return obj


def _baseline_from_series(coalition: Coalition, measure: Measure, steward) -> None:
    """Atlas and registry baselines are the first value the pages show for the measure; the
    target is a move of a tenth in the better direction, some years on."""
    series = selectors.measure_series(coalition, measures=[measure])
    points = [p for p in series[0].points if p.value is not None] if series else []
    if not points:
        return  # the page says why there is no value (no population, no atlas value here)
    first = points[0]
    step = abs(first.value) * 0.1 or 5.0
    target = first.value - step if measure.direction == Direction.LOWER_IS_BETTER else first.value + step
    if measure.valid_max is not None:
        target = min(target, measure.valid_max)
    measure.baseline_value = _rounded(first.value)
    measure.baseline_date = first.date
    measure.target_value = _rounded(target)
    measure.target_date = first.date.replace(year=first.date.year + LATER_TARGET_YEARS)
    measure.save_revision(user=steward).publish(user=steward)


def _rounded(value: float) -> float:
    return round(value, 3) if abs(value) < 10 else round(value, 1)


def _observations(coalition: Coalition, measure: Measure, recorded: Recorded, *, steward, member) -> None:
    """3–6 quarterly values moving unevenly towards the target (seeded, so every run is the same);
    in the printed pilot one more value waits for the steward's approval."""
    rng = random.Random(f"{coalition.slug}:{recorded.name}")
    count = rng.randint(3, 6)
    pending = coalition.slug == PRINTED_PILOT and recorded is PARTICIPANTS
    low, high = recorded.valid
    for quarter in range(1, count + 1 + pending):
        share = quarter / (count + 3) * rng.uniform(0.6, 1.3)
        value = recorded.baseline + (recorded.target - recorded.baseline) * share
        observation = Observation(
            measure=measure,
            value=round(min(max(value, low), high), recorded.decimals),
            date=_months_after(BASELINE_DATE, 3 * quarter),
            note="Illustrative value from the demo.",
            recorded_by=member,
            live=False,
        )
        observation.save()
        revision = observation.save_revision(user=member)
        if quarter <= count:
            revision.publish(user=steward)
        else:
            observation.get_workflow().start(observation, member)  # waits for the steward


def _months_after(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    return day.replace(year=day.year + month // 12, month=month % 12 + 1)


# --- initiatives ------------------------------------------------------------------------------


def _initiatives(spec: Spec, coalition: Coalition) -> None:
    organisations = list(coalition.organisations.all())
    # A plan names a measure by its name, atlas indicator slug or registry metric.
    measures = {}
    for m in coalition.measures.select_related("indicator"):
        for key in (m.name, m.registry_metric, m.indicator.slug if m.indicator else ""):
            measures.setdefault(key, m)
    for plan in spec.plans:
        lead = next((o for o in organisations if o.kind == plan.lead_kind), None)
        initiative = Initiative(
            coalition=coalition,
            name=plan.initiative,
            summary=plan.summary,
            lead_organisation=lead,
            status=plan.status,
            progress=plan.progress,
            starts=plan.starts,
            ends=plan.ends,
            case_study=CaseStudyPage.objects.live().filter(slug=plan.case_study).first(),
        )
        initiative.measures = [measures[name] for name in plan.measures if name in measures]
        initiative.spaces = [o.space for o in organisations if o.space_id]
        initiative.toolkits = list(ToolkitPage.objects.live().filter(slug__in=plan.toolkits))
        initiative.save()
