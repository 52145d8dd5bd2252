"""OpenStreetMap features: GeoJSON (an Overpass export, say) or a CSV whose columns are OSM tags.

Tags become fields the way OSM documents them: ``name``, ``addr:*``, ``website`` /
``contact:website``, ``phone``, ``email``, ``wheelchair`` (yes/designated: step-free; no: not;
``limited`` or no tag: not known), ``fee`` (no: free; yes: not free; no tag: not known),
``opening_hours`` (simple weekly rules become structured hours; anything else is kept as a note),
``check_date`` (last verified). Categories come from the tags through the taxonomy's own OSM tag
per category (``taxonomy.Term.osm_tag``) plus common equivalents (``vocab.EXTRA_OSM_TAGS``);
third-space type, setting and kind follow from the category. Features without a name, or whose
tags match no category, are rejected with the reason.

An optional mapping (the CSV importer's format) adds constant or column tags (``tags:``), the
id, and field overrides; without one, the id is the feature's OSM id ("node/123") or, for a CSV
without ids, a key made of name and position.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from assets_registry.importers.base import stable_id
from assets_registry.importers.candidate import Candidate
from assets_registry.importers.csv_importer import CsvImporter
from assets_registry.importers.mapping import ColumnMapping
from assets_registry.importers.vocab import categories_from_tags
from importing.readers import ImportFileError, read_json
from importing.rows import RowRejected, RowSkipped

DAYS = {"mo": 0, "tu": 1, "we": 2, "th": 3, "fr": 4, "sa": 5, "su": 6}
_TIME = r"(\d{1,2}):(\d{2})"
_RULE = re.compile(
    rf"^(?P<days>(?:mo|tu|we|th|fr|sa|su)(?:\s*-\s*(?:mo|tu|we|th|fr|sa|su))?"
    rf"(?:\s*,\s*(?:mo|tu|we|th|fr|sa|su)(?:\s*-\s*(?:mo|tu|we|th|fr|sa|su))?)*)"
    rf"\s+(?P<times>{_TIME}\s*-\s*{_TIME}(?:\s*,\s*{_TIME}\s*-\s*{_TIME})*|off|closed)$",
    re.IGNORECASE,
)
LAT_COLUMNS = ("lat", "latitude", "y", "@lat")
LON_COLUMNS = ("lon", "lng", "long", "longitude", "x", "@lon")
ID_COLUMNS = ("@id", "osm_id", "id", "@osmId")
STEP_FREE_BY_WHEELCHAIR = {"yes": True, "designated": True, "no": False}
FREE_BY_FEE = {"no": True, "yes": False}


def parse_opening_hours(text: str) -> list[tuple[int, dt.time, dt.time]] | None:
    """Weekly periods for simple OSM ``opening_hours`` values ("Mo-Fr 09:00-17:00; Sa 10:00-13:00",
    "24/7"); None when the value uses anything more (public holidays, months, sunrise...)."""
    value = (text or "").strip()
    if not value:
        return None
    if value == "24/7":
        return [(day, dt.time(0, 0), dt.time(0, 0)) for day in range(7)]
    periods: dict[int, list[tuple[dt.time, dt.time]]] = {}
    for rule in (r.strip() for r in value.split(";")):
        if not rule:
            continue
        match = _RULE.match(rule)
        if not match:
            return None
        days: list[int] = []
        for part in match["days"].lower().replace(" ", "").split(","):
            first, _, last = part.partition("-")
            start, end = DAYS[first], DAYS[last or first]
            days += [d % 7 for d in range(start, end + 1 if end >= start else end + 8)]
        times = match["times"].lower()
        spans = []
        if times not in ("off", "closed"):
            for h1, m1, h2, m2 in re.findall(rf"{_TIME}\s*-\s*{_TIME}", times):
                if int(h1) > 24 or int(h2) > 24 or int(m1) > 59 or int(m2) > 59:
                    return None
                spans.append((dt.time(int(h1) % 24, int(m1)), dt.time(int(h2) % 24, int(m2))))
        for day in days:
            periods[day] = spans  # a later rule replaces an earlier one for its days, as in OSM
    return [(day, opens, closes) for day in sorted(periods) for opens, closes in periods[day]]


def _first(tags: dict, *keys: str) -> str:
    for key in keys:
        value = str(tags.get(key) or "").strip()
        if value:
            return value
    return ""


def fields_from_tags(
    tags: dict[str, str],
) -> tuple[dict, list[tuple[int, dt.time, dt.time]] | None, list[str]]:
    """(fields, opening hours or None, warnings) for a feature's tags."""
    warnings: list[str] = []
    fields: dict = {"name": _first(tags, "name", "name:en", "official_name", "brand")}
    categories = categories_from_tags(tags)
    fields["categories"] = categories
    description = _first(tags, "description", "description:en")
    religion = _first(tags, "religion")
    if not description and "place_of_worship" in categories and religion:
        denomination = _first(tags, "denomination").replace("_", " ")
        words = [
            w
            for w in (religion.replace("_", " ").capitalize(), f"({denomination})" if denomination else "")
            if w
        ]
        description = f"{' '.join(words)} place of worship"
    if description:
        fields["description"] = description
    street = " ".join(p for p in (_first(tags, "addr:housenumber"), _first(tags, "addr:street")) if p)
    address = ", ".join(p for p in (_first(tags, "addr:housename"), street) if p)
    if address:
        fields["address"] = address
    for field, keys in {
        "postcode": ("addr:postcode", "postal_code"),
        "locality": ("addr:city", "addr:suburb", "addr:place"),
        "website": ("website", "contact:website", "url"),
        "phone": ("phone", "contact:phone"),
        "public_email": ("email", "contact:email"),
    }.items():
        value = _first(tags, *keys)
        if value:
            fields[field] = value.split(";")[0].strip()
    if _first(tags, "addr:country"):
        fields["country"] = _first(tags, "addr:country")
    # Only what the tags say: wheelchair=limited, no tag or any other value is not known (None).
    fields["step_free"] = STEP_FREE_BY_WHEELCHAIR.get(_first(tags, "wheelchair").lower())
    fields["free"] = FREE_BY_FEE.get(_first(tags, "fee").lower())
    hours = None
    opening_hours = _first(tags, "opening_hours")
    if opening_hours:
        hours = parse_opening_hours(opening_hours)
        if hours is None:
            fields["opening_hours_notes"] = opening_hours[:255]
    checked = _first(tags, "check_date", "survey:date")
    if checked:
        fields["last_verified"] = checked[:10]
    return fields, hours, warnings


def _main_tags(tags: dict) -> str:
    shown = [
        f"{k}={tags[k]}" for k in ("amenity", "leisure", "club", "tourism", "office", "shop") if tags.get(k)
    ]
    return ", ".join(shown) or "no amenity, leisure, club, tourism or office tag"


class OsmImporter(CsvImporter):
    format_name = "osm"

    def __init__(self, path: Path, mapping: ColumnMapping | None = None, **options):
        mapping = mapping or ColumnMapping()
        options.setdefault("source", mapping.source or "osm")
        self.geojson = Path(path).suffix.lower() in (".geojson", ".json")
        if mapping.id_expression is None:
            mapping.id_expression = lambda row: ""  # found per record below
        mapping.fields.setdefault("name", lambda row: "")  # from the tags unless mapped
        super().__init__(path, mapping, **options)
        self.explicit_fields = set()
        self.mapped_fields = {k: v for k, v in mapping.fields.items() if k in mapping.raw.get("fields", {})}
        self.features: list = []

    def prepare(self) -> None:
        if not self.geojson:
            super().prepare()
            return
        data = read_json(self.path, self.encoding)
        if isinstance(data, dict) and data.get("type") == "FeatureCollection":
            self.features = data.get("features") or []
        elif isinstance(data, dict) and data.get("type") == "Feature":
            self.features = [data]
        else:
            raise ImportFileError(f"{self.path.name} is not a GeoJSON FeatureCollection.")

    def total(self) -> int:
        return len(self.features) if self.geojson else super().total()

    def records(self):
        if not self.geojson:
            yield from super().records()
            return
        yield from enumerate(self.features, start=1)

    # --- one record -------------------------------------------------------------------------

    def candidate(self, number: int, record) -> Candidate:
        if self.geojson:
            tags, point, osm_id = self._from_feature(record)
            row = {k: "" if v is None else str(v) for k, v in tags.items()}
        else:
            row = record
            tags = dict(row)
            point = (_first(row, *LAT_COLUMNS), _first(row, *LON_COLUMNS))
            osm_id = _first(row, *ID_COLUMNS)
        for name, function in self.mapping.tags.items():
            value = function(row)
            if value not in (None, ""):
                tags[name] = str(value)
        fields, hours, warnings = fields_from_tags(tags)
        mapped = self.raw_fields(row) if self.mapped_fields else {}
        fields.update({k: v for k, v in mapped.items() if k in self.mapped_fields and v not in (None, "")})
        if "latitude" not in fields and point and point[0] not in (None, ""):
            fields["latitude"], fields["longitude"] = point
        source_id = self.source_id(row) if self.mapping.raw.get("id") else ""
        if not source_id:
            source_id = osm_id or stable_id(
                fields.get("name"), fields.get("latitude"), fields.get("longitude")
            )
        reason = self.mapping.skip_reason(row)
        if reason:
            raise RowSkipped(reason, source_id)
        if not fields["categories"]:
            raise RowRejected(f"no category for its tags ({_main_tags(tags)})", source_id)
        if not fields.get("name"):
            raise RowRejected(f"no name ({_main_tags(tags)})", source_id)
        return Candidate(
            row=number, source_id=source_id, fields=fields, opening_hours=hours, warnings=warnings
        )

    @staticmethod
    def _from_feature(feature) -> tuple[dict, tuple | None, str]:
        if not isinstance(feature, dict):
            raise RowRejected("not a GeoJSON feature")
        properties = feature.get("properties") or {}
        tags = dict(properties.get("tags") or {}) if isinstance(properties.get("tags"), dict) else {}
        tags.update({k: v for k, v in properties.items() if k != "tags" and not isinstance(v, dict | list)})
        osm_id = str(properties.get("@id") or feature.get("id") or "")
        if osm_id and osm_id.isdigit() and properties.get("type") in ("node", "way", "relation"):
            osm_id = f"{properties['type']}/{osm_id}"
        geometry = feature.get("geometry")
        point = None
        if geometry:
            try:
                from shapely.geometry import shape

                shaped = shape(geometry)
                spot = shaped if shaped.geom_type == "Point" else shaped.representative_point()
                point = (spot.y, spot.x)
            except (ValueError, TypeError, AttributeError, KeyError) as error:
                raise RowRejected(f"bad geometry ({error})", osm_id) from error
        return tags, point, osm_id
