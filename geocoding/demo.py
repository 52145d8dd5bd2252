"""Demo: the offline gazetteer, so postcodes, ZIP codes and places resolve with no network.

All of it by default: every GB postcode loads in well under a minute on SQLite (see
docs/benchmarks.md). Set GAZETTEER_DEMO_AREAS (GSS codes, or "pilot") to load only some areas'
postcodes, as the test settings do to keep the suite quick. A second run skips what is loaded.
"""

from django.conf import settings

from .loaders import PILOT_AREAS, load_gazetteer


def demo_areas() -> list[str]:
    areas = getattr(settings, "GAZETTEER_DEMO_AREAS", "") or ""
    if isinstance(areas, str):
        areas = [a.strip() for a in areas.split(",") if a.strip()]
    if [a.lower() for a in areas] == ["pilot"]:
        return sorted(PILOT_AREAS)
    return list(areas)


def load(*, stdout) -> None:
    areas = demo_areas()
    scope = f"postcodes of {', '.join(areas)}" if areas else "all GB postcodes"
    stdout.write(f"Offline gazetteer ({scope}, districts, US ZIP codes, places)…")
    for report in load_gazetteer(areas=areas):
        if report.skipped:
            stdout.write(f"  {report.source}: already loaded")
        else:
            stdout.write(f"  {report.source}: {report.rows:,} rows in {report.seconds:.1f} s")
