"""Where a measure stands: against the nation, the other pilot places, its own baseline and target
(docs/impact.md "Comparators").

* **National**: an atlas measure's national percentile comes from the atlas
  (``IndicatorValue.percentile``: share of the country's areas of the same kind with a lower
  value, ties counted half). A registry measure is ranked the same way among every area of the
  same kind, computed from the registry today. A place made of several areas (Essex: fourteen
  local authorities) is combined: atlas values and percentiles are averaged weighted by
  population (unweighted, and said, when a population is unknown) and the range of its areas'
  own percentiles is given; a registry measure is computed over all its spaces together and
  ranked among single areas, which the note says.
* **Other pilot places**: the same atlas indicator, the same registry measure, or a recorded
  measure with the same name in the other pilot places' coalitions.
* **Baseline and target**: the measure's own.

Each comparator says whether it is like-for-like and, when not, why in plain words. A
``ComparatorContext`` caches what it reads for one request (one selector call).
"""

from __future__ import annotations

import bisect
import datetime as dt
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Count, Q
from django.utils import timezone

from atlas.models import KIND_PLURALS, AreaAsset, IndicatorValue
from coalitions import registry_measures
from coalitions.models import Coalition, MeasureKind, RegistryMetric, RegistrySnapshot

NATIONAL = "national"
PILOT = "pilot"
BASELINE = "baseline"
TARGET = "target"
# Below this share of areas with any space recorded, a registry percentile says more about
# where the registry has been filled in than about the place.
COVERAGE_FOR_LIKE_FOR_LIKE = 0.5


@dataclass(frozen=True)
class Comparator:
    kind: str  # NATIONAL, PILOT, BASELINE or TARGET
    label: str  # "UK local authorities", "Baltimore", "Baseline (March 2025)"
    value: float | None
    like_for_like: bool
    note: str = ""  # plain words, always given when like_for_like is False
    percentile: float | None = None  # NATIONAL: share of areas of the same kind below (0-100)
    band: tuple[float, float] | None = None  # NATIONAL: the middle half of areas (25th-75th)
    url_name: str = ""  # PILOT: the other coalition's slug, for {% url "coalitions:detail" %}


@dataclass
class Comparators:
    national: Comparator | None = None
    pilots: list[Comparator] = field(default_factory=list)
    baseline: Comparator | None = None
    target: Comparator | None = None

    def all(self) -> list[Comparator]:
        own = [c for c in (self.baseline, self.target) if c]
        return ([self.national] if self.national else []) + self.pilots + own


@dataclass(frozen=True)
class PlaceValue:
    """An atlas indicator's value for a coalition's place."""

    value: float
    percentile: float | None
    how: str  # how it was obtained, when not simply the area's own value
    kind: str  # the kind of the areas it comes from
    combined: bool  # several areas averaged


@dataclass(frozen=True)
class AreaFacts:
    pk: int
    name: str
    kind: str
    country: str
    population: int | None
    code: str = ""


def rank(ordered: list[float], value: float) -> float:
    """Percentile rank of ``value`` among ``ordered`` (sorted): share below plus half the share
    equal, the atlas's convention (``atlas.services.percentile_ranks``)."""
    below = bisect.bisect_left(ordered, value)
    not_above = bisect.bisect_right(ordered, value)
    return 100.0 * (below + not_above) / (2 * len(ordered))


def middle_half(ordered: list[float]) -> tuple[float, float] | None:
    """The 25th to the 75th percentile of the values: where the middle half of areas lie."""
    if len(ordered) < 4:
        return None
    quartiles = statistics.quantiles(ordered, n=4)
    return quartiles[0], quartiles[2]


def _ordinal(n: float) -> str:
    n = round(n)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _plural(kind: str) -> str:
    return KIND_PLURALS.get(kind, kind)


class ComparatorContext:
    """What comparators read, once per request: areas, the pilot coalitions, national
    distributions, atlas values and the latest snapshots."""

    def __init__(self, coalitions: list[Coalition] | None = None):
        self._coalitions = coalitions
        self._atlas: dict[tuple[int, str], list[float]] = {}
        self._registry: dict[str, tuple[dict[int, dict[str, float | None]], int]] = {}
        self._place_today: dict[int, dict[str, registry_measures.MetricValue]] = {}
        self._atlas_values: dict[int, dict[int, tuple[float, float | None]]] = {}

    # --- places ------------------------------------------------------------------------------

    @cached_property
    def pilot_coalitions(self) -> list[Coalition]:
        rows = self._coalitions
        if rows is None:
            rows = list(Coalition.objects.select_related("area", "pilot_place"))
        return [c for c in rows if c.pilot_place_id]

    @cached_property
    def _pilot_area_ids(self) -> dict[int, list[int]]:
        from atlas.models import PilotPlace

        through = PilotPlace.areas.through.objects.values_list("pilotplace_id", "area_id")
        result = defaultdict(list)
        for place_id, area_id in through:
            result[place_id].append(area_id)
        return result

    def area_ids(self, coalition: Coalition) -> list[int]:
        if coalition.area_id:
            return [coalition.area_id]
        return sorted(self._pilot_area_ids.get(coalition.pilot_place_id, []))

    def areas(self, coalition: Coalition) -> list[AreaFacts]:
        ids = self.area_ids(coalition)
        return [self._areas[pk] for pk in ids if pk in self._areas]

    @cached_property
    def _areas(self) -> dict[int, AreaFacts]:
        """The coalitions' areas and their twins: areas of another kind with the same code in
        the same country (a London borough is also a local authority, E09000009 both)."""
        from atlas.models import Area

        ids = set(self._pilot_area_ids_flat) | set(self._extra_area_ids)
        fields = ("pk", "name", "kind", "code", "country", "population")
        rows = list(Area.objects.filter(pk__in=ids).values_list(*fields))
        codes = {code for _pk, _n, _k, code, _c, _p in rows}
        rows += Area.objects.filter(code__in=codes).exclude(pk__in=ids).values_list(*fields)
        result = {}
        for pk, name, kind, code, country, population in rows:
            result[pk] = AreaFacts(pk, name, kind, country, population, code)
        return result

    def twins(self, areas: list[AreaFacts]) -> list[AreaFacts]:
        keys = {(a.code, a.country) for a in areas}
        own = {a.pk for a in areas}
        return [a for a in self._areas.values() if (a.code, a.country) in keys and a.pk not in own]

    @property
    def _pilot_area_ids_flat(self) -> list[int]:
        return [pk for ids in self._pilot_area_ids.values() for pk in ids]

    @cached_property
    def _extra_area_ids(self) -> list[int]:
        rows = self._coalitions if self._coalitions is not None else Coalition.objects.all()
        return [c.area_id for c in rows if c.area_id]

    # --- atlas ---------------------------------------------------------------------------------

    def load_atlas_values(self, indicator_ids: set[int]) -> None:
        """Every pilot area's value of these indicators, in one query."""
        wanted = indicator_ids - set(self._atlas_values)
        if not wanted:
            return
        for indicator_id in wanted:
            self._atlas_values[indicator_id] = {}
        rows = IndicatorValue.objects.filter(
            indicator_id__in=wanted, area_id__in=list(self._areas)
        ).values_list("indicator_id", "area_id", "value", "percentile")
        for indicator_id, area_id, value, percentile in rows:
            self._atlas_values[indicator_id][area_id] = (value, percentile)

    def atlas_distribution(self, indicator_id: int, kind: str) -> list[float]:
        key = (indicator_id, kind)
        if key not in self._atlas:
            self._atlas[key] = sorted(
                IndicatorValue.objects.filter(indicator_id=indicator_id, area__kind=kind).values_list(
                    "value", flat=True
                )
            )
        return self._atlas[key]

    def atlas_place_value(self, coalition: Coalition, indicator_id: int) -> PlaceValue | None:
        """The coalition's value of an atlas indicator, from its areas (or their twins, when
        only those have values), or None."""
        self.load_atlas_values({indicator_id})
        values = self._atlas_values[indicator_id]
        areas = [(a, values[a.pk]) for a in self.areas(coalition) if a.pk in values]
        if not areas:
            twins = [(a, values[a.pk]) for a in self.twins(self.areas(coalition)) if a.pk in values]
            return self._combine(twins, twin=True) if twins else None
        return self._combine(areas)

    def _combine(self, areas, *, twin: bool = False) -> PlaceValue:
        kind = areas[0][0].kind
        as_kind = f"its figures are those of the same area as one of the {_plural(kind)}" if twin else ""
        if len(areas) == 1:
            _area, (value, percentile) = areas[0]
            return PlaceValue(value, percentile, as_kind, kind, combined=False)
        weighted = all(a.population for a, _v in areas)
        weights = [a.population if weighted else 1 for a, _v in areas]
        total = sum(weights)
        value = sum(w * v for w, (_a, (v, _p)) in zip(weights, areas, strict=True)) / total
        percentiles = [p for _a, (_v, p) in areas if p is not None]
        percentile = (
            sum(w * p for w, (_a, (_v, p)) in zip(weights, areas, strict=True)) / total
            if len(percentiles) == len(areas)
            else None
        )
        how = (as_kind + "; " if as_kind else "") + (
            f"the population-weighted average of its {len(areas)} areas"
            if weighted
            else f"the plain average of its {len(areas)} areas (not every population is known)"
        )
        if percentiles:
            low, high = _ordinal(min(percentiles)), _ordinal(max(percentiles))
            how += f"; their own percentiles range from the {low} to the {high}"
        return PlaceValue(value, percentile, how, kind, combined=True)

    # --- registry ------------------------------------------------------------------------------

    def registry_by_area(self, kind: str) -> tuple[dict[int, dict[str, float | None]], int]:
        """({area id: {metric: value today}} for every area of a kind, how many have any space),
        from one grouped query over the atlas's links (the same open and third-space flags the
        registry measures use)."""
        if kind in self._registry:
            return self._registry[kind]
        from atlas.models import Area

        today = timezone.localdate()
        since = today - dt.timedelta(days=registry_measures.CONFIRMED_WITHIN_DAYS)
        counts = {
            area_id: (n_open, third, confirmed, residents)
            for area_id, n_open, third, confirmed, residents in AreaAsset.objects.filter(area__kind=kind)
            .values_list("area_id")
            .annotate(
                n_open=Count("pk", filter=Q(is_open=True)),
                third=Count("pk", filter=Q(is_open=True, is_third_space=True)),
                confirmed=Count(
                    "pk",
                    filter=Q(is_open=True, asset__last_verified__gte=since, asset__last_verified__lte=today),
                ),
                residents=Count("pk", filter=Q(asset__data_source=registry_measures.RESIDENT_SOURCE)),
            )
            .order_by()
        }
        result = {}
        for area_id, population in Area.objects.filter(kind=kind).values_list("pk", "population"):
            n_open, third, confirmed, residents = counts.get(area_id, (0, 0, 0, 0))
            result[area_id] = {
                RegistryMetric.THIRD_SPACES_PER_10K: third * 10_000 / population if population else None,
                RegistryMetric.BRIDGING_SHARE: 100 * third / n_open if n_open else None,
                RegistryMetric.CONFIRMED_SHARE: 100 * confirmed / n_open if n_open else None,
                RegistryMetric.RESIDENT_ADDED: float(residents),
            }
        self._registry[kind] = result, len(counts)
        return self._registry[kind]

    def place_today(self, coalition: Coalition) -> dict[str, registry_measures.MetricValue]:
        """The coalition's registry measures today, computed as the snapshots are."""
        if coalition.pk not in self._place_today:
            self._place_today[coalition.pk] = registry_measures.compute_for_areas(
                self.area_ids(coalition), timezone.localdate()
            )
        return self._place_today[coalition.pk]

    @cached_property
    def latest_snapshots(self) -> dict[tuple[int, str], RegistrySnapshot]:
        """{(coalition id, metric): its latest snapshot} for every coalition, in one query."""
        latest = {}
        for snap in RegistrySnapshot.objects.order_by("coalition_id", "metric", "month"):
            latest[(snap.coalition_id, snap.metric)] = snap
        return latest


def _kind_of(areas: list[AreaFacts]) -> str:
    kinds = sorted({a.kind for a in areas})
    return kinds[0] if kinds else ""


def atlas_national(context: ComparatorContext, coalition: Coalition, measure) -> Comparator | None:
    areas = context.areas(coalition)
    combined = context.atlas_place_value(coalition, measure.indicator_id)
    if combined is None or not areas:
        return None
    ordered = context.atlas_distribution(measure.indicator_id, combined.kind)
    return Comparator(
        kind=NATIONAL,
        label=f"All {_plural(combined.kind)}",
        value=combined.value,
        percentile=combined.percentile,
        band=middle_half(ordered),
        like_for_like=not combined.combined,
        note=f"{coalition.place_name}: {combined.how}." if combined.how else "",
    )


def registry_national(context: ComparatorContext, coalition: Coalition, metric: str) -> Comparator | None:
    areas = context.areas(coalition)
    if not areas:
        return None
    kind = _kind_of(areas)
    by_area, with_spaces = context.registry_by_area(kind)
    ordered = sorted(v[metric] for v in by_area.values() if v[metric] is not None)
    if not ordered:
        return None
    place = context.place_today(coalition)[metric]
    if place.value is None:
        return Comparator(
            kind=NATIONAL, label=f"All {_plural(kind)}", value=None, like_for_like=False, note=place.missing
        )
    notes, like = [], True
    if len(areas) > 1:
        like = False
        notes.append(
            f"{coalition.place_name} is {len(areas)} {_plural(kind)} together, ranked among single ones."
        )
    if with_spaces < COVERAGE_FOR_LIKE_FOR_LIKE * len(by_area):
        like = False
        notes.append(
            f"The registry has spaces in only {with_spaces:,} of the {len(by_area):,} {_plural(kind)} "
            "so far, so this ranks the place against areas not yet mapped as much as against other places."
        )
    if metric == RegistryMetric.RESIDENT_ADDED:
        like = False
        notes.append("A count, not a rate: larger places tend to have more.")
    return Comparator(
        kind=NATIONAL,
        label=f"All {_plural(kind)}",
        value=place.value,
        percentile=rank(ordered, place.value),
        band=middle_half(ordered),
        like_for_like=like,
        note=" ".join(notes),
    )


def _same_recorded(measure, other) -> bool:
    return " ".join(measure.definition.lower().split()) == " ".join(other.definition.lower().split()) and (
        measure.unit.strip().lower() == other.unit.strip().lower()
    )


def pilots(
    context: ComparatorContext, coalition: Coalition, measure, *, recorded_peers=None
) -> list[Comparator]:
    """The same measure in the other pilot places' coalitions (those with a value)."""
    result = []
    own_areas = context.areas(coalition)
    own_kind, own_country = _kind_of(own_areas), (own_areas[0].country if own_areas else "")
    for other in context.pilot_coalitions:
        if other.pk == coalition.pk:
            continue
        areas = context.areas(other)
        country = areas[0].country if areas else ""
        label = other.place_name
        if measure.kind == MeasureKind.ATLAS:
            combined = context.atlas_place_value(other, measure.indicator_id)
            if combined is None:
                continue
            mine = context.atlas_place_value(coalition, measure.indicator_id)
            mine_kind = mine.kind if mine else own_kind
            notes = []
            if combined.kind != mine_kind:
                notes.append(
                    f"{label} is measured over {_plural(combined.kind)}, here over {_plural(mine_kind)}."
                )
            if combined.combined:
                notes.append(f"{label}: {combined.how}.")
            result.append(
                Comparator(PILOT, label, combined.value, not notes, " ".join(notes), url_name=other.slug)
            )
        elif measure.kind == MeasureKind.REGISTRY:
            snap = context.latest_snapshots.get((other.pk, measure.registry_metric))
            if snap is None or snap.value is None:
                continue
            notes = []
            if country != own_country:
                notes.append(
                    f"{label} is in another country, where the registry's spaces come from other "
                    "sources, so the registry covers it differently."
                )
            own = context.latest_snapshots.get((coalition.pk, measure.registry_metric))
            if own and own.month != snap.month:
                notes.append(
                    f"{label}'s latest value is for {snap.month:%B %Y}, this place's for {own.month:%B %Y}."
                )
            result.append(
                Comparator(PILOT, label, snap.value, not notes, " ".join(notes), url_name=other.slug)
            )
        else:
            peer = (recorded_peers or {}).get(other.pk)
            if peer is None or peer[1] is None:
                continue
            other_measure, latest = peer
            same = _same_recorded(measure, other_measure)
            note = (
                ""
                if same
                else f"{label} records a measure of the same name to its own definition: "
                f"“{other_measure.definition.strip()}”"
                + (f" (unit: {other_measure.unit})" if other_measure.unit else "")
            )
            result.append(Comparator(PILOT, label, latest.value, same, note, url_name=other.slug))
    return result


def own(measure, *, latest_source_year: int | None = None) -> tuple[Comparator | None, Comparator | None]:
    """The measure's baseline and target as comparators."""
    baseline = target = None
    if measure.baseline_value is not None:
        note, like = "", True
        if latest_source_year and measure.baseline_date.year != latest_source_year:
            like = False
            note = (
                f"The baseline is dated {measure.baseline_date.year}; the latest value describes "
                f"{latest_source_year}."
            )
        baseline = Comparator(
            BASELINE, f"Baseline ({measure.baseline_date:%B %Y})", measure.baseline_value, like, note
        )
    if measure.target_value is not None:
        target = Comparator(TARGET, f"Target ({measure.target_date:%B %Y})", measure.target_value, True)
    return baseline, target
