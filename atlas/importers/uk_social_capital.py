"""The UK Social Capital Atlas (2025), from a CSV the user supplies.

The published release (Meta Data for Good and partners, on the Humanitarian Data Exchange) is
a set of CSV files, one per geography: local authorities, postcode districts and MSOAs. It is
not available offline here, so this importer reads the columns documented in docs/atlas.md,
accepting the names seen in the release and plain alternatives (case-insensitive):

* area code (required): ``lad_code`` | ``la_code`` | ``msoa_code`` | ``msoa21cd`` | ``msoa11cd`` |
  ``postcode_district`` | ``pcd_district`` | ``zip_prediction`` | ``area_code`` | ``code``.
  The kind of area comes from the code's shape: E06-E09/W06/S12/N09 = local authority,
  E02/W02 = MSOA, an outward code (W5, SS1, EC1A) = postcode district.
* area name (optional): ``lad_name`` | ``la_name`` | ``msoa_name`` | ``area_name`` | ``name``.
* economic connectedness: ``ec`` | ``economic_connectedness``; when absent it is derived as
  ``high_ses_ratio / expected_high_ses_ratio`` (share of high-SES friends among low-SES people
  over the share expected if friendships ignored income: the US definition's "two times the
  share" is this ratio when half of people are high-SES). ``ec_se`` is read when present.
* other measures when present: ``average_bias``, ``average_clustering``, ``average_support_ratio``,
  ``volunteering_fraction``, ``activism_fraction``.
* ``measurement_category`` (present when one file holds several groups): pass ``category`` to
  choose the rows for low-SES people; without it such a file is refused with the categories found.
"""

from __future__ import annotations

import re

from atlas.importers.base import parse_float
from atlas.importers.indicators import IndicatorFileImporter, ParsedArea
from atlas.models import AreaKind
from atlas.services import AreaData
from atlas.sources import (
    UK_INDICATORS,
    UK_SCA_CITATION,
    UK_SCA_LICENCE,
    UK_SCA_SOURCE,
    UK_SCA_URL,
    UK_SCA_VINTAGE,
    IndicatorSpec,
)
from importing.readers import ImportFileError
from importing.rows import RowRejected, RowSkipped

CODE_COLUMNS = (
    "lad_code",
    "la_code",
    "lad24cd",
    "lad23cd",
    "lad21cd",
    "msoa_code",
    "msoa21cd",
    "msoa11cd",
    "postcode_district",
    "pcd_district",
    "zip_prediction",
    "area_code",
    "code",
)
NAME_COLUMNS = ("lad_name", "la_name", "lad24nm", "msoa_name", "msoa21nm", "area_name", "name")
VALUE_ALIASES = {
    "uk-economic-connectedness": ("ec", "economic_connectedness"),
    "uk-friending-bias": ("average_bias", "bias"),
    "uk-clustering": ("average_clustering", "clustering"),
    "uk-support-ratio": ("average_support_ratio", "support_ratio"),
    "uk-volunteering-rate": ("volunteering_fraction", "volunteering_rate"),
    "uk-activism-rate": ("activism_fraction", "activism_rate"),
}
SE_ALIASES = {"uk-economic-connectedness": ("ec_se", "economic_connectedness_se")}

LAD_CODE = re.compile(r"^(E0[6-9]|W06|S12|N09)\d{6}$")
MSOA_CODE = re.compile(r"^(E02|W02)\d{6}$")
OUTWARD_CODE = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]?$")
GEOGRAPHIES = {
    "lad": AreaKind.UK_LAD,
    "postcode_district": AreaKind.UK_POSTCODE_DISTRICT,
    "msoa": AreaKind.UK_MSOA,
}


def kind_for_code(code: str) -> str:
    if LAD_CODE.match(code):
        return AreaKind.UK_LAD
    if MSOA_CODE.match(code):
        return AreaKind.UK_MSOA
    if OUTWARD_CODE.match(code):
        return AreaKind.UK_POSTCODE_DISTRICT
    raise RowRejected(f"{code!r} is not a local authority, MSOA or postcode district code")


def postcode_district_centroids() -> dict[str, tuple[float, float]]:
    """Outward code -> (lat, lon) from the registry's offline gazetteer, when it is loaded."""
    try:
        from geocoding.models import GBPostcodeDistrict
    except ImportError:  # the geocoding app is optional for the atlas
        return {}
    return {
        o: (lat, lon)
        for o, lat, lon in GBPostcodeDistrict.objects.values_list("outward", "latitude", "longitude")
    }


class UKSocialCapitalImporter(IndicatorFileImporter):
    source_name = "UK Social Capital Atlas"
    country = "GB"
    source = UK_SCA_SOURCE
    source_url = UK_SCA_URL
    vintage = UK_SCA_VINTAGE
    citation = UK_SCA_CITATION
    licence = UK_SCA_LICENCE

    def __init__(self, *, geography: str | None = None, category: str | None = None):
        if geography and geography not in GEOGRAPHIES:
            raise ValueError(f"geography must be one of {', '.join(GEOGRAPHIES)}")
        self.forced_kind = GEOGRAPHIES.get(geography or "")
        self.category = category
        self.columns: dict[str, str] = {}  # lower-case name -> name in the file
        self._district_centroids: dict[str, tuple[float, float]] | None = None

    def specs(self) -> list[IndicatorSpec]:
        return UK_INDICATORS

    def read_rows(self, path):
        rows = list(super().read_rows(path))
        header = list(rows[0]) if rows else []
        self.columns = {name.strip().lower(): name for name in header}
        self.code_column = next((self.columns[c] for c in CODE_COLUMNS if c in self.columns), None)
        if self.code_column is None:
            raise ImportFileError(
                f"no area code column: expected one of {', '.join(CODE_COLUMNS)}; found {header}"
            )
        self.name_column = next((self.columns[c] for c in NAME_COLUMNS if c in self.columns), None)
        self.value_columns = {
            slug: next((self.columns[c] for c in aliases if c in self.columns), None)
            for slug, aliases in VALUE_ALIASES.items()
        }
        self.se_columns = {
            slug: next((self.columns[c] for c in aliases if c in self.columns), None)
            for slug, aliases in SE_ALIASES.items()
        }
        self.derive_ec = self.value_columns["uk-economic-connectedness"] is None and {
            "high_ses_ratio",
            "expected_high_ses_ratio",
        } <= set(self.columns)
        if not any(self.value_columns.values()) and not self.derive_ec:
            raise ImportFileError(
                "no indicator columns: see docs/atlas.md for the columns this importer reads"
            )
        category_column = self.columns.get("measurement_category")
        if category_column:
            categories = sorted({(r.get(category_column) or "").strip() for r in rows})
            if len(categories) > 1 and not self.category:
                raise ImportFileError(
                    "the file holds several measurement categories "
                    f"({', '.join(categories)}); choose one with --category"
                )
        self.category_column = category_column
        return iter(rows)

    def prepare(self, report) -> None:
        if self.derive_ec:
            report.notes.append("economic connectedness derived as high_ses_ratio / expected_high_ses_ratio")

    def record_label(self, row: dict) -> str:
        return (row.get(self.code_column) or "").strip() if self.code_column else ""

    def parse_row(self, row: dict) -> ParsedArea:
        if self.category_column and self.category:
            found = (row.get(self.category_column) or "").strip()
            if found != self.category:
                raise RowSkipped(f"measurement_category {found!r} is not {self.category!r}")
        code = re.sub(r"\s+", "", (row.get(self.code_column) or "")).upper()
        if not code:
            raise RowRejected("no area code")
        kind = self.forced_kind or kind_for_code(code)
        if self.forced_kind == AreaKind.UK_LAD and not LAD_CODE.match(code):
            raise RowRejected(f"{code!r} is not a local authority code")
        name = (row.get(self.name_column) or "").strip() if self.name_column else ""
        centroid = None
        if kind == AreaKind.UK_POSTCODE_DISTRICT:
            if self._district_centroids is None:
                self._district_centroids = postcode_district_centroids()
            centroid = self._district_centroids.get(code)
        area = AreaData(
            code=code, name=name or None, country="GB", overwrite_name=bool(name), centroid=centroid
        )
        parsed = ParsedArea(kind=kind, area=area)
        for slug, column in self.value_columns.items():
            if column is not None:
                parsed.read(row, slug, column, self.se_columns.get(slug))
        if self.derive_ec:
            share = parse_float(row, self.columns["high_ses_ratio"])
            expected = parse_float(row, self.columns["expected_high_ses_ratio"])
            if share is None or expected is None:
                parsed.missing.add("uk-economic-connectedness")
            elif expected <= 0:
                raise RowRejected(f"expected_high_ses_ratio {expected} must be above 0")
            else:
                parsed.values["uk-economic-connectedness"] = (share / expected, None)
        return parsed
