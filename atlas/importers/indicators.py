"""Importers of indicator files: one row per area, one column per measure.

``IndicatorFileImporter`` does the writing (areas, indicators, values, percentiles); the
subclasses in ``us_social_capital`` and ``uk_social_capital`` only read their format.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from atlas import services
from atlas.importers.base import BaseImporter, parse_float
from atlas.models import Indicator
from atlas.sources import IndicatorSpec
from importing.report import ImportReport


@dataclass
class ParsedArea:
    kind: str
    area: services.AreaData
    values: dict[str, tuple[float, float | None]] = field(default_factory=dict)  # slug -> (value, se)
    missing: set[str] = field(default_factory=set)  # slugs the row has a blank cell for

    def read(self, row: dict, slug: str, column: str, se_column: str | None = None) -> None:
        """One measure from a row: its value (and standard error), or "missing" for a blank cell."""
        value = parse_float(row, column)
        if value is None:
            self.missing.add(slug)
        else:
            self.values[slug] = (value, parse_float(row, se_column) if se_column else None)


class IndicatorFileImporter(BaseImporter):
    country = ""
    source = ""
    source_url = ""
    vintage = ""
    citation = ""
    licence = ""

    def specs(self) -> list[IndicatorSpec]:
        raise NotImplementedError

    def definition_for(self, spec: IndicatorSpec) -> str:
        return ""

    def key(self, parsed: ParsedArea):
        return (parsed.kind, parsed.area.code)

    def write(self, parsed: list[ParsedArea], report: ImportReport, *, commit: bool) -> None:
        by_kind: dict[str, list[ParsedArea]] = defaultdict(list)
        for item in parsed:
            by_kind[item.kind].append(item)
        indicators: dict[str, Indicator] = {}
        for spec in self.specs():
            if not any(spec.slug in item.values or spec.slug in item.missing for item in parsed):
                continue
            existed = Indicator.objects.filter(slug=spec.slug).exists()
            indicators[spec.slug] = services.indicator_upsert(
                spec=spec,
                country=self.country,
                source=self.source,
                source_url=self.source_url,
                vintage=self.vintage,
                citation=self.citation,
                licence=self.licence,
                definition=self.definition_for(spec),
                commit=commit,
            )
            report.counts["indicators created" if not existed else "indicators checked"] += 1
        for kind, items in by_kind.items():
            areas, counts = services.areas_upsert(kind=kind, rows=[i.area for i in items], commit=commit)
            report.add("areas", counts)
            for slug, indicator in indicators.items():
                values, missing = {}, []
                for item in items:
                    area = areas[item.area.code]
                    if slug in item.values:
                        if area.pk is None:  # dry run, new area: would be created
                            report.counts["values created"] += 1
                            continue
                        values[area.pk] = item.values[slug]
                    elif slug in item.missing and area.pk is not None:
                        missing.append(area.pk)
                if not values and not missing:
                    continue
                counts = services.indicator_values_upsert(
                    indicator=indicator, kind=kind, values=values, missing_area_ids=missing, commit=commit
                )
                report.add("values", counts)
