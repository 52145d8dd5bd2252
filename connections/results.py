"""What a survey reveals: its published aggregates (docs/connection-maps.md, "What a survey reveals").

``survey_results(survey)`` reads the survey's **complete** interviews once and returns only
figures that may be published: every count has passed ``connections.suppression`` (primary,
complement and secondary rules at the survey's threshold), every mean and score rests on at least
the threshold of respondents, and nothing about one respondent leaves this module. The same
object serves the public page (when ``results_published``), the preview its steward and
researchers see before that, the space badges and the measures a coalition adopts.

**Published in steps.** Figures computed afresh after every interview would let anyone who compares
the page before and after one interview work out that respondent's answers. So the public figures
(the page, the space badges, an adopted measure) count the complete interviews in order of
completion, in whole steps of the survey's threshold: the first 5, 10, 15… Any two versions the
public can see differ by at least the threshold of respondents. The survey's steward and
researchers, who may read the raw interviews anyway, see a live preview of all of them.

The work (parsing answers, the network) is cached per survey until the counted interviews change;
the registry's names and addresses are read afresh, so a space unpublished since is not shown.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace

from django.core.cache import cache
from django.db.models import Count, F, Max, Q, QuerySet, Window
from django.db.models.functions import RowNumber

from assets_registry.selectors import public_assets
from connections import network, suppression
from connections.models import Interview, InterviewPlace, InterviewStatus, Survey
from connections.survey_bands import AGE_BANDS, BAND_OPTIONS, PREFER_NOT, band_label, is_special

CACHE_SECONDS = 600
ONS4 = ("life_satisfaction", "worthwhile", "happiness", "anxiety")
PLACE_GROUPS = ("0", "1", "2", "3+")

# The definitions the page shows, word for word (and docs/connection-maps.md).
DEFINITIONS = {
    "meet": (
        "Respondents who meet here: complete interviews that named this registry space as a place "
        "where they meet people. A respondent is counted once per place, however many people they "
        "meet there."
    ),
    "bridging": (
        "Bridging score (0 to 1): how mixed the respondents who meet here are. For age band and "
        "each background band the survey asked, the index of qualitative variation "
        "(Blau's index 1 − Σp², divided by its largest possible value 1 − 1/K, where p are the "
        "shares of respondents in each of the K bands offered); the score is the average over "
        "those questions. 0: everyone here gave the same answer; 1: they are spread evenly "
        "across every band. “Prefer not to say” is left out; a question answered by fewer than "
        "two of them is left out of the average."
    ),
    "degree": (
        "Reach (degree centrality): the share of all respondents linked to this place or group in "
        "the network of respondents, places and groups."
    ),
    "betweenness": (
        "Bridging position (betweenness centrality, 0 to 1): the share of shortest paths between "
        "any two respondents, places or groups of the network that pass through this one; high "
        "for a place that joins people who would otherwise be far apart. Computed with networkx."
    ),
    "isolation": (
        "Share of respondents with one place or none: complete interviews naming no place, or one "
        "place (a registry space or one typed in), where they meet people."
    ),
    "wellbeing": (
        "ONS personal well-being (ONS4), 0 to 10, averaged over the respondents who answered all "
        "four questions, by the number of places where they meet people. Higher is better, except "
        "anxiety."
    ),
    "bridging_ties": (
        "Respondents with a bridging tie: complete interviews naming at least one person they "
        "are in touch with who is unlike them in age, background or income."
    ),
}


@dataclass(frozen=True)
class PlaceResult:
    key: str  # "space:<id>"
    respondents: int
    age_bands: int  # distinct age bands among them ("prefer not to say" aside)
    bridging: float | None
    degree: float
    betweenness: float
    space_id: int | None = None
    name: str = ""
    url: str = ""


@dataclass(frozen=True)
class GroupResult:
    name: str
    respondents: int
    degree: float
    betweenness: float


@dataclass(frozen=True)
class ProfileRow:
    label: str
    count: int | None  # None: suppressed


@dataclass(frozen=True)
class Profile:
    kind: str
    label: str
    special: bool
    rows: list[ProfileRow]


@dataclass(frozen=True)
class WellbeingRow:
    label: str
    respondents: int | None  # None: suppressed
    means: dict[str, float] | None  # None: suppressed


@dataclass(frozen=True)
class SurveyResults:
    survey_id: int
    threshold: int
    respondents: int
    enough: bool  # at least the threshold of complete interviews: otherwise nothing else is shown
    places: list[PlaceResult] = field(default_factory=list)
    places_not_shown: int = 0
    typed_place_respondents: int | None = None
    groups: list[GroupResult] = field(default_factory=list)
    groups_not_shown: int = 0
    network_exact: bool = True
    network_sources: int = 0
    isolation_share: float | None = None  # percent
    bridging_ties: int | None = None
    bridging_ties_share: float | None = None  # percent
    wellbeing: list[WellbeingRow] = field(default_factory=list)
    wellbeing_all: WellbeingRow | None = None
    profiles: list[Profile] = field(default_factory=list)
    live: bool = False  # every complete interview (the preview), not the published step
    not_yet_counted: int = 0  # complete interviews waiting for the next published step

    @property
    def public_respondents(self) -> int:
        """How many of these respondents the published step counts."""
        return self.respondents // self.threshold * self.threshold

    @property
    def brokers(self) -> list[tuple[str, str, float, float]]:
        """Places and groups by bridging position: (name, "place"/"group", degree, betweenness)."""
        rows = [(p.name, "place", p.degree, p.betweenness) for p in self.places]
        rows += [(g.name, "group", g.degree, g.betweenness) for g in self.groups]
        return sorted(rows, key=lambda row: (-row[3], -row[2], row[0]))

    def place_for_space(self, space_id: int) -> PlaceResult | None:
        return next((p for p in self.places if p.space_id == space_id), None)


@dataclass
class _Respondent:
    age_band: str
    bands: dict
    places: set = field(default_factory=set)  # "space:<id>" or "typed:<name>"
    groups: dict = field(default_factory=dict)  # "group:<key>" -> name as typed
    bridging_tie: bool = False
    ons4: tuple | None = None


def survey_results(survey: Survey, *, live: bool = False) -> SurveyResults:
    """The survey's publishable aggregates: of the published step of its complete interviews, or
    of all of them when ``live`` (whether the viewer may see either is the view's call)."""
    counted = _all_complete(survey) if live else _published_step(survey)
    # A complete interview never changes (only its deletion does), so how many are counted and the
    # last of them identify the set (its time too: SQLite may give a deleted row's id to a new one).
    bands = ".".join(survey.bands or ())
    survey_key = f"{survey.pk}.{survey.created_at.timestamp() if survey.created_at else 0}"
    key = f"connections:results:{survey_key}:{counted.size}:{counted.last}:{survey.threshold}:{bands}"
    results = cache.get(key)
    if results is None:
        results = compute_results(survey, counted.interviews)
        cache.set(key, results, CACHE_SECONDS)
    return _with_registry_names(replace(results, live=live, not_yet_counted=counted.total - counted.size))


def published_interviews(survey: Survey) -> QuerySet[Interview]:
    """The complete interviews the public figures count: the first whole multiple of the threshold,
    in order of completion (the primary key breaks ties)."""
    return _published_step(survey).interviews


@dataclass(frozen=True)
class _Counted:
    interviews: QuerySet[Interview]
    size: int
    last: str  # when the last counted interview was completed, and its id
    total: int  # complete interviews, counted or not


def _complete(survey: Survey) -> QuerySet[Interview]:
    return Interview.objects.filter(survey=survey, status=InterviewStatus.COMPLETE)


def _all_complete(survey: Survey) -> _Counted:
    stamp = _complete(survey).aggregate(n=Count("pk"), last=Max("pk"), at=Max("completed_at"))
    return _Counted(_complete(survey), stamp["n"], _stamp(stamp["at"], stamp["last"]), stamp["n"])


def _published_step(survey: Survey) -> _Counted:
    """One query: the interview at the last whole step (its position in order of completion is the
    total rounded down to a multiple of the threshold), and the total."""
    complete, step = _complete(survey), survey.threshold_applied
    # Interviews completed before completed_at was recorded (none should be) sort first everywhere.
    order = [F("completed_at").asc(nulls_first=True), F("pk").asc()]
    row = (
        complete.order_by()
        .annotate(position=Window(RowNumber(), order_by=order), total=Window(Count("pk")))
        .filter(position=F("total") / step * step)
        .values_list("total", "completed_at", "pk")
        .first()
    )
    if row is None:  # fewer complete interviews than one step
        return _Counted(complete.none(), 0, "", complete.count())
    total, last_at, last_pk = row
    if last_at is None:
        counted = complete.filter(completed_at__isnull=True, pk__lte=last_pk)
    else:
        earlier = Q(completed_at__isnull=True) | Q(completed_at__lt=last_at)
        counted = complete.filter(earlier | Q(completed_at=last_at, pk__lte=last_pk))
    return _Counted(counted, total // step * step, _stamp(last_at, last_pk), total)


def _stamp(completed_at, pk) -> str:
    return f"{completed_at.timestamp() if completed_at else 0}.{pk}"


def compute_results(survey: Survey, interviews: QuerySet[Interview] | None = None) -> SurveyResults:
    """The aggregates of ``interviews`` (by default every complete interview of the survey)."""
    if interviews is None:
        interviews = Interview.objects.filter(survey=survey, status=InterviewStatus.COMPLETE)
    respondents = _respondents(interviews)
    threshold = survey.threshold_applied
    total = len(respondents)
    if total < threshold:
        return SurveyResults(survey_id=survey.pk, threshold=threshold, respondents=total, enough=False)
    measures = network.network_measures(
        network.respondent_network((n, [*r.places, *r.groups]) for n, r in enumerate(respondents))
    )
    places, places_hidden = _places(respondents, survey, measures, threshold)
    groups, groups_hidden = _groups(respondents, measures, threshold)
    typed = sum(1 for r in respondents if any(p.startswith("typed:") for p in r.places))
    by_places = Counter(_place_group(r) for r in respondents)
    isolation = suppression.suppress_partition(
        {g: by_places.get(g, 0) for g in PLACE_GROUPS}, threshold=threshold
    )
    isolated = None
    if suppression.subtotal_shown(isolation, {"0", "1"}):
        few = sum(1 for r in respondents if _place_group(r) in ("0", "1"))
        isolated = _percent(few, total)
    ties = sum(r.bridging_tie for r in respondents)
    ties_shown = suppression.count_shown(ties, total=total, threshold=threshold)
    wellbeing_rows, wellbeing_all = _wellbeing(respondents, isolation, threshold)
    return SurveyResults(
        survey_id=survey.pk,
        threshold=threshold,
        respondents=total,
        enough=True,
        places=places,
        places_not_shown=places_hidden,
        typed_place_respondents=typed
        if suppression.count_shown(typed, total=total, threshold=threshold)
        else None,
        groups=groups,
        groups_not_shown=groups_hidden,
        network_exact=measures.exact,
        network_sources=measures.sources,
        isolation_share=isolated,
        bridging_ties=ties if ties_shown else None,
        bridging_ties_share=_percent(ties, total) if ties_shown else None,
        wellbeing=wellbeing_rows,
        wellbeing_all=wellbeing_all,
        profiles=_profiles(respondents, survey, threshold),
    )


# --- reading the interviews ----------------------------------------------------------------


def _respondents(interviews: QuerySet[Interview]) -> list[_Respondent]:
    rows = interviews.values_list("pk", "age_band", "bands", "answers", *ONS4)
    by_pk: dict[int, _Respondent] = {}
    for pk, age_band, bands, answers, *ons4 in rows.iterator(chunk_size=2000):
        answers = answers if isinstance(answers, dict) else {}
        respondent = by_pk[pk] = _Respondent(
            age_band=age_band or "", bands=bands if isinstance(bands, dict) else {}
        )
        for group in answers.get("groups") or ():
            name = " ".join(str(group.get("name", "")).split()) if isinstance(group, dict) else ""
            if name:
                respondent.groups.setdefault(f"group:{name.casefold()}", name)
        respondent.bridging_tie = any(
            isinstance(person, dict)
            and isinstance(person.get("like_me"), dict)
            and "unlike" in person["like_me"].values()
            for person in answers.get("people") or ()
        )
        respondent.ons4 = tuple(ons4) if all(v is not None for v in ons4) else None
    places = InterviewPlace.objects.filter(interview__in=interviews.values("pk")).values_list(
        "interview_id", "space_id", "typed_name"
    )
    for interview_id, space_id, typed_name in places.iterator(chunk_size=5000):
        if space_id:
            by_pk[interview_id].places.add(f"space:{space_id}")
        elif typed_name.strip():
            by_pk[interview_id].places.add(f"typed:{' '.join(typed_name.split()).casefold()}")
    return list(by_pk.values())


def _place_group(respondent: _Respondent) -> str:
    n = len(respondent.places)
    return "3+" if n >= 3 else str(n)


def _places_label(group: str) -> str:
    return {"0": "No place", "1": "One place", "2": "Two places", "3+": "Three or more places"}[group]


def _percent(part: int, whole: int) -> float:
    return round(100 * part / whole, 1)


# --- places and groups ---------------------------------------------------------------------


def _places(respondents, survey, measures, threshold) -> tuple[list[PlaceResult], int]:
    members: dict[str, list[_Respondent]] = defaultdict(list)
    for respondent in respondents:
        for place in respondent.places:
            if place.startswith("space:"):
                members[place].append(respondent)
    shown, hidden = [], 0
    kinds = ["age", *(survey.bands or ())]
    for place, people in members.items():
        if not suppression.count_shown(len(people), total=len(respondents), threshold=threshold):
            hidden += 1
            continue
        centrality = measures.nodes[place]
        shown.append(
            PlaceResult(
                key=place,
                space_id=int(place.removeprefix("space:")),
                respondents=len(people),
                age_bands=len({r.age_band for r in people if r.age_band and r.age_band != PREFER_NOT}),
                bridging=bridging_score(people, kinds),
                degree=centrality.degree,
                betweenness=centrality.betweenness,
            )
        )
    shown.sort(key=lambda p: (-p.respondents, -(p.bridging or 0), p.space_id))
    return shown, hidden


def _groups(respondents, measures, threshold) -> tuple[list[GroupResult], int]:
    members: dict[str, Counter] = defaultdict(Counter)
    for respondent in respondents:
        for key, name in respondent.groups.items():
            members[key][name] += 1
    shown, hidden = [], 0
    for key, spellings in members.items():
        count = sum(spellings.values())
        if not suppression.count_shown(count, total=len(respondents), threshold=threshold):
            hidden += 1
            continue
        centrality = measures.nodes[key]
        name = spellings.most_common(1)[0][0]
        shown.append(GroupResult(name, count, centrality.degree, centrality.betweenness))
    shown.sort(key=lambda g: (-g.betweenness, -g.respondents, g.name))
    return shown, hidden


def _band_value(respondent: _Respondent, kind: str) -> str:
    return respondent.age_band if kind == "age" else str(respondent.bands.get(kind, ""))


def _band_options(kind: str) -> list[tuple[str, str]]:
    return AGE_BANDS if kind == "age" else BAND_OPTIONS.get(kind, [])


def diversity(values: list[str], categories: int) -> float | None:
    """Index of qualitative variation: Blau's index 1 − Σp² over ``values``, divided by its
    largest possible value 1 − 1/K for ``categories`` = K bands; None for fewer than 2 values."""
    if len(values) < 2 or categories < 2:
        return None
    shares = [count / len(values) for count in Counter(values).values()]
    return (1 - sum(p * p for p in shares)) / (1 - 1 / categories)


def bridging_score(people: list[_Respondent], kinds: list[str]) -> float | None:
    scores = []
    for kind in kinds:
        offered = [value for value, _label in _band_options(kind) if value != PREFER_NOT]
        values = [v for r in people if (v := _band_value(r, kind)) in offered]
        score = diversity(values, len(offered))
        if score is not None:
            scores.append(score)
    return round(statistics.fmean(scores), 2) if scores else None


# --- tables that add up to the respondents -------------------------------------------------


def _profiles(respondents, survey, threshold) -> list[Profile]:
    profiles = []
    for kind in ["age", *(survey.bands or ())]:
        options = _band_options(kind)
        counts = Counter(_band_value(r, kind) for r in respondents)
        cells = {value: counts.get(value, 0) for value, _label in options}
        unanswered = len(respondents) - sum(cells.values())
        if unanswered:
            cells[""] = unanswered
        safe = suppression.suppress_partition(cells, threshold=threshold)
        labels = {**dict(options), "": "Not answered"}
        profiles.append(
            Profile(
                kind=kind,
                label="Age band" if kind == "age" else band_label(kind),
                special=kind != "age" and is_special(kind),
                rows=[ProfileRow(str(labels[value]), safe[value]) for value in cells],
            )
        )
    return profiles


def _wellbeing(respondents, isolation: dict, threshold) -> tuple[list[WellbeingRow], WellbeingRow | None]:
    """Means by number of places, over those who answered all four questions. A group's means
    are shown where its count is, and neither the answerers nor the others in it (who chose not
    to answer) are a small group; their count is not published (it and the group's count would
    give the others by subtraction)."""
    rows = []
    for group in PLACE_GROUPS:
        people = [r for r in respondents if _place_group(r) == group]
        means = _safe_means(people, threshold) if isolation[group] is not None else None
        rows.append(WellbeingRow(_places_label(group), isolation[group], means))
    everyone = _safe_means(respondents, threshold)
    return rows, (WellbeingRow("All respondents", len(respondents), everyone) if everyone else None)


def _safe_means(people: list[_Respondent], threshold: int) -> dict[str, float] | None:
    answered = [r for r in people if r.ons4]
    if not answered or not suppression.count_shown(len(answered), total=len(people), threshold=threshold):
        return None
    if suppression.is_small(len(people), threshold):
        return None
    return _means(answered)


def _means(people: list[_Respondent]) -> dict[str, float]:
    return {name: round(statistics.fmean(r.ons4[i] for r in people), 1) for i, name in enumerate(ONS4)}


# --- the registry's side, read afresh --------------------------------------------------------


def _with_registry_names(results: SurveyResults) -> SurveyResults:
    ids = [p.space_id for p in results.places]
    if not ids:
        return results
    spaces = {a.pk: a for a in public_assets().filter(pk__in=ids).only("pk", "name", "slug")}
    places = [
        replace(p, name=spaces[p.space_id].name, url=spaces[p.space_id].get_absolute_url())
        for p in results.places
        if p.space_id in spaces
    ]
    return replace(results, places=places, places_not_shown=results.places_not_shown + len(ids) - len(places))
