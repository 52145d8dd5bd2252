"""What every importer shares: validate the whole batch, locate, handle duplicates, report, write.

A run goes in stages, and nothing is written before the last one:

1. **read**: the subclass turns each source record into a ``Candidate`` (or rejects/skips it);
   the base cleans and validates its fields (a row that fails is rejected whole, never half kept);
2. **duplicate ids**: rows sharing a source id keep the preferred one (``prefer``), and the
   others' categories are merged into it;
3. **locate**: coordinates are checked (bad ones fall back to the postcode or address); rows
   without them are geocoded through ``geocoding.services.geocode`` (cached per query); the local
   authority comes from the source or from ``reverse_geocode``;
4. **classify** against what this source imported before (by ``(data_source, source_id)``):
   create, update or unchanged, so a second run changes nothing; a record a moderator merged into
   another space is reported ("merged into #N") and not re-created;
5. **possible duplicates**: each new row is scored against published spaces nearby and earlier
   rows of the file (``assets_registry.matching``: names, categories, distance for the positions'
   precision, address). A likely duplicate is never dropped nor published: it is written as a
   draft pointing at the space it may repeat and sent to moderation, even by a trusted import
   (``allow_duplicates`` publishes it anyway);
6. **write** (``commit=True`` only), in one transaction: ``importers.services``.

Every rejected, skipped or merged row, and every warning, is a line of the report (CSV).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from django.utils.dateparse import parse_date
from django.utils.text import slugify

from assets_registry.importers import positions, vocab
from assets_registry.importers.candidate import Candidate
from assets_registry.importers.services import import_write
from assets_registry.locating import PRECISION_MAP, centroid_warning, geocoded_basis
from assets_registry.matching import PLACE_FIELDS, SAME, Place, compare, search_radius_m, worth_comparing
from assets_registry.models import Asset
from assets_registry.public_fields import AREA_FIELDS, CONTACT_FIELDS, COORDINATE_FIELDS, DESCRIPTION_FIELDS
from assets_registry.search_backends.base import METRES_PER_DEGREE_LAT, great_circle_m
from assets_registry.selectors import public_assets
from assets_registry.taxonomy import CATEGORIES, KINDS, LOCATION_PRECISIONS, SETTINGS, THIRD_SPACE_TYPES
from importing.excel_ids import ExcelIdCheck
from importing.progress import progress_bar
from importing.readers import ImportFileError
from importing.report import ImportReport
from importing.rows import ImportAborted, RowRejected

# The fields an importer may fill (never the slug or the moderation state).
IMPORT_FIELDS = (
    *DESCRIPTION_FIELDS,
    *COORDINATE_FIELDS,
    *AREA_FIELDS,
    *CONTACT_FIELDS,
    "status",
    "last_verified",
)
BOOLEAN_FIELDS = ("free", "open_to_all", "mixed_ages", "step_free")
TEXT_FIELDS = tuple(
    f
    for f in IMPORT_FIELDS
    if f not in BOOLEAN_FIELDS + ("categories", "third_space_types", "latitude", "longitude", "last_verified")
)
LOCATION_FIELDS = (
    *COORDINATE_FIELDS,
    "location_source",
    "location_precision",
    "location_basis",
    "needs_geocoding",
    *AREA_FIELDS,
)
# What a re-run compares to decide "unchanged".
COMPARED_FIELDS = tuple(dict.fromkeys(IMPORT_FIELDS + LOCATION_FIELDS))
STATUS_WORDS = {
    "": "active",
    "active": "active",
    "open": "active",
    "temporarily_closed": "temporarily_closed",
    "temporarily closed": "temporarily_closed",
    "closed": "closed",
    "permanently closed": "closed",
    "defunct": "closed",
    "inactive": "temporarily_closed",
}
MAX_SOURCE_ID = 100
MAX_SOURCE = 40
REVERSE_CACHE_DECIMALS = 3  # about 100 m: neighbours share one reverse lookup for their area
MAX_AREA_DISTANCE_M = 5000


def stable_id(*parts: Any) -> str:
    """A source id made of normalised parts ("st-marys-church|51.51272|-0.30432"), for sources
    without ids of their own; long ones end in a hash so they stay unique within 100 characters."""
    pieces = []
    for part in parts:
        text = "" if part is None else str(part).strip()
        try:
            number = float(text)
        except ValueError:
            pieces.append(slugify(text)[:60])
        else:
            pieces.append(f"{number:.5f}" if math.isfinite(number) else slugify(text))
    key = "|".join(pieces)
    if len(key) > MAX_SOURCE_ID:
        key = key[:70] + "|" + hashlib.sha1(key.encode()).hexdigest()[:20]
    return key


MAX_LENGTHS = {name: getattr(Asset._meta.get_field(name), "max_length", None) for name in TEXT_FIELDS}


class BaseImporter:
    """Subclasses implement ``prepare`` (open and check the file), ``records`` and ``candidate``."""

    format_name = "base"
    crs = positions.DEFAULT_CRS  # of the rows' easting/northing, if they have them

    def __init__(
        self,
        *,
        source: str,
        trusted: bool = False,
        allow_duplicates: bool = False,
        allow_unlocated: bool = False,
        areas: bool = True,
        default_country: str = "GB",
        strict: bool = False,
        progress: bool = False,
        precision: str = "address",
        user=None,
    ):
        source = (source or "").strip()
        if not source or len(source) > MAX_SOURCE or not re.fullmatch(r"[\w.:-]+", source):
            raise ImportFileError(
                f"The source name “{source}” must be 1-{MAX_SOURCE} letters, digits, '-', '_', '.' or ':' "
                "(it keys the records: use the same one every time you import this source)."
            )
        if precision not in dict(LOCATION_PRECISIONS):
            raise ImportFileError(
                f"The precision “{precision}” of the source's coordinates must be one of "
                f"{', '.join(dict(LOCATION_PRECISIONS))}."
            )
        self.source = source
        # How precise the source's own coordinates are (an OpenStreetMap node: exact).
        self.precision = precision
        self.trusted = trusted
        self.allow_duplicates = allow_duplicates
        self.allow_unlocated = allow_unlocated
        self.areas = areas
        self.default_country = (default_country or "GB").upper()
        self.strict = strict
        self.progress = progress
        self.user = user
        self._geocode_cache: dict[tuple[str, str], Any] = {}
        self._reverse_cache: dict[tuple[float, float], Any] = {}
        self._excel_ids = ExcelIdCheck()
        self._offsets = positions.OffsetSurvey()  # grid references vs lat/lon, for the report

    # --- for subclasses -------------------------------------------------------------------

    def prepare(self) -> None:
        """Open and check the source (raise ImportFileError for a file that cannot be imported)."""

    def records(self) -> Iterator[tuple[int, Any]]:
        raise NotImplementedError

    def total(self) -> int | None:
        return None

    def candidate(self, number: int, record: Any) -> Candidate:
        raise NotImplementedError

    def file_notes(self) -> list[str]:
        """Notes on the file as a whole once read (its encoding, rows of the wrong shape...)."""
        return []

    # --- the run --------------------------------------------------------------------------

    def run(self, *, commit: bool = False) -> ImportReport:
        self.prepare()
        result = ImportReport(source=self.source, trusted=self.trusted)
        candidates: list[Candidate] = []
        rows = progress_bar(self.records(), total=self.total(), desc="Checking rows", enabled=self.progress)
        for number, record in rows:
            result.read += 1
            try:
                candidate = self.candidate(number, record)
                self.clean(candidate)
            except RowRejected as error:
                result.add_line(number, error.source_id, error.status, error.reason)
                continue
            candidates.append(candidate)
        result.notes.extend(self.file_notes())

        candidates = self._resolve_duplicate_ids(candidates, result)
        candidates = self._locate_all(candidates, result)
        existing = self._existing(candidates, result)
        self._classify(candidates, existing, result)
        candidates = self._check_near_duplicates(candidates, result)
        for candidate in candidates:
            for warning in candidate.warnings:
                result.add_line(candidate.row, candidate.source_id, "warning", warning)
        result.created = sum(1 for c in candidates if c.action == "create")
        result.updated = sum(1 for c in candidates if c.action == "update")
        result.unchanged = sum(1 for c in candidates if c.action == "unchanged")
        if self.strict and result.rejected:
            raise ImportAborted(result)
        if commit:
            result.saved_ids = import_write(
                candidates=[c for c in candidates if c.action in ("create", "update")],
                source=self.source,
                trusted=self.trusted,
                user=self.user,
                progress=self.progress,
            )
            result.committed = True
        return result

    # --- stage 1: clean one row -----------------------------------------------------------

    def clean(self, candidate: Candidate) -> None:
        """Normalise and validate a candidate's fields in place; RowRejected if it cannot be kept."""
        fields = candidate.fields
        unknown = set(fields) - set(IMPORT_FIELDS) - set(positions.GRID_FIELDS)  # grid: read by locate
        if unknown:
            raise RowRejected(f"not importable fields: {', '.join(sorted(unknown))}", candidate.source_id)
        source_id = (candidate.source_id or "").strip()
        if not source_id:
            raise RowRejected("no id (the mapping's id gives nothing for this row)")
        if "\x00" in source_id:
            raise RowRejected("its id contains a NUL byte (a damaged or binary file?)")
        damaged = sorted(name for name, value in fields.items() if isinstance(value, str) and "\x00" in value)
        if damaged:
            # PostgreSQL cannot store a NUL in text, and no real value has one: reject the row alone.
            names = ", ".join(damaged)
            raise RowRejected(f"{names} contains a NUL byte (a damaged or binary file?)", source_id)
        self._excel_ids.check(candidate.row, source_id, fields.get("name"))  # refuses the whole file
        if len(source_id) > MAX_SOURCE_ID:
            source_id = stable_id(source_id)
        candidate.source_id = source_id

        for name in TEXT_FIELDS:
            if name in fields:
                value = "" if fields[name] is None else str(fields[name])
                if name not in ("description", "accessibility_notes"):
                    value = " ".join(value.split())
                fields[name] = value.strip()
        if not fields.get("name"):
            raise RowRejected("no name", source_id)
        for name in TEXT_FIELDS:
            limit = MAX_LENGTHS[name]
            if name in fields and limit and len(fields[name]) > limit:
                raise RowRejected(f"{name} is longer than {limit} characters", source_id)

        self._clean_vocabularies(candidate)
        for name in BOOLEAN_FIELDS:
            if name in fields:
                value = vocab.parse_bool(fields[name])  # None: not known, never "no"
                if value is None and str(fields[name] or "").strip():
                    candidate.warnings.append(
                        f"{name} “{fields[name]}” is not yes or no (taken as not known)"
                    )
                fields[name] = value
        if "website" in fields:
            fields["website"], warning = vocab.clean_website(fields["website"])
            if warning:
                candidate.warnings.append(warning)
        if "public_email" in fields:
            fields["public_email"], warning = vocab.clean_email(fields["public_email"])
            if warning:
                candidate.warnings.append(warning)
        country = (fields.get("country") or self.default_country).strip().upper()
        country = {"UK": "GB", "USA": "US"}.get(country, country)
        if not re.fullmatch(r"[A-Z]{2}", country):
            raise RowRejected(f"country “{fields.get('country')}” is not a two-letter code", source_id)
        fields["country"] = country
        if fields.get("postcode"):
            fields["postcode"] = " ".join(fields["postcode"].upper().split())
        if "status" in fields:  # left alone when the source does not say (a moderator may have closed it)
            status = STATUS_WORDS.get(str(fields["status"] or "").strip().lower())
            if status is None:
                raise RowRejected(
                    f"status “{fields['status']}” is not one of open, temporarily closed, closed", source_id
                )
            fields["status"] = status
        if fields.get("last_verified"):
            value = fields["last_verified"]
            day = value if isinstance(value, dt.date) else parse_date(str(value)[:10])
            if day is None:
                candidate.warnings.append(f"last_verified “{value}” is not a date (left out)")
            fields["last_verified"] = day
        else:
            fields.pop("last_verified", None)

    def _clean_vocabularies(self, candidate: Candidate) -> None:
        fields = candidate.fields
        for name, vocabulary in (("categories", CATEGORIES), ("third_space_types", THIRD_SPACE_TYPES)):
            if name in fields and fields[name] is not None:
                values = fields[name] if isinstance(fields[name], list) else [fields[name]]
                values = [str(v).strip() for v in values if str(v).strip()]
                unknown = [v for v in values if v not in vocabulary]
                if unknown:
                    raise RowRejected(f"{name}: unknown value “{unknown[0]}”", candidate.source_id)
                fields[name] = list(dict.fromkeys(values))
        for name, vocabulary in (("setting", SETTINGS), ("kind", KINDS)):
            value = str(fields.get(name) or "").strip()
            if value and value not in vocabulary:
                raise RowRejected(f"{name}: unknown value “{value}”", candidate.source_id)
            if name in fields:
                fields[name] = value
        fields.setdefault("categories", [])
        defaults = vocab.category_defaults(fields["categories"])
        for name, value in defaults.items():
            explicit = name in candidate.explicit or name in getattr(self, "explicit_fields", ())
            if fields.get(name) in (None, "", []) and not explicit:
                fields[name] = list(value) if isinstance(value, list) else value

    # --- stage 2: duplicate ids ------------------------------------------------------------

    def _resolve_duplicate_ids(self, candidates: list[Candidate], result: ImportReport) -> list[Candidate]:
        by_id: dict[str, list[Candidate]] = defaultdict(list)
        for candidate in candidates:
            by_id[candidate.source_id].append(candidate)
        kept = []
        for candidate in candidates:
            group = by_id[candidate.source_id]
            if len(group) == 1:
                kept.append(candidate)
                continue
            if candidate is not group[0]:
                continue
            winner = _preferred(group)
            for other in group:
                if other is winner:
                    continue
                note = _absorb(winner, other)
                result.add_line(
                    other.row, other.source_id, "merged", f"duplicate id: row {winner.row} kept{note}"
                )
            kept.append(winner)
        return sorted(kept, key=lambda c: c.row)

    # --- stage 3: locate ---------------------------------------------------------------------

    def _locate_all(self, candidates: list[Candidate], result: ImportReport) -> list[Candidate]:
        self._offsets = positions.OffsetSurvey()
        kept = []
        for candidate in progress_bar(candidates, desc="Locating", enabled=self.progress):
            try:
                self.locate(candidate)
            except RowRejected as error:
                result.add_line(candidate.row, candidate.source_id, error.status, error.reason)
                continue
            kept.append(candidate)
        if note := self._offsets.note():
            result.notes.append(note)
        return kept

    def _latlon(self, candidate: Candidate) -> tuple[tuple[float, float] | None, str]:
        """((lat, lon), "") when the row's latitude/longitude are usable, else (None, why not)."""
        fields = candidate.fields
        raw_lat, raw_lon = fields.get("latitude"), fields.get("longitude")
        if raw_lat in (None, "") and raw_lon in (None, ""):
            return None, ""
        try:
            lat, lon = float(str(raw_lat).strip()), float(str(raw_lon).strip())
        except ValueError:
            return None, f"bad coordinates “{raw_lat}”, “{raw_lon}” (not numbers)"
        if not (math.isfinite(lat) and math.isfinite(lon)) or not (-90 <= lat <= 90 and -180 <= lon <= 180):
            return None, f"bad coordinates “{raw_lat}”, “{raw_lon}” (out of range)"
        if lat == 0 and lon == 0:
            return None, "bad coordinates 0, 0"
        if fields.get("country") == "GB" and 49 <= lon <= 61 and -9 <= lat <= 2:
            return None, f"bad coordinates “{raw_lat}”, “{raw_lon}” (latitude and longitude look swapped)"
        return (lat, lon), ""

    def _coordinates(self, candidate: Candidate) -> tuple[tuple[float, float] | None, str, str]:
        """((lat, lon), basis, "") from the row's own coordinates, else (None, "", why not).

        A grid reference (easting/northing) wins over latitude/longitude: lat/lon columns are
        often derived from it, sometimes wrongly (the GLA's 2018 files: a datum slip of ~124 m).
        Rows with both are measured against each other for the report's note."""
        fields = candidate.fields
        raw_east, raw_north = fields.pop("easting", None), fields.pop("northing", None)
        latlon, latlon_problem = self._latlon(candidate)
        has_east, has_north = raw_east not in (None, ""), raw_north not in (None, "")
        if not (has_east or has_north):
            return latlon, ("latitude/longitude" if latlon else ""), latlon_problem
        crs = self.crs
        if has_east and has_north:
            try:
                grid = positions.grid_to_latlon(raw_east, raw_north, crs=crs)
            except positions.PositionError as error:
                problem = str(error)
            else:
                if latlon:
                    gap = self._offsets.add(grid, latlon)
                    if gap.metres > positions.WILD_M:
                        where = f"{gap.metres / 1000:.1f} km {positions.compass(gap.bearing)}"
                        candidate.warnings.append(
                            f"latitude/longitude “{fields['latitude']}”, “{fields['longitude']}” are {where} "
                            f"of the grid reference “{raw_east}”, “{raw_north}”: the grid reference was used "
                            "(check which is right)"
                        )
                return grid, positions.grid_basis(crs), ""
        else:
            given, missing = ("easting", "a northing") if has_east else ("northing", "an easting")
            problem = f"{given} “{raw_east or raw_north}” without {missing}"
        if latlon:
            candidate.warnings.append(f"{problem}: located by latitude/longitude instead")
            return latlon, "latitude/longitude", ""
        return None, "", "; ".join(p for p in (problem, latlon_problem) if p)

    def coordinates_provenance(self, candidate: Candidate, basis: str) -> tuple[str, str, str]:
        """(location_source, location_precision, location_basis) of a row's own coordinates: the
        source's precision and the columns read. A format that states them per record overrides it."""
        return "import", self.precision, basis

    def _geocode(self, query: str, country: str):
        from geocoding.services import geocode

        key = (query.lower(), country)
        if key not in self._geocode_cache:
            # An import runs as a command or task, so it may wait for the online geocoder.
            self._geocode_cache[key] = geocode(query, country=country or None, wait=True)
        return self._geocode_cache[key]

    def _reverse(self, lat: float, lon: float):
        from geocoding.services import reverse_geocode

        key = (round(lat, REVERSE_CACHE_DECIMALS), round(lon, REVERSE_CACHE_DECIMALS))
        if key not in self._reverse_cache:
            self._reverse_cache[key] = reverse_geocode(*key, wait=True)
        return self._reverse_cache[key]

    def locate(self, candidate: Candidate) -> None:
        """Give the candidate a position and its area, or reject it with the reason."""
        from geocoding.exceptions import GeocodingUnavailable, InvalidLocation

        fields = candidate.fields
        point, basis, problem = self._coordinates(candidate)
        fields["needs_geocoding"] = False
        if point:
            fields["latitude"], fields["longitude"] = point
            provenance = self.coordinates_provenance(candidate, basis)
            fields["location_source"], fields["location_precision"], fields["location_basis"] = provenance
        else:
            fields["latitude"] = fields["longitude"] = None
            fields["location_source"] = fields["location_precision"] = fields["location_basis"] = ""
            postcode = fields.get("postcode", "")
            address = ", ".join(p for p in (fields.get("address"), fields.get("locality")) if p)
            query = postcode or address
            if not query:
                if self.allow_unlocated:
                    candidate.warnings.append((problem or "no position") + "; imported without a location")
                    return
                raise RowRejected(
                    (problem + " and no postcode or address")
                    if problem
                    else "no coordinates, postcode or address",
                    candidate.source_id,
                )
            what = f"postcode “{postcode}”" if postcode else f"address “{address}”"
            try:
                found = self._geocode(query, fields["country"])
            except InvalidLocation as error:
                found, problem = None, f"{problem + '; ' if problem else ''}{what}: {error.message}"
            except GeocodingUnavailable:
                fields["needs_geocoding"] = True
                candidate.warnings.append(f"geocoder unavailable for {what}: queued for geocode_pending")
                return
            else:
                if found is None:
                    problem = f"{problem + '; ' if problem else ''}{what} not found"
            if found is None:
                if self.allow_unlocated:
                    candidate.warnings.append(problem + "; imported without a location")
                    return
                raise RowRejected(problem, candidate.source_id)
            if problem:
                candidate.warnings.append(f"{problem}: located by {what} instead")
            fields["latitude"], fields["longitude"] = found.latitude, found.longitude
            fields["location_source"] = found.source
            fields["location_precision"] = PRECISION_MAP.get(found.precision, "")
            fields["location_basis"] = geocoded_basis(found, query)
            if found.warning:  # a Northern Ireland or island postcode, a terminated one: placed coarsely
                candidate.warnings.append(f"{what}: {found.warning}")
            elif warning := centroid_warning(found, fields["country"]):
                candidate.warnings.append(warning)
            if found.postcode and not postcode:
                fields["postcode"] = found.postcode
            self._apply_area(fields, found)
            return
        if self.areas and not fields.get("admin_district_code"):
            try:
                found = self._reverse(*point)
            except GeocodingUnavailable:
                found = None
            # A far-away nearest match (a sparse gazetteer) would name the wrong local authority.
            if found is not None and (found.distance_m is None or found.distance_m <= MAX_AREA_DISTANCE_M):
                self._apply_area(fields, found)

    @staticmethod
    def _apply_area(fields: dict, found) -> None:
        for name in AREA_FIELDS:
            if not fields.get(name):
                fields[name] = getattr(found, name, "") or ""
        if not fields.get("region") and getattr(found, "region", ""):
            fields["region"] = found.region

    # --- stage 4: what this source imported before ------------------------------------------

    def _existing(self, candidates: list[Candidate], result: ImportReport) -> dict[str, dict]:
        ids = [c.source_id for c in candidates]
        existing: dict[str, dict] = {}
        columns = (
            "id",
            "source_id",
            "live",
            "has_unpublished_changes",
            "merged_into_id",
            "possible_duplicate_of_id",
            "duplicate_reasons",
            *COMPARED_FIELDS,
        )
        for start in range(0, len(ids), 500):
            queryset = Asset.objects.filter(data_source=self.source, source_id__in=ids[start : start + 500])
            for row in queryset.values(*columns):
                existing[row["source_id"]] = row
        total = Asset.objects.filter(data_source=self.source).exclude(source_id="").count()
        result.not_in_file = max(0, total - len(existing))
        return existing

    def _classify(self, candidates: list[Candidate], existing: dict[str, dict], result: ImportReport) -> None:
        from assets_registry.models import OpeningHours

        with_hours = [
            existing[c.source_id]["id"] for c in candidates if c.source_id in existing and c.opening_hours
        ]
        hours: dict[int, list] = defaultdict(list)
        for start in range(0, len(with_hours), 500):
            rows = OpeningHours.objects.filter(asset_id__in=with_hours[start : start + 500])
            for asset_id, *period in rows.order_by("asset_id", "sort_order", "pk").values_list(
                "asset_id", "weekday", "opens", "closes"
            ):
                hours[asset_id].append(tuple(period))
        for candidate in candidates:
            row = existing.get(candidate.source_id)
            if row is None:
                candidate.action = "create"
                continue
            candidate.existing_id = row["id"]
            if row["merged_into_id"]:  # a moderator merged it: re-importing must not bring it back
                candidate.action = "merged"
                reason = f"merged into #{row['merged_into_id']} by a moderator: not re-created"
                result.add_line(candidate.row, candidate.source_id, "merged", reason)
                continue
            if not self.trusted and row["live"] and row["has_unpublished_changes"]:
                # An earlier moderated import left changes awaiting approval: compare with those.
                row = _latest_revision_values(row)
            same = all(_same(row.get(name), value) for name, value in candidate.fields.items())
            if candidate.opening_hours is not None:
                same = same and hours.get(row["id"], []) == list(candidate.opening_hours)
            awaiting = not row["live"] and row["possible_duplicate_of_id"]
            if awaiting:
                # Held as a possible duplicate by an earlier run: it stays held (a change updates
                # the draft) until a moderator merges it or says it is a space of its own.
                candidate.duplicate_of_id = row["possible_duplicate_of_id"]
                candidate.duplicate_reasons = row["duplicate_reasons"]
                reason = f"still a possible duplicate of #{candidate.duplicate_of_id}: awaits a moderator"
                candidate.warnings.append(reason)
            elif self.trusted and not row["live"]:
                same = False  # a moderated draft from an earlier run: a trusted import publishes it
            candidate.action = "unchanged" if same else "update"

    # --- stage 5: possible duplicates ---------------------------------------------------------

    def _check_near_duplicates(self, candidates: list[Candidate], result: ImportReport) -> list[Candidate]:
        """New rows against published spaces (other sources or ids) and earlier rows of the file."""
        new = [c for c in candidates if c.action == "create" and c.point]
        if not new:
            return candidates
        grid = _Grid()
        lats = [c.point[0] for c in new]
        lons = [c.point[1] for c in new]
        margin = search_radius_m("region") / METRES_PER_DEGREE_LAT  # the widest look, in degrees
        wide = margin / max(math.cos(math.radians(max(abs(min(lats)), abs(max(lats))))), 0.05)
        nearby = (
            public_assets()
            .filter(
                latitude__range=(min(lats) - margin, max(lats) + margin),
                longitude__range=(min(lons) - wide, max(lons) + wide),
            )
            .values_list(*_MATCH_COLUMNS)
        )
        for pk, data_source, source_id, *values in nearby.iterator(chunk_size=5000):
            if data_source == self.source and source_id:
                continue  # our own earlier records: matched by id, not by name
            place = Place.from_fields(dict(zip(_MATCH_COLUMNS[3:], values, strict=True)))
            grid.add(place.point, ("asset", pk, place))
        flagged = 0
        rows = {(c.source_id, c.row): c for c in new}
        absorbed: set[int] = set()
        for candidate in new:
            place = Place.from_fields(candidate.fields)
            best = None
            for kind, ref, other, _distance in grid.near(place.point, search_radius_m(place.tolerance_class)):
                if not worth_comparing(place.name, other.name):
                    continue
                match = compare(place, other)
                if match.is_duplicate and (best is None or match.score > best[2].score):
                    best = (kind, ref, match, other)
            if best is None:
                grid.add(place.point, ("row", (candidate.source_id, candidate.row), place))
                continue
            kind, ref, match, other = best
            where = f"#{ref} “{other.name}”" if kind == "asset" else f"row {ref[1]} “{other.name}”"
            if (
                kind == "row"
                and match.decision == SAME
                and {"same address", "same property id"} & set(match.reasons)
            ):
                # One venue listed twice in the file at one address (under two categories, say): one
                # space, as rows sharing an id are. A published space is never changed this way, and
                # without the same address (two branches of a chain) a moderator decides.
                note = _absorb(rows[ref], candidate)
                result.add_line(
                    candidate.row,
                    candidate.source_id,
                    "merged",
                    f"same space as {where} ({match.summary}){note}",
                )
                absorbed.add(id(candidate))
                continue
            if self.trusted and self.allow_duplicates:
                message = (
                    f"possible duplicate of {where} ({match.summary}): published anyway (--allow-duplicates)"
                )
            else:
                flagged += 1
                candidate.duplicate_reasons = match.summary[:255]
                if kind == "asset":
                    candidate.duplicate_of_id = ref
                else:
                    candidate.duplicate_of_row = ref[0]
                message = f"possible duplicate of {where} ({match.summary}): sent to moderation"
            candidate.warnings.append(message)
            grid.add(place.point, ("row", (candidate.source_id, candidate.row), place))
        if flagged:
            result.notes.append(
                f"{flagged} new rows look like spaces already listed: written as drafts marked "
                "“possible duplicate” for a moderator to merge or approve (--allow-duplicates publishes them)"
            )
        return [c for c in candidates if id(c) not in absorbed]


_MATCH_COLUMNS = ("id", "data_source", "source_id", *PLACE_FIELDS)


def _absorb(winner: Candidate, other: Candidate) -> str:
    """Add ``other``'s categories and types to ``winner`` (one venue listed under several
    categories); the report's words for what was added."""
    added = [v for v in other.fields.get("categories", []) if v not in winner.fields["categories"]]
    winner.fields["categories"] += added
    for type_ in other.fields.get("third_space_types", []):
        if type_ not in winner.fields.setdefault("third_space_types", []):
            winner.fields["third_space_types"].append(type_)
    return f"; its categories ({', '.join(added)}) were added there" if added else ""


def _preferred(group: list[Candidate]) -> Candidate:
    """The preferred row of a group sharing an id (e.g. the newest snapshot), else the first."""
    best = group[0]
    try:
        for candidate in group[1:]:
            if candidate.prefer_key is None:
                continue
            if best.prefer_key is None or candidate.prefer_key > best.prefer_key:
                best = candidate
    except TypeError:  # values of different kinds: keep file order
        return group[0]
    return best


def _latest_revision_values(row: dict) -> dict:
    asset = Asset.objects.get(pk=row["id"])
    pending = asset.get_latest_revision_as_object()
    return {**row, **{name: getattr(pending, name) for name in COMPARED_FIELDS}}


def _same(old, new) -> bool:
    if isinstance(old, float) or isinstance(new, float):
        if old is None or new is None:
            return old is new
        return abs(float(old) - float(new)) < 1e-7
    if old in (None, "") and new in (None, ""):
        return True
    return old == new


class _Grid:
    """Points in cells of about 100-200 m, for "what is within r metres" without a query per row."""

    CELL_DEGREES = 0.002

    def __init__(self):
        self.cells: dict[tuple[int, int], list] = defaultdict(list)

    def _cell(self, point: tuple[float, float]) -> tuple[int, int]:
        return (math.floor(point[0] / self.CELL_DEGREES), math.floor(point[1] / self.CELL_DEGREES))

    def add(self, point: tuple[float, float], item) -> None:
        self.cells[self._cell(point)].append((point, item))

    def near(self, point: tuple[float, float], radius_m: float):
        lat, lon = point
        # Only the cells the circle's bounding box touches (slightly widened: the box is in
        # degrees on a sphere), and the exact distance only for points inside that box.
        dlat = radius_m * 1.01 / METRES_PER_DEGREE_LAT
        dlon = dlat / max(math.cos(math.radians(lat)), 0.05)
        size = self.CELL_DEGREES
        found = []
        for row in range(math.floor((lat - dlat) / size), math.floor((lat + dlat) / size) + 1):
            for col in range(math.floor((lon - dlon) / size), math.floor((lon + dlon) / size) + 1):
                for other, item in self.cells.get((row, col), ()):
                    if abs(other[0] - lat) > dlat or abs(other[1] - lon) > dlon:
                        continue
                    distance = great_circle_m(lat, lon, other[0], other[1])
                    if distance <= radius_m:
                        found.append((*item, distance))
        return sorted(found, key=lambda f: f[-1])
