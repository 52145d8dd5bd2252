"""Open Referral HSDS 3.0: API JSON responses, and the tabular form (CSV files + datapackage.json).

JSON: a fully nested service (``/services/{id}``), a page of services or of
service_at_locations (``{"contents": [...]}``), a list of services, or an organization with its
services. Tabular: a folder, or its ``datapackage.json``, whose CSV files (``services.csv``,
``organizations.csv``, ``locations.csv``, ``addresses.csv``, ``schedules.csv``, ...) are joined
back into nested services first. Either way each service becomes one space, keyed by the
service's id, mapped the inverse way of ``exporters.hsds`` (so our own export round-trips):

* name, description (the organization's when the service has none), url, email, status,
  eligibility (who it is for), assured date (last verified), phone, languages;
* the first physical location: position, address, accessibility notes; its attributes whose terms
  are ours give the position's precision and provenance (source, and what it was worked out from)
  and the parts of an address too incomplete to publish as an HSDS address;
* weekly schedules (``byday`` + ``opens_at``/``closes_at``) as opening hours; other schedules'
  descriptions as the opening-hours note;
* attributes whose taxonomy terms are ours (by id) fill categories, types, setting, kind and the
  features (a feature's attribute ``value`` "true"/"false", or the term alone for true; no
  attribute: not known); other publishers' terms whose code or name is one of our values count too;
* service areas that are local authorities or counties (ONS URIs or "Local authority (CODE)").
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from pathlib import Path
from typing import NamedTuple

from django.utils.text import slugify

from assets_registry.exporters import hsds as hsds_export
from assets_registry.importers.base import BaseImporter
from assets_registry.importers.candidate import Candidate
from assets_registry.importers.ohana import refuse_ohana, refuse_ohana_data
from importing.readers import DEFAULT_ENCODING, CsvFile, ImportFileError, read_json
from importing.rows import RowRejected

WEEKDAYS = {code: i for i, code in enumerate(hsds_export.WEEKDAY_CODES)}
FREE_WORDS = {"free", "free of charge", "no charge", "none", "£0", "$0", "0"}
_AREA_DESCRIPTION = re.compile(r"^(Local authority|County)\s*(?:\(([^)]*)\))?\s*$", re.IGNORECASE)

# Tabular form: resource name -> (file name by the HSDS 3.0 schemas, the column that joins it).
TABULAR_TABLES = ("service", "organization", "service_at_location", "location", "address", "phone")
TABULAR_TABLES += ("schedule", "attribute", "taxonomy_term", "taxonomy", "language", "service_area")
TABULAR_TABLES += ("accessibility", "contact")


def _time(value) -> dt.time | None:
    text = str(value or "").strip()
    for fmt in ("%H:%M:%S", "%H:%M"):
        try:
            return dt.datetime.strptime(text[:8], fmt).time()
        except ValueError:
            continue
    return None


def _vocabulary_value(term: dict) -> tuple | None:
    """(vocabulary, value) of one of our terms, by id, else by code or name."""
    found = hsds_export.terms_by_id().get(str(term.get("id") or term.get("taxonomy_term_id") or ""))
    if found:
        return found[0], found[1].value
    for candidate in (term.get("code"), term.get("name")):
        key = slugify(str(candidate or "")).replace("-", "_")
        if not key:
            continue
        for vocabulary, _field, _multi in hsds_export.VOCABULARIES:
            if key in vocabulary:
                return vocabulary, key
    return None


class ServiceFields(NamedTuple):
    fields: dict
    hours: list | None  # None: the service says nothing about opening hours
    warnings: list[str]
    explicit: set[str]  # fields set on purpose, even if empty
    position: dict  # location_precision / location_source / location_basis, as the location gives them


def _location_attributes(location: dict) -> tuple[dict[str, str], dict[str, str]]:
    """(address parts, position provenance) from the location's attributes whose terms are ours."""
    parts: dict[str, str] = {}
    position: dict[str, str] = {}
    for attribute in location.get("attributes") or []:
        term = attribute.get("taxonomy_term") or {}
        key = str(term.get("id") or attribute.get("taxonomy_term_id") or "")
        vocabulary, found = hsds_export.terms_by_id(every=True).get(key, (None, None))
        value = str(attribute.get("value") or "").strip()
        if vocabulary is hsds_export.ADDRESS_PARTS and value:
            parts[found.value] = value
        elif vocabulary is hsds_export.LOCATION_PRECISION:
            position["location_precision"] = found.value
        elif vocabulary is hsds_export.LOCATION_SOURCE:
            position["location_source"] = found.value
            position["location_basis"] = value[:100]
    return parts, position


def fields_from_service(service: dict) -> ServiceFields:
    """What a nested service says about a space (see the module docstring)."""
    warnings: list[str] = []
    explicit: set[str] = set()
    organization = service.get("organization") or {}
    name = str(service.get("name") or organization.get("name") or "").strip()
    fields: dict = {"name": name}
    description = str(service.get("description") or "").strip()
    org_description = str(organization.get("description") or "").strip()
    if not description and org_description and org_description != name:
        description = org_description
    fields["description"] = description
    fields["website"] = str(service.get("url") or organization.get("website") or "")
    fields["public_email"] = str(service.get("email") or organization.get("email") or "")
    status = str(service.get("status") or "active").strip().lower()
    fields["status"] = hsds_export.STATUS_FROM_HSDS.get(status, "active")
    if status not in hsds_export.STATUS_FROM_HSDS:
        warnings.append(f"status “{status}” is not an HSDS status (taken as active)")
    fields["audience"] = str(service.get("eligibility_description") or "")
    if service.get("assured_date"):
        fields["last_verified"] = str(service["assured_date"])
    fees = str(service.get("fees_description") or "").strip().lower()

    locations = [sal.get("location") or {} for sal in service.get("service_at_locations") or []]
    locations += [loc for loc in organization.get("locations") or [] if loc not in locations]
    physical = [loc for loc in locations if loc.get("location_type", "physical") == "physical"]
    location = (physical or locations or [{}])[0]
    phones = list(service.get("phones") or [])
    for sal in service.get("service_at_locations") or []:
        phones += sal.get("phones") or []
    phones += (location.get("phones") or []) + (organization.get("phones") or [])
    numbers = [str(p.get("number") or "").strip().strip('"').strip() for p in phones]
    fields["phone"] = next((n for n in numbers if n), "")
    languages = [
        str(lang.get("name") or lang.get("code") or "").strip() for lang in service.get("languages") or []
    ]
    fields["languages"] = ", ".join(dict.fromkeys(lang for lang in languages if lang))

    if location.get("latitude") is not None and location.get("longitude") is not None:
        fields["latitude"], fields["longitude"] = location["latitude"], location["longitude"]
    addresses = location.get("addresses") or []
    address = next(
        (a for a in addresses if a.get("address_type") == "physical"), addresses[0] if addresses else {}
    )
    if address:
        fields["address"] = ", ".join(
            p
            for p in (
                str(address.get("address_1") or "").strip(),
                str(address.get("address_2") or "").strip(),
            )
            if p
        )
        fields["locality"] = str(address.get("city") or "")
        fields["region"] = str(address.get("state_province") or address.get("region") or "")
        fields["postcode"] = str(address.get("postal_code") or "")
        if address.get("country"):
            fields["country"] = str(address["country"])
    parts, position = _location_attributes(location)
    if not address:
        for part, text in parts.items():
            fields[hsds_export.ADDRESS_PARTS_FIELDS[part]] = text
    notes = []
    for item in location.get("accessibility") or []:
        text = "\n".join(str(item.get(k) or "").strip() for k in ("description", "details") if item.get(k))
        if text:
            notes.append(text)
    fields["accessibility_notes"] = "\n\n".join(notes)

    hours, hour_notes = _hours(service, location)
    fields["opening_hours_notes"] = hour_notes[:255]

    for area in service.get("service_areas") or []:
        code, kind, is_admin_area = _area(area)
        if is_admin_area:
            fields[f"admin_{kind}_code"] = code
            fields[f"admin_{kind}_name"] = str(area.get("name") or "")

    values: dict[str, list[str]] = defaultdict(list)
    features: dict[str, str | bool] = {}
    ours = False
    unknown = []
    for attribute in service.get("attributes") or []:
        term = dict(attribute.get("taxonomy_term") or {})
        term.setdefault("id", attribute.get("taxonomy_term_id"))
        found = _vocabulary_value(term)
        if found is None:
            unknown.append(str(term.get("name") or term.get("code") or term.get("id")))
            continue
        vocabulary, value = found
        ours = ours or str(term.get("id")) in hsds_export.terms_by_id()
        if vocabulary is hsds_export.FEATURES:  # "true"/"false" in value; none: the term applies
            features[value] = str(attribute.get("value") or "").strip() or True
        if value not in values[vocabulary.name]:
            values[vocabulary.name].append(value)
    fields["categories"] = values["categories"]
    if values["third_space_types"] or ours:
        fields["third_space_types"] = values["third_space_types"]
    if values["settings"] or ours:
        fields["setting"] = (values["settings"] or [""])[0]
    if values["kinds"] or ours:
        fields["kind"] = (values["kinds"] or [""])[0]
    for feature in hsds_export.FEATURES.values:
        fields[feature] = features.get(feature)  # absent: not known (None), never "no"
    if fields["free"] is None and fees in FREE_WORDS:
        fields["free"] = True
    if ours:
        # Our own export: what is absent was empty, not unknown (no defaults from the category).
        explicit |= {"third_space_types", "setting", "kind"}
    if unknown:
        warnings.append(f"taxonomy terms not known here: {', '.join(unknown[:5])}")
    return ServiceFields(fields, hours, warnings, explicit, position)


def _area(area: dict) -> tuple[str, str, bool]:
    """(code, "district" or "county", whether it is a local authority or county at all)."""
    uri = str(area.get("uri") or "")
    description = str(area.get("description") or "")
    match = _AREA_DESCRIPTION.match(description)
    kind = "county" if match and match.group(1).lower() == "county" else "district"
    if uri.startswith(hsds_export.ONS_GEOGRAPHY):
        return uri[len(hsds_export.ONS_GEOGRAPHY) :].strip("/"), kind, True
    if match:
        return (match.group(2) or "").strip(), kind, True
    return "", kind, False


def _hours(service: dict, location: dict) -> tuple[list | None, str]:
    schedules = list(service.get("schedules") or [])
    for sal in service.get("service_at_locations") or []:
        schedules += sal.get("schedules") or []
    schedules += location.get("schedules") or []
    if not schedules:
        return None, ""
    periods: list[tuple[int, dt.time, dt.time]] = []
    notes: list[str] = []
    for schedule in schedules:
        days = [
            WEEKDAYS.get(d.strip().upper()) for d in str(schedule.get("byday") or "").split(",") if d.strip()
        ]
        opens, closes = _time(schedule.get("opens_at")), _time(schedule.get("closes_at"))
        weekly = str(schedule.get("freq") or "WEEKLY").upper() == "WEEKLY"
        if weekly and days and None not in days and opens and closes:
            periods += [(day, opens, closes) for day in days]
        else:
            text = str(schedule.get("description") or schedule.get("notes") or "").strip()
            if text:
                notes.append(text)
    return periods, " ".join(notes)


# --- reading the two forms -------------------------------------------------------------------


def services_from_json(data) -> list[dict]:
    """The nested services in an HSDS API response (see the module docstring)."""
    items = data.get("contents") if isinstance(data, dict) and "contents" in data else data
    if isinstance(items, dict):
        if "services" in items and "service_at_locations" not in items and "status" not in items:
            organization = {k: v for k, v in items.items() if k != "services"}
            return [
                {**s, "organization": s.get("organization") or organization} for s in items["services"] or []
            ]
        items = [items]
    if not isinstance(items, list):
        raise ImportFileError("Not an HSDS response: expected a service, a list, or a page with contents.")
    services = []
    for item in items:
        if not isinstance(item, dict):
            services.append(item)
            continue
        if "service" in item and "location" in item:  # a service_at_location
            service = dict(item.get("service") or {})
            service.setdefault("id", item.get("service_id"))
            service.setdefault(
                "service_at_locations", [{"id": item.get("id"), "location": item.get("location")}]
            )
            services.append(service)
        else:
            services.append(item)
    return services


def _group(rows: list[dict], column: str) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        if row.get(column):
            grouped[row[column]].append(row)
    return grouped


def _number(value):
    try:
        return float(value) if str(value).strip() != "" else None
    except ValueError:
        return value  # left as text: the importer reports it as bad coordinates


class TabularPackage:
    """An HSDS tabular package read back into nested services, one per services.csv row."""

    def __init__(self, path: Path, *, encoding: str = DEFAULT_ENCODING):
        path = Path(path)
        self.directory = path.parent if path.is_file() else path
        if not self.directory.is_dir():
            raise ImportFileError(f"{path} is neither a folder nor a datapackage.json.")
        names = {name: hsds_export.table_schema(name)["path"] for name in TABULAR_TABLES}
        descriptor = self.directory / "datapackage.json"
        if descriptor.exists():
            package = read_json(descriptor, encoding)
            for resource in package.get("resources", []) if isinstance(package, dict) else []:
                if resource.get("name") in names and resource.get("path"):
                    names[resource["name"]] = resource["path"]
        self.tables: dict[str, CsvFile] = {}
        for name, filename in names.items():
            file = self.directory / filename
            if file.exists():
                self.tables[name] = CsvFile(file, encoding=encoding)
        if "service" not in self.tables:
            raise ImportFileError(f"{self.directory} has no {names['service']}: not an HSDS tabular package.")
        self.tables["service"].require(["id", "name"])

    def rows(self, name: str) -> list[dict]:
        table = self.tables.get(name)
        return [row for _number, row in table.rows()] if table else []

    def services(self):
        """(row number in services.csv, nested service) pairs."""
        organizations = {row["id"]: row for row in self.rows("organization") if row.get("id")}
        locations = {row["id"]: dict(row) for row in self.rows("location") if row.get("id")}
        for location in locations.values():
            location["latitude"] = _number(location.get("latitude"))
            location["longitude"] = _number(location.get("longitude"))
        addresses = _group(self.rows("address"), "location_id")
        accessibility = _group(self.rows("accessibility"), "location_id")
        terms = {row["id"]: row for row in self.rows("taxonomy_term") if row.get("id")}
        attributes = _group(self.rows("attribute"), "link_id")
        for location_id, location in locations.items():
            location["addresses"] = addresses.get(location_id, [])
            location["accessibility"] = accessibility.get(location_id, [])
            location["attributes"] = _with_terms(attributes.get(location_id, []), terms)
        phones = self.rows("phone")
        schedules = self.rows("schedule")
        by_service = {
            "phones": _group(phones, "service_id"),
            "schedules": _group(schedules, "service_id"),
            "languages": _group(self.rows("language"), "service_id"),
            "service_areas": _group(self.rows("service_area"), "service_id"),
        }
        location_phones = _group(phones, "location_id")
        sal_schedules = _group(schedules, "service_at_location_id")
        sals = _group(self.rows("service_at_location"), "service_id")
        for number, row in self.tables["service"].rows():
            service = dict(row)
            service_id = row.get("id", "")
            for key, grouped in by_service.items():
                service[key] = grouped.get(service_id, [])
            organization = organizations.get(row.get("organization_id", ""))
            if organization:
                service["organization"] = organization
            service["service_at_locations"] = []
            for sal in sals.get(service_id, []):
                location = locations.get(sal.get("location_id", ""))
                if location is None:
                    continue
                location = {**location, "phones": location_phones.get(location["id"], [])}
                service["service_at_locations"].append(
                    {**sal, "location": location, "schedules": sal_schedules.get(sal.get("id", ""), [])}
                )
            service["attributes"] = _with_terms(attributes.get(service_id, []), terms)
            yield number, service


def _with_terms(attributes: list[dict], terms: dict[str, dict]) -> list[dict]:
    """Attribute rows with their taxonomy term joined in (or just its id, when the package lacks it)."""
    return [
        {**a, "taxonomy_term": terms.get(a.get("taxonomy_term_id", ""), {"id": a.get("taxonomy_term_id")})}
        for a in attributes
    ]


class HsdsImporter(BaseImporter):
    format_name = "hsds"

    def __init__(self, path: Path, *, encoding: str = "", **options):
        options.setdefault("source", "hsds")
        super().__init__(**options)
        self.path = Path(path)
        self.encoding = encoding or DEFAULT_ENCODING
        self.package: TabularPackage | None = None
        self.services: list = []
        # Row number -> the position's provenance as the package gives it (``coordinates_provenance``).
        self._positions: dict[int, dict] = {}

    @property
    def tabular(self) -> bool:
        return (
            self.path.is_dir() or self.path.name == "datapackage.json" or self.path.suffix.lower() == ".csv"
        )

    def prepare(self) -> None:
        if self.tabular:
            if self.path.is_dir():
                refuse_ohana(self.path, self.encoding)  # a folder of Ohana JSON files
            target = self.path.parent if self.path.suffix.lower() == ".csv" else self.path
            self.package = TabularPackage(target, encoding=self.encoding)
            return
        try:
            data = read_json(self.path, self.encoding)
        except ImportFileError:
            refuse_ohana(self.path, self.encoding)  # Ohana's sample data is JSON lines, not JSON
            raise
        refuse_ohana_data(data, self.path.name)
        self.services = services_from_json(data)

    def total(self) -> int | None:
        return len(self.package.tables["service"]) if self.package else len(self.services)

    def records(self):
        if self.package:
            yield from self.package.services()
        else:
            yield from enumerate(self.services, start=1)

    def candidate(self, number: int, service) -> Candidate:
        if not isinstance(service, dict):
            raise RowRejected("not an HSDS service object")
        source_id = str(service.get("id") or "").strip()
        if not source_id:
            raise RowRejected("service without an id")
        found = fields_from_service(service)
        if found.position:
            self._positions[number] = found.position
        return Candidate(
            row=number,
            source_id=source_id,
            fields=found.fields,
            opening_hours=found.hours,
            warnings=found.warnings,
            explicit=found.explicit,
        )

    def coordinates_provenance(self, candidate: Candidate, basis: str) -> tuple[str, str, str]:
        """The package's own provenance for the position it gave: a ZIP centroid exported by a
        registry comes back as "postcode" precision, placed by the gazetteer from "ZIP 21201", not
        as a surveyed point."""
        source, precision, basis = super().coordinates_provenance(candidate, basis)
        given = self._positions.get(candidate.row, {})
        return (
            given.get("location_source") or source,
            given.get("location_precision") or precision,
            given.get("location_basis") or basis,
        )
