"""Measures computed from the registry for a coalition's areas, as at the end of a month.

Each measure's definition (numerator, denominator, what counts, and the approximations a past
month needs) lives here, next to the code that computes it, and the pages show the same words.

The registry keeps dates for when a space was published, when it was last changed and when it was
last confirmed, but not a history of every change, so a past month is rebuilt from those dates:

* a space counts from the moment it was first published (``first_published_at``; imports set it
  to the day of the import, so a place's history starts when its spaces were imported);
* a space unpublished or merged since is left out of every month (unpublishing is not dated);
* closing is not dated: a space reported closed counts as closed from its last change
  (``updated_at``) on and as open before it;
* third-space types and the area a space lies in are today's (``atlas.AreaAsset`` links the
  current placement); populations are the atlas's current figures;
* only the latest confirmation is kept, so earlier months may count fewer confirmed spaces than
  there were.

"Open" and "third space" are the atlas's own rules (``atlas.services.LocatedAsset.flags``): open
means not reported closed (temporarily closed spaces still count), and a third space is an open
space with at least one third-space type (identity, activity or purpose).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from django.utils import timezone

from assets_registry.models import Asset
from assets_registry.taxonomy import THIRD_SPACE_TYPES
from atlas import rules
from atlas.models import Area
from coalitions.models import Direction, RegistryMetric

CONFIRMED_WITHIN_DAYS = 365
RESIDENT_SOURCE = "resident"  # data_source of spaces added through the public form
# The third-space types that bring people together across difference: all three. People meet
# across income, age and background through a shared identity (faith, heritage), activity or
# purpose; the atlas's sparse-relative-to-need rule counts the same spaces (atlas/rules.py).
BRIDGING_TYPES = tuple(THIRD_SPACE_TYPES.values)
BRIDGING_MASK = THIRD_SPACE_TYPES.mask(BRIDGING_TYPES)
_TYPE_WORDS = [THIRD_SPACE_TYPES.label_for(v).lower() for v in BRIDGING_TYPES]
_BRIDGING_WORDS = ", ".join(_TYPE_WORDS[:-1]) + " or " + _TYPE_WORDS[-1]  # "identity, activity or purpose"

HISTORY_NOTE = (
    "Past months are rebuilt from the registry's dates: a space counts from when it was first "
    "published (imports count from the day of the import); spaces unpublished since are left out; "
    "a space reported closed counts as closed from its last change on; third-space types, areas "
    "and populations are today's."
)


@dataclass(frozen=True)
class MetricDefinition:
    metric: RegistryMetric
    unit: str
    numerator: str
    denominator: str
    approximation: str = HISTORY_NOTE
    direction: str = Direction.HIGHER_IS_BETTER

    @property
    def name(self) -> str:
        return self.metric.label

    @property
    def text(self) -> str:
        """The whole definition in plain words, as the pages and downloads show it."""
        counted = f"Counts {self.numerator}" + (f", {self.denominator}" if self.denominator else "")
        source = "Source: the registry's published spaces in the place's areas."
        return f"{counted}. {self.approximation} {source}"


DEFINITIONS: dict[str, MetricDefinition] = {
    RegistryMetric.THIRD_SPACES_PER_10K: MetricDefinition(
        metric=RegistryMetric.THIRD_SPACES_PER_10K,
        unit="per 10,000 residents",
        numerator=(
            "open third spaces at the end of the month: published spaces not reported closed, with "
            f"at least one third-space type ({_BRIDGING_WORDS})"
        ),
        denominator=(
            "per 10,000 residents of the place's areas (the atlas's population; when any area's "
            "population is unknown there is no value, never 0)"
        ),
    ),
    RegistryMetric.BRIDGING_SHARE: MetricDefinition(
        metric=RegistryMetric.BRIDGING_SHARE,
        unit="%",
        numerator=(
            f"open spaces where people meet through a shared {_BRIDGING_WORDS} (any third-space type, "
            "the atlas's third spaces)"
        ),
        denominator="as a percentage of all open spaces at the end of the month",
    ),
    RegistryMetric.CONFIRMED_SHARE: MetricDefinition(
        metric=RegistryMetric.CONFIRMED_SHARE,
        unit="%",
        numerator=(
            f"open spaces whose details were confirmed in the {CONFIRMED_WITHIN_DAYS} days up to the "
            "end of the month"
        ),
        denominator="as a percentage of all open spaces at the end of the month",
        approximation=HISTORY_NOTE
        + " Only each space's latest confirmation is kept, so earlier months may count fewer "
        "confirmed spaces than there were.",
    ),
    RegistryMetric.RESIDENT_ADDED: MetricDefinition(
        metric=RegistryMetric.RESIDENT_ADDED,
        unit="spaces",
        numerator=(
            "published spaces that residents added through the registry's form and a moderator "
            "approved, open or closed, in all up to the end of the month"
        ),
        denominator="",
    ),
}


@dataclass(frozen=True)
class MetricValue:
    metric: str
    value: float | None
    numerator: int
    denominator: int | None
    missing: str = ""  # why value is None, in plain words


class SpaceFacts(NamedTuple):
    """What the measures read of one space (plain tuples: no model instances for thousands)."""

    published: dt.datetime
    status: str
    updated: dt.datetime
    third_space_mask: int
    last_verified: dt.date | None
    data_source: str


def first_of_month(day: dt.date) -> dt.date:
    return day.replace(day=1)


def next_month(month: dt.date) -> dt.date:
    return (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def month_just_ended(today: dt.date | None = None) -> dt.date:
    today = today or timezone.localdate()
    return first_of_month(first_of_month(today) - dt.timedelta(days=1))


def months_between(first: dt.date, last: dt.date) -> list[dt.date]:
    """The first days of every month from ``first``'s to ``last``'s, both included."""
    months, month = [], first_of_month(first)
    while month <= last:
        months.append(month)
        month = next_month(month)
    return months


def month_end(month: dt.date) -> dt.datetime:
    """The first instant after the month (in the site's time zone): "as at the end of the month"
    means strictly before this."""
    return timezone.make_aware(dt.datetime.combine(next_month(first_of_month(month)), dt.time.min))


def space_facts(area_ids: Sequence[int]) -> list[SpaceFacts]:
    """The published spaces in any of the areas, each once (areas of a place may overlap)."""
    rows = (
        Asset.objects.filter(live=True, atlas_links__area_id__in=list(area_ids))
        .values_list(
            "pk",
            "first_published_at",
            "created_at",
            "status",
            "updated_at",
            "third_space_mask",
            "last_verified",
            "data_source",
        )
        .order_by()
        .distinct()
    )
    return [
        SpaceFacts(published or created, status, updated, mask, verified, source)
        for _pk, published, created, status, updated, mask, verified, source in rows
    ]


def population_of(area_ids: Sequence[int]) -> tuple[int | None, str]:
    """(the areas' summed population, why it is unknown): None unless every area's is known."""
    rows = list(Area.objects.filter(pk__in=list(area_ids)).values_list("name", "population"))
    unknown = sorted(name for name, population in rows if not population)
    if not rows:
        return None, "The place has no areas, so there is no population to divide by."
    if unknown:
        return None, (
            f"The population of {', '.join(unknown)} is not known, so no rate per 10,000 residents "
            "can be given."
        )
    return sum(population for _name, population in rows), ""


def _is_open(space: SpaceFacts, end: dt.datetime) -> bool:
    return space.status != "closed" or space.updated >= end


def compute(
    facts: Iterable[SpaceFacts], month: dt.date, *, population: int | None, population_missing: str = ""
) -> dict[str, MetricValue]:
    """Every registry measure as at the end of ``month`` from the place's spaces."""
    end = month_end(month)
    last_day = (end - dt.timedelta(days=1)).date()
    confirmed_since = last_day - dt.timedelta(days=CONFIRMED_WITHIN_DAYS)
    published = [s for s in facts if s.published < end]
    open_spaces = [s for s in published if _is_open(s, end)]
    third = sum(1 for s in open_spaces if s.third_space_mask & BRIDGING_MASK)
    confirmed = sum(
        1 for s in open_spaces if s.last_verified and confirmed_since <= s.last_verified <= last_day
    )
    residents = sum(1 for s in published if s.data_source == RESIDENT_SOURCE)
    n_open = len(open_spaces)
    none_open = "No open spaces are recorded in the place at the end of this month."

    def share(numerator: int, metric: str) -> MetricValue:
        if not n_open:
            return MetricValue(metric, None, numerator, 0, none_open)
        return MetricValue(metric, 100 * numerator / n_open, numerator, n_open)

    density = rules.per_10k(third, population)
    return {
        RegistryMetric.THIRD_SPACES_PER_10K: MetricValue(
            RegistryMetric.THIRD_SPACES_PER_10K,
            density,
            third,
            population,
            "" if density is not None else population_missing or "The population is not known.",
        ),
        RegistryMetric.BRIDGING_SHARE: share(third, RegistryMetric.BRIDGING_SHARE),
        RegistryMetric.CONFIRMED_SHARE: share(confirmed, RegistryMetric.CONFIRMED_SHARE),
        RegistryMetric.RESIDENT_ADDED: MetricValue(RegistryMetric.RESIDENT_ADDED, residents, residents, None),
    }


def compute_for_areas(area_ids: Sequence[int], month: dt.date) -> dict[str, MetricValue]:
    population, missing = population_of(area_ids)
    return compute(space_facts(area_ids), month, population=population, population_missing=missing)
