"""Writes the registry measures' monthly snapshots (``RegistrySnapshot``).

Every coalition gets every registry measure each month, whether or not it chose it, so the
comparison with other places always has values. Taking a month again overwrites it with the
same computation (idempotent); history is rebuilt from dates (``registry_measures``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from django.db import transaction
from django.utils import timezone

from coalitions import registry_measures
from coalitions.models import Coalition, RegistrySnapshot

FIELDS = ["value", "numerator", "denominator"]


@transaction.atomic
def take_months(
    coalition: Coalition,
    months: Sequence[dt.date],
    *,
    progress: Callable[[int], object] | None = None,
) -> int:
    """Upsert the coalition's snapshots for ``months``; returns how many rows were written or
    changed. Reads the place's spaces once for all the months."""
    months = sorted({registry_measures.first_of_month(m) for m in months})
    area_ids = coalition.area_ids()
    facts = registry_measures.space_facts(area_ids)
    population, missing = registry_measures.population_of(area_ids)
    existing = {
        (s.metric, s.month): s for s in RegistrySnapshot.objects.filter(coalition=coalition, month__in=months)
    }
    to_create, to_update = [], []
    now = timezone.now()
    for month in months:
        values = registry_measures.compute(facts, month, population=population, population_missing=missing)
        for metric, result in values.items():
            row = existing.get((metric, month))
            new = {"value": result.value, "numerator": result.numerator, "denominator": result.denominator}
            if row is None:
                to_create.append(RegistrySnapshot(coalition=coalition, metric=metric, month=month, **new))
            elif any(getattr(row, name) != new[name] for name in FIELDS):
                for name, value in new.items():
                    setattr(row, name, value)
                row.computed_at = now
                to_update.append(row)
        if progress:
            progress(1)
    RegistrySnapshot.objects.bulk_create(to_create, batch_size=500)
    # computed_at: when the value last changed (bulk_update does not apply auto_now itself).
    RegistrySnapshot.objects.bulk_update(to_update, [*FIELDS, "computed_at"], batch_size=500)
    return len(to_create) + len(to_update)


def take(coalition: Coalition, month: dt.date) -> int:
    """The coalition's registry measures as at the end of ``month`` (any day in it)."""
    return take_months(coalition, [month])


def backfill_start(coalition: Coalition) -> dt.date:
    """The first month worth a snapshot: when the first of the place's spaces was published
    (or the month just ended, when none is)."""
    facts = registry_measures.space_facts(coalition.area_ids())
    if not facts:
        return registry_measures.month_just_ended()
    first = min(f.published for f in facts)
    return registry_measures.first_of_month(timezone.localtime(first).date())


def take_all(month: dt.date | None = None) -> int:
    """Every coalition, for ``month`` (default: the month just ended)."""
    month = month or registry_measures.month_just_ended()
    return sum(take(coalition, month) for coalition in Coalition.objects.all())
