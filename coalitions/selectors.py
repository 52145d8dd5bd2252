"""What the coalition pages show (reads only; docs/impact.md "Measures and their definitions").

Every selector runs a bounded number of queries whatever the number of measures and
observations: measures, their live observations, snapshots, atlas values and initiatives are
each read once per call and grouped in Python.

Only live measures and live observations are public: a draft, or a change waiting for a
steward, never reaches these results. A live object's public fields are the ones on its row
(Wagtail writes a draft's changes to a revision, not to the row, until it is published).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import F, Prefetch, Window
from django.db.models.functions import RowNumber

from coalitions import comparators as comparing
from coalitions import readings, registry_measures
from coalitions.comparators import ComparatorContext, Comparators
from coalitions.models import Coalition, Initiative, Measure, MeasureKind, Observation, RegistrySnapshot


@dataclass(frozen=True)
class Point:
    """One value of a measure: an observation, a monthly snapshot or an atlas release."""

    date: dt.date
    value: float
    note: str = ""
    evidence_url: str = ""  # a link, or the evidence document's URL
    evidence_title: str = ""  # the document's title ("" for a plain link)


@dataclass
class MeasureSeries:
    """A measure as the pages show it: its points, baseline, target, reading and comparators."""

    measure_id: int
    coalition_id: int
    name: str
    kind: str  # MeasureKind value: "atlas", "registry" or "recorded"
    kind_label: str
    definition: str  # plain words: what is counted, how, from which source
    unit: str
    direction: str  # "higher", "lower" or "neutral" (an atlas measure without a better end)
    direction_label: str
    points: list[Point]  # oldest first
    baseline: Point | None
    target: Point | None
    reading: str  # the one line: "Up 12% since the baseline (March 2025); 40% of the way…"
    comparators: Comparators
    source: str = ""  # for atlas measures: "Social Capital Atlas (Chetty et al.), July 2022"
    unavailable: str = ""  # why there is no value at all, in plain words ("" when there is one)
    headline: bool = False
    registry_metric: str = ""
    indicator_slug: str = ""

    @property
    def latest(self) -> Point | None:
        return self.points[-1] if self.points else None


@dataclass(frozen=True)
class InitiativeSummary:
    name: str
    summary: str
    status: str
    status_label: str
    progress: int
    starts: dt.date | None
    ends: dt.date | None
    lead_organisation: str
    measure_ids: list[int]
    measure_names: list[str]
    spaces: list  # assets_registry.Asset (live ones only): name + get_absolute_url()
    toolkits: list  # toolkits.ToolkitPage (live ones only)
    case_study: object | None  # toolkits.CaseStudyPage (live) or None


@dataclass
class CoalitionPage:
    coalition: Coalition
    place_name: str
    area_names: list[str]
    organisations: list  # MemberOrganisation rows, in their order
    measures: list[MeasureSeries]
    initiatives: list[InitiativeSummary]
    illustrative: bool

    @property
    def headline(self) -> MeasureSeries | None:
        return next((m for m in self.measures if m.headline), self.measures[0] if self.measures else None)


@dataclass(frozen=True)
class CoalitionCard:
    """A line of the landing page: a coalition and its headline measure."""

    coalition: Coalition
    place_name: str
    headline: MeasureSeries | None
    measure_count: int
    organisation_count: int
    illustrative: bool


@dataclass
class SharedRow:
    coalition: Coalition
    series: MeasureSeries
    toolkits: list  # toolkits used by this coalition's initiatives that aim at this measure


@dataclass
class SharedMeasure:
    """One measure two or more coalitions follow, with each coalition's series."""

    key: str  # "atlas:<indicator slug>", "registry:<metric>" or "recorded:<lower-case name>"
    name: str
    kind: str
    like_for_like: bool
    note: str  # why it may not be like-for-like ("" when it is)
    rows: list[SharedRow] = field(default_factory=list)


def public_coalitions() -> list[CoalitionCard]:
    """Every coalition with its headline measure (the first marked headline, else its first)."""
    coalitions = list(Coalition.objects.select_related("area", "pilot_place").order_by("name"))
    measures = _live_measures(coalitions)
    counts = _organisation_counts(coalitions)
    headlines = {}
    for measure in measures:
        current = headlines.get(measure.coalition_id)
        if current is None or (measure.headline and not current.headline):
            headlines[measure.coalition_id] = measure
    series = {
        s.coalition_id: s
        for s in _series(coalitions, list(headlines.values()), ComparatorContext(coalitions))
    }
    per_coalition = defaultdict(int)
    for measure in measures:
        per_coalition[measure.coalition_id] += 1
    return [
        CoalitionCard(
            coalition=c,
            place_name=c.place_name,
            headline=series.get(c.pk),
            measure_count=per_coalition[c.pk],
            organisation_count=counts.get(c.pk, 0),
            illustrative=c.illustrative,
        )
        for c in coalitions
    ]


def coalition_page(slug: str) -> CoalitionPage | None:
    """The public coalition (None when there is none by that slug): live measures with their live
    observations, atlas values and registry snapshots, comparators and readings; initiatives."""
    coalition = (
        Coalition.objects.select_related("area", "pilot_place")
        .prefetch_related("organisations")
        .filter(slug=slug)
        .first()
    )
    if coalition is None:
        return None
    context = ComparatorContext()
    measures = measure_series(coalition, context=context)
    area_names = sorted(a.name for a in context.areas(coalition))
    return CoalitionPage(
        coalition=coalition,
        place_name=coalition.place_name,
        area_names=area_names,
        organisations=list(coalition.organisations.all()),
        measures=measures,
        initiatives=_initiatives(coalition, {m.measure_id: m.name for m in measures}),
        illustrative=coalition.illustrative,
    )


def measure_series(
    coalition: Coalition, *, measures=None, context: ComparatorContext | None = None
) -> list[MeasureSeries]:
    """The series of a coalition's live measures (or of ``measures``, already filtered to live)."""
    if measures is None:
        measures = _live_measures([coalition])
    return _series([coalition], list(measures), context or ComparatorContext())


def shared_measures_across_coalitions() -> list[SharedMeasure]:
    """Measures two or more coalitions follow: the same atlas indicator, the same registry measure,
    or recorded measures with the same name (possibly not like-for-like: each coalition defines
    its own). Each row carries the toolkits that coalition's initiatives aimed at it used."""
    coalitions = list(Coalition.objects.select_related("area", "pilot_place").order_by("name"))
    measures = _live_measures(coalitions)
    groups = defaultdict(list)
    for measure in measures:
        groups[shared_key(measure)].append(measure)
    shared = {key: group for key, group in groups.items() if len({m.coalition_id for m in group}) > 1}
    wanted = [m for group in shared.values() for m in group]
    series = {s.measure_id: s for s in _series(coalitions, wanted, ComparatorContext(coalitions))}
    toolkits = _toolkits_by_measure([m.pk for m in wanted])
    by_id = {c.pk: c for c in coalitions}
    result = []
    for key, group in shared.items():
        first = group[0]
        note, like = "", True
        if first.kind == MeasureKind.RECORDED:
            definitions = {_normalised(m.definition) + "|" + _normalised(m.unit) for m in group}
            like = len(definitions) == 1
            note = (
                ""
                if like
                else "Each coalition records this measure to its own definition, so the values may not "
                "compare like-for-like: read each definition."
            )
        elif (
            first.kind == MeasureKind.ATLAS
            and len({by_id[m.coalition_id].pilot_place_id is None for m in group}) > 1
        ):
            like = False
            note = "Some places are one area and some several combined."
        result.append(
            SharedMeasure(
                key=key,
                name=series[first.pk].name,
                kind=first.kind,
                like_for_like=like,
                note=note,
                rows=[
                    SharedRow(by_id[m.coalition_id], series[m.pk], toolkits.get(m.pk, []))
                    for m in sorted(group, key=lambda m: by_id[m.coalition_id].name)
                ],
            )
        )
    return sorted(result, key=lambda s: (-len(s.rows), s.name.lower()))


def shared_key(measure: Measure) -> str:
    if measure.kind == MeasureKind.ATLAS:
        return f"atlas:{measure.indicator_id}"
    if measure.kind == MeasureKind.REGISTRY:
        return f"registry:{measure.registry_metric}"
    return f"recorded:{_normalised(measure.name)}"


# --- building the series ---------------------------------------------------------------------


def _normalised(text: str) -> str:
    return " ".join(text.lower().split())


def _live_measures(coalitions: list[Coalition]) -> list[Measure]:
    return list(
        Measure.objects.filter(coalition__in=coalitions, live=True)
        .select_related("indicator")
        .order_by("coalition_id", "sort_order", "name")
    )


def _organisation_counts(coalitions: list[Coalition]) -> dict[int, int]:
    from django.db.models import Count

    from coalitions.models import MemberOrganisation

    return dict(
        MemberOrganisation.objects.filter(coalition__in=coalitions)
        .values_list("coalition_id")
        .annotate(n=Count("pk"))
        .order_by()
    )


def _observation_points(measure_ids: list[int], *, latest_only: bool = False) -> dict[int, list[Point]]:
    """{measure id: its live observations as points, oldest first} (or only the latest of each),
    read as plain rows: a page of 50 measures × 120 observations builds no model instances."""
    from wagtail.documents import get_document_model

    points = defaultdict(list)
    rows = Observation.objects.filter(measure_id__in=measure_ids, live=True)
    if latest_only:
        # One pass with a window function (a correlated subquery per row is far slower on SQLite).
        newest = Window(
            RowNumber(), partition_by=[F("measure_id")], order_by=[F("date").desc(), F("pk").desc()]
        )
        rows = rows.annotate(newest=newest).filter(newest=1)
    rows = list(
        rows.order_by("measure_id", "date", "pk").values_list(
            "measure_id", "date", "value", "note", "evidence_url", "evidence_document_id"
        )
    )
    document_ids = {row[5] for row in rows if row[5]}
    documents = get_document_model().objects.in_bulk(document_ids) if document_ids else {}
    for measure_id, date, value, note, link, document_id in rows:
        document = documents.get(document_id)
        points[measure_id].append(
            Point(
                date=date,
                value=value,
                note=note,
                evidence_url=document.url if document else link,
                evidence_title=document.title if document else "",
            )
        )
    return points


def _snapshot_points(coalition_ids: list[int], metrics: set[str]) -> dict[tuple[int, str], list[Point]]:
    points = defaultdict(list)
    if not metrics:
        return points
    rows = RegistrySnapshot.objects.filter(coalition_id__in=coalition_ids, metric__in=metrics).order_by(
        "coalition_id", "metric", "month"
    )
    for coalition_id, metric, month, value in rows.values_list("coalition_id", "metric", "month", "value"):
        if value is not None:
            points[(coalition_id, metric)].append(
                Point(date=month, value=value, note="As at the end of the month.")
            )
    return points


MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}


def vintage_date(vintage: str) -> dt.date | None:
    """The date an atlas release describes, from its vintage ("July 2022 (…)" → 1 July 2022;
    "2025 (…)" → 1 January 2025)."""
    match = re.match(r"\s*(?:([A-Za-z]+)\s+)?(\d{4})", vintage or "")
    if not match:
        return None
    month = MONTHS.get((match.group(1) or "").lower(), 1)
    return dt.date(int(match.group(2)), month, 1)


def _recorded_peers(measures: list[Measure], context: ComparatorContext) -> dict[int, dict[int, tuple]]:
    """{measure id: {other coalition id: (its measure of the same name, its latest live point)}}."""
    recorded = [m for m in measures if m.kind == MeasureKind.RECORDED]
    if not recorded:
        return {}
    names = {_normalised(m.name) for m in recorded}
    pilots = [c.pk for c in context.pilot_coalitions]
    candidates = [
        m
        for m in Measure.objects.filter(coalition_id__in=pilots, kind=MeasureKind.RECORDED, live=True)
        if _normalised(m.name) in names
    ]
    latest = {}
    for measure_id, point_list in _observation_points([m.pk for m in candidates], latest_only=True).items():
        latest[measure_id] = point_list[-1]
    by_name = defaultdict(dict)
    for m in candidates:
        by_name[_normalised(m.name)][m.coalition_id] = (m, latest.get(m.pk))
    return {m.pk: by_name.get(_normalised(m.name), {}) for m in recorded}


def _direction(measure: Measure) -> tuple[str, str]:
    if measure.kind == MeasureKind.ATLAS and measure.indicator:
        value = {"higher_is_better": readings.HIGHER, "lower_is_better": readings.LOWER}.get(
            measure.indicator.direction, readings.NEUTRAL
        )
        return value, measure.indicator.get_direction_display()
    return measure.direction, measure.get_direction_display()


def _series(
    coalitions: list[Coalition], measures: list[Measure], context: ComparatorContext
) -> list[MeasureSeries]:
    """Build every measure's series with a fixed number of queries for the whole list."""
    by_id = {c.pk: c for c in coalitions}
    observations = _observation_points([m.pk for m in measures if m.kind == MeasureKind.RECORDED])
    snapshots = _snapshot_points(
        list(by_id), {m.registry_metric for m in measures if m.kind == MeasureKind.REGISTRY}
    )
    context.load_atlas_values(
        {m.indicator_id for m in measures if m.kind == MeasureKind.ATLAS and m.indicator_id}
    )
    peers = _recorded_peers(measures, context)
    result = []
    for measure in measures:
        coalition = by_id[measure.coalition_id]
        direction, direction_label = _direction(measure)
        unit, definition, source, unavailable = measure.unit, measure.definition, "", ""
        kept = Comparators()
        source_year = None
        if measure.kind == MeasureKind.ATLAS and measure.indicator:
            indicator = measure.indicator
            unit = unit or indicator.unit
            definition = definition or indicator.description
            source = f"{indicator.source}, {indicator.vintage}"
            combined = context.atlas_place_value(coalition, indicator.pk)
            when = vintage_date(indicator.vintage)
            if combined is not None and when:
                points = [
                    Point(date=when, value=combined.value, note=f"{indicator.source}, {indicator.vintage}")
                ]
                source_year = when.year
            else:
                points = []
                unavailable = f"The atlas publishes no {indicator.name} value for {coalition.place_name}."
            kept.national = comparing.atlas_national(context, coalition, measure)
        elif measure.kind == MeasureKind.REGISTRY:
            spec = registry_measures.DEFINITIONS.get(measure.registry_metric)
            definition = spec.text if spec else definition
            unit = unit or (spec.unit if spec else "")
            source = "The registry's published spaces, computed monthly"
            points = snapshots.get((coalition.pk, measure.registry_metric), [])
            if not points:
                today = context.place_today(coalition).get(measure.registry_metric)
                unavailable = (
                    today.missing
                    if today and today.value is None
                    else "Not computed yet: the first monthly value is taken at the start of next month."
                )
            kept.national = comparing.registry_national(context, coalition, measure.registry_metric)
        else:
            points = observations.get(measure.pk, [])
        kept.pilots = comparing.pilots(context, coalition, measure, recorded_peers=peers.get(measure.pk))
        kept.baseline, kept.target = comparing.own(measure, latest_source_year=source_year)
        baseline = (
            Point(measure.baseline_date, measure.baseline_value, note="Baseline")
            if measure.baseline_value is not None
            else None
        )
        target = (
            Point(measure.target_date, measure.target_value, note="Target")
            if measure.target_value is not None
            else None
        )
        latest = points[-1] if points else None
        result.append(
            MeasureSeries(
                measure_id=measure.pk,
                coalition_id=coalition.pk,
                name=measure.name,
                kind=measure.kind,
                kind_label=measure.get_kind_display(),
                definition=definition,
                unit=unit,
                direction=direction,
                direction_label=direction_label,
                points=points,
                baseline=baseline,
                target=target,
                reading=unavailable
                or readings.reading(
                    baseline=baseline, latest=latest, target=target, unit=unit, direction=direction
                ),
                comparators=kept,
                source=source,
                unavailable=unavailable,
                headline=measure.headline,
                registry_metric=measure.registry_metric,
                indicator_slug=measure.indicator.slug if measure.indicator_id else "",
            )
        )
    return result


def _toolkits_by_measure(measure_ids: list[int]) -> dict[int, list]:
    """{measure id: live toolkits used by initiatives aimed at it}, in two queries."""
    from toolkits.models import ToolkitPage

    result = defaultdict(list)
    initiatives = (
        Initiative.objects.filter(measures__in=measure_ids)
        .distinct()
        .prefetch_related(
            Prefetch("toolkits", queryset=ToolkitPage.objects.live().order_by("title")),
            Prefetch("measures", queryset=Measure.objects.only("pk")),
        )
    )
    for initiative in initiatives:
        for measure in initiative.measures.all():
            for toolkit in initiative.toolkits.all():
                if measure.pk in measure_ids and toolkit not in result[measure.pk]:
                    result[measure.pk].append(toolkit)
    return result


def _initiatives(coalition: Coalition, measure_names: dict[int, str]) -> list[InitiativeSummary]:
    from assets_registry.models import Asset
    from toolkits.models import ToolkitPage

    rows = (
        Initiative.objects.filter(coalition=coalition)
        .select_related("lead_organisation", "case_study")
        .prefetch_related(
            Prefetch(
                "spaces", queryset=Asset.objects.filter(live=True).only("pk", "name", "slug").order_by("name")
            ),
            Prefetch("toolkits", queryset=ToolkitPage.objects.live().order_by("title")),
            Prefetch("measures", queryset=Measure.objects.filter(live=True).only("pk")),
        )
    )
    result = []
    for i in rows:
        ids = [m.pk for m in i.measures.all() if m.pk in measure_names]
        case_study = i.case_study if i.case_study and i.case_study.live else None
        result.append(
            InitiativeSummary(
                name=i.name,
                summary=i.summary,
                status=i.status,
                status_label=i.get_status_display(),
                progress=i.progress,
                starts=i.starts,
                ends=i.ends,
                lead_organisation=i.lead_organisation.name if i.lead_organisation else "",
                measure_ids=ids,
                measure_names=[measure_names[pk] for pk in ids],
                spaces=list(i.spaces.all()),
                toolkits=list(i.toolkits.all()),
                case_study=case_study,
            )
        )
    return result
