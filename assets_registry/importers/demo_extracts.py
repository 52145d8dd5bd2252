"""Importers for open asset data: a base class and one small subclass per source format.

Dry run by default (``commit=False``): every row is mapped and validated, nothing is written.
With ``commit=True`` rows are upserted by (data_source, source_id) and published: imports come
from trusted open data, not from residents. Rejected rows are collected with the reason and
can be written to a CSV report. Used by ``manage.py import_assets`` and the demo loader.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tqdm import tqdm

from assets_registry.services import asset_upsert_published
from assets_registry.taxonomy import CATEGORIES, KINDS, SETTINGS, THIRD_SPACE_TYPES

UK_POSTCODE = re.compile(r"\b([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})\b", re.IGNORECASE)


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[tuple[int, str, str]] = field(default_factory=list)  # (row number, source id/name, reason)

    @property
    def accepted(self) -> int:
        return self.created + self.updated + self.unchanged

    def write_rejections(self, path: Path) -> None:
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["row", "record", "reason"])
            writer.writerows(self.rejected)


class RowRejected(ValueError):
    pass


class BaseAssetImporter:
    """Subclasses set ``data_source`` and implement ``map_row(row) -> (source_id, fields)``."""

    data_source = ""
    # Defaults for every imported row of this source (a subclass may override per row).
    defaults: dict[str, Any] = {}

    def read_rows(self, path: Path) -> Iterator[dict]:
        with Path(path).open(encoding="utf-8", newline="") as handle:
            yield from csv.DictReader(handle)

    def map_row(self, row: dict) -> tuple[str, dict]:
        raise NotImplementedError

    def validate(self, fields: dict) -> None:
        if not fields.get("name"):
            raise RowRejected("no name")
        lat, lon = fields.get("latitude"), fields.get("longitude")
        if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise RowRejected("no valid position")
        for name, vocabulary in (("categories", CATEGORIES), ("third_space_types", THIRD_SPACE_TYPES)):
            unknown = [v for v in fields.get(name, []) if v not in vocabulary]
            if unknown:
                raise RowRejected(f"unknown {name}: {unknown}")
        if fields.get("setting") and fields["setting"] not in SETTINGS:
            raise RowRejected(f"unknown setting {fields['setting']!r}")
        if fields.get("kind") and fields["kind"] not in KINDS:
            raise RowRejected(f"unknown kind {fields['kind']!r}")

    def run(
        self, rows: Iterable[dict], *, commit: bool = False, progress: bool = True, stdout=None
    ) -> ImportReport:
        report = ImportReport()
        rows = list(rows)
        seen: set[str] = set()
        bar = tqdm(rows, desc=f"Import {self.data_source}", unit="row", disable=not progress, file=stdout)
        for number, row in enumerate(bar, start=2):  # row 1 is the CSV header
            try:
                source_id, fields = self.map_row(row)
                fields = {**self.defaults, **fields}
                self.validate(fields)
                if source_id in seen:
                    raise RowRejected(f"duplicate source id {source_id}")
                seen.add(source_id)
            except RowRejected as error:
                report.rejected.append((number, row.get("source_id") or row.get("name", ""), str(error)))
                continue
            if not commit:
                report.unchanged += 1
                continue
            _asset, outcome = asset_upsert_published(
                data_source=self.data_source, source_id=source_id, fields=fields
            )
            setattr(report, outcome, getattr(report, outcome) + 1)
        return report


# GLA category -> (categories, third-space types, setting, kind, extra fields).
# Business-only categories (recording, manufacturing, office-based firms) are not community
# spaces and are rejected with that reason.
GLA_CATEGORIES: dict[str, tuple[list[str], list[str], str, str, dict]] = {
    "Pubs": (["pub_cafe"], ["activity"], "hobby_recreational", "economic", {}),
    "Libraries": (
        ["library"],
        ["activity", "purpose"],
        "civic",
        "physical",
        {"free": True, "open_to_all": True, "mixed_ages": True},
    ),
    "Community Centres": (
        ["community_centre"],
        ["purpose", "activity"],
        "civic",
        "physical",
        {"open_to_all": True, "mixed_ages": True},
    ),
    "Music Venues": (["music_venue"], ["activity"], "hobby_recreational", "cultural", {}),
    "Dance Performance Venues": (["theatre"], ["activity"], "hobby_recreational", "cultural", {}),
    "Theatres": (["theatre"], ["activity"], "hobby_recreational", "cultural", {}),
    "Cinemas": (["cinema"], ["activity"], "hobby_recreational", "cultural", {}),
    "Museums and Public Galleries": (["museum_gallery"], ["activity"], "hobby_recreational", "cultural", {}),
    "Commercial Galleries": (["museum_gallery"], ["activity"], "hobby_recreational", "economic", {}),
    "Skate Parks": (
        ["park_garden", "sports_centre"],
        ["activity"],
        "hobby_recreational",
        "physical",
        {"free": True, "open_to_all": True},
    ),
    "Artists Workspaces": (["makerspace"], ["activity"], "hobby_recreational", "economic", {}),
    "Creative Workspace": (["makerspace"], ["activity"], "hobby_recreational", "economic", {}),
    "Dance Rehearsal Studios": (["arts_centre"], ["activity"], "hobby_recreational", "economic", {}),
    "Music Rehearsal Studios": (["arts_centre"], ["activity"], "hobby_recreational", "economic", {}),
    "Theatre Rehearsal Studios": (["arts_centre"], ["activity"], "hobby_recreational", "economic", {}),
}
EALING_LOCALITIES = {
    "Acton",
    "Ealing",
    "West Ealing",
    "South Ealing",
    "North Ealing",
    "Ealing Common",
    "Greenford",
    "Hanwell",
    "Northolt",
    "Perivale",
    "Southall",
    "Park Royal",
    "East Acton",
    "North Acton",
    "South Acton",
    "West Acton",
    "Acton Green",
    "Pitshanger",
    "Chiswick",
}
EALING_AREA = {
    "admin_district_code": "E09000009",
    "admin_district_name": "Ealing",
    "region": "London",
    "country": "GB",
}


def _clean_website(value: str) -> str:
    value = value.strip()
    if value and not value.startswith(("http://", "https://")):
        value = f"https://{value}"
    return value[:500]


class GLACulturalInfrastructureImporter(BaseAssetImporter):
    """The GLA Cultural Infrastructure Map (as extracted by ``data/build_extracts.py``)."""

    data_source = "gla-cim"
    defaults = {**EALING_AREA, "location_source": "import", "location_precision": "address"}

    def map_row(self, row: dict) -> tuple[str, dict]:
        mappings = [GLA_CATEGORIES[c] for c in row["category"].split(";") if c in GLA_CATEGORIES]
        if not mappings:
            raise RowRejected(f"category {row['category']!r} is a business, not a community space")
        categories = list(dict.fromkeys(c for m in mappings for c in m[0]))
        types = list(dict.fromkeys(t for m in mappings for t in m[1]))
        _categories, _types, setting, kind, _extra = mappings[0]
        extra = {k: v for m in mappings for k, v in m[4].items()}
        parts = [p.strip() for p in (row["address1"], row["address2"], row["address3"]) if p.strip()]
        postcode = ""
        locality = ""
        street = []
        for part in parts:
            match = UK_POSTCODE.search(part)
            if match:
                postcode = f"{match.group(1)} {match.group(2)}".upper()
                part = UK_POSTCODE.sub("", part).strip(" ,")
            if part in EALING_LOCALITIES and not locality:
                locality = part
            elif part and part.lower() != "london":
                street.append(part)
        name = " ".join(row["name"].split())
        fields = {
            "name": name,
            "description": "",
            "categories": categories,
            "third_space_types": types,
            "setting": setting,
            "kind": kind,
            "address": ", ".join(street)[:255],
            "postcode": postcode,
            "locality": locality,
            "website": _clean_website(row.get("website", "")),
            "latitude": round(float(row["latitude"]), 6),
            "longitude": round(float(row["longitude"]), 6),
            **extra,
        }
        return row["source_id"], fields


RELIGION_LABELS = {
    "christian": "Christian",
    "protestant": "Christian (Protestant)",
    "catholic": "Christian (Catholic)",
    "orthodox": "Christian (Orthodox)",
    "muslim": "Muslim",
    "sikh": "Sikh",
    "hindu": "Hindu",
    "jewish": "Jewish",
    "buddhist": "Buddhist",
    "jain": "Jain",
    "zoroastrian": "Zoroastrian",
    "bahai": "Bahá'í",
}


class OSMPlacesOfWorshipImporter(BaseAssetImporter):
    """OpenStreetMap ``amenity=place_of_worship`` points (name, religion, lon, lat)."""

    data_source = "osm"
    defaults = {
        **EALING_AREA,
        "categories": ["place_of_worship"],
        "third_space_types": ["identity"],
        "setting": "religious",
        "kind": "association",
        "location_source": "import",
        "location_precision": "exact",
    }

    def map_row(self, row: dict) -> tuple[str, dict]:
        religion = row.get("religion", "").strip().lower()
        label = RELIGION_LABELS.get(religion, religion.title())
        description = f"{label} place of worship." if label else "Place of worship."
        fields = {
            "name": " ".join(row["name"].split()),
            "description": description,
            "latitude": round(float(row["latitude"]), 7),
            "longitude": round(float(row["longitude"]), 7),
        }
        return row["source_id"], fields


IMPORTERS = {
    "gla-cim": GLACulturalInfrastructureImporter,
    "osm-worship": OSMPlacesOfWorshipImporter,
}
