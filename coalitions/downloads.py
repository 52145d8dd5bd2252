"""A coalition's measures as data: ``impact.csv`` (one row per value) and ``impact.json``.

Built from the same public series as the impact page (``selectors.coalition_page``): live
measures and live observations only, never a draft, never who recorded a value. The CSV goes
through the registry's CSV writer, which defuses text a spreadsheet would run as a formula.
"""

from __future__ import annotations

from collections.abc import Iterator

from assets_registry.exporters.csv_export import csv_chunks
from coalitions.selectors import CoalitionPage, MeasureSeries, Point

CSV_COLUMNS = (
    "coalition",
    "place",
    "measure_id",
    "measure",
    "kind",
    "definition",
    "unit",
    "direction",
    "source",
    "baseline_date",
    "baseline_value",
    "target_date",
    "target_value",
    "date",
    "value",
    "note",
    "evidence",
    "reading",
    "illustrative",
)


def _iso(point: Point | None, attr: str):
    if point is None:
        return None
    value = getattr(point, attr)
    return value.isoformat() if attr == "date" else value


def _measure_fields(page: CoalitionPage, series: MeasureSeries) -> dict:
    return {
        "coalition": page.coalition.name,
        "place": page.place_name,
        "measure_id": series.measure_id,
        "measure": series.name,
        "kind": series.kind,
        "definition": series.definition,
        "unit": series.unit,
        "direction": series.direction,
        "source": series.source,
        "baseline_date": _iso(series.baseline, "date"),
        "baseline_value": _iso(series.baseline, "value"),
        "target_date": _iso(series.target, "date"),
        "target_value": _iso(series.target, "value"),
        "reading": series.reading,
        "illustrative": page.illustrative,
    }


def csv_rows(page: CoalitionPage) -> list[dict]:
    """One row per value; a measure with none yet still has a row (its definition and aims)."""
    rows = []
    for series in page.measures:
        fields = _measure_fields(page, series)
        for point in series.points or [None]:
            rows.append(
                {
                    **fields,
                    "date": _iso(point, "date"),
                    "value": _iso(point, "value"),
                    "note": point.note if point else "",
                    "evidence": point.evidence_url if point else "",
                }
            )
    return rows


def impact_csv(page: CoalitionPage) -> Iterator[str]:
    return csv_chunks([csv_rows(page)], columns=CSV_COLUMNS)


def _point(point: Point | None) -> dict | None:
    if point is None:
        return None
    return {"date": point.date.isoformat(), "value": point.value}


def _comparator(comparator) -> dict:
    return {
        "kind": comparator.kind,
        "label": comparator.label,
        "value": comparator.value,
        "percentile": comparator.percentile,
        "band": list(comparator.band) if comparator.band else None,
        "like_for_like": comparator.like_for_like,
        "note": comparator.note,
    }


def impact_json(page: CoalitionPage, *, base_url: str) -> dict:
    coalition = page.coalition
    return {
        "coalition": {
            "name": coalition.name,
            "slug": coalition.slug,
            "place": page.place_name,
            "areas": page.area_names,
            "url": base_url.rstrip("/") + coalition.get_absolute_url(),
            "illustrative": page.illustrative,
        },
        "measures": [
            {
                "id": series.measure_id,
                "name": series.name,
                "kind": series.kind,
                "kind_label": series.kind_label,
                "definition": series.definition,
                "unit": series.unit,
                "direction": series.direction,
                "direction_label": series.direction_label,
                "source": series.source,
                "baseline": _point(series.baseline),
                "target": _point(series.target),
                "reading": series.reading,
                "unavailable": series.unavailable,
                "comparators": [_comparator(c) for c in series.comparators.all()],
                "values": [
                    {**_point(p), "note": p.note, "evidence": p.evidence_url or None} for p in series.points
                ],
            }
            for series in page.measures
        ],
    }
