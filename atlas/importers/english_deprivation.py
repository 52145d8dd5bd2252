"""The English Indices of Deprivation (MHCLG), local authority district summaries (File 10).

Reads a CSV with File 10's own headings, one row per district: ``Local Authority District code
(2024)`` (or the 2019 release's ``(2019)``), ``... name``, and the measures in
``atlas.sources.UK_IOD_INDICATORS`` (``IMD - Average score``, ``Income - Average score``...).
Headings are matched ignoring case, spaces and "%" written as "percent", so a sheet exported
by hand imports too. The committed extract is ``atlas/data/uk/imd2025_lad_summaries.csv``.
"""

from __future__ import annotations

import re

from atlas.importers.indicators import IndicatorFileImporter, ParsedArea
from atlas.models import AreaKind
from atlas.services import AreaData
from atlas.sources import (
    UK_IOD_CITATION,
    UK_IOD_INDICATORS,
    UK_IOD_LICENCE,
    UK_IOD_SOURCE,
    UK_IOD_URL,
    UK_IOD_VINTAGE,
    IndicatorSpec,
)
from importing.readers import ImportFileError
from importing.rows import RowRejected

ENGLISH_LAD_CODE = re.compile(r"^E0[6-9]\d{6}$")


def heading_key(heading: str) -> str:
    """'IMD - Proportion of LSOAs in most deprived 10% nationally ' -> 'imd-proportionoflsoas...'."""
    return re.sub(r"\s+", "", heading.replace("%", " percent").lower())


class EnglishDeprivationImporter(IndicatorFileImporter):
    source_name = "English Indices of Deprivation, local authority districts"
    kind = AreaKind.UK_LAD
    country = "GB"
    source = UK_IOD_SOURCE
    source_url = UK_IOD_URL
    vintage = UK_IOD_VINTAGE
    citation = UK_IOD_CITATION
    licence = UK_IOD_LICENCE

    def specs(self) -> list[IndicatorSpec]:
        return UK_IOD_INDICATORS

    def definition_for(self, spec: IndicatorSpec) -> str:
        return f"File 10 column “{spec.columns[self.kind]}”, IoD2025 local authority district summaries."

    def read_rows(self, path):
        rows = list(super().read_rows(path))
        headings = {heading_key(h): h for h in (rows[0] if rows else {})}
        self.code_column = next(
            (h for k, h in headings.items() if k.startswith("localauthoritydistrictcode")), None
        )
        self.name_column = next(
            (h for k, h in headings.items() if k.startswith("localauthoritydistrictname")), None
        )
        if self.code_column is None:
            raise ImportFileError(
                "no “Local Authority District code” column: is this File 10 of the Indices?"
            )
        self.value_columns = {
            spec.slug: headings.get(heading_key(spec.columns[self.kind])) for spec in self.specs()
        }
        if not any(self.value_columns.values()):
            raise ImportFileError(
                "none of the measures this importer reads: "
                + "; ".join(spec.columns[self.kind] for spec in self.specs())
            )
        return iter(rows)

    def record_label(self, row: dict) -> str:
        return (row.get(self.code_column) or "").strip()

    def parse_row(self, row: dict) -> ParsedArea:
        code = (row.get(self.code_column) or "").strip().upper()
        if not ENGLISH_LAD_CODE.match(code):
            raise RowRejected(f"{code!r} is not an English local authority district code (E06-E09)")
        name = (row.get(self.name_column) or "").strip() if self.name_column else ""
        # The boundary file's names are the same ONS names: fill only, never rename.
        parsed = ParsedArea(
            kind=self.kind,
            area=AreaData(code=code, name=name or None, country="GB", region="England", overwrite_name=False),
        )
        for slug, column in self.value_columns.items():
            if column is not None:
                parsed.read(row, slug, column)
        return parsed
