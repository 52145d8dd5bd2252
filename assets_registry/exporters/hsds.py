"""Open Referral HSDS 3.0: our spaces as organizations, services and locations.

How a space maps (docs/api.md has the table):

* one **organization** and one **service** per space (a community asset is usually its own
  organisation: a club, a congregation, a library service);
* when it has a position or an address, one **location** (physical) with its **address** (only
  when every part HSDS requires is known) and **accessibility** notes, joined to the service by
  one **service_at_location**;
* where the position came from (precision, source, and what it was worked out from) and the parts
  of an address too incomplete for an HSDS address are **attributes of the location**: terms of
  taxonomies we publish, with the text in the attribute's ``value`` (HSDS's own extension point;
  docs/api.md says why);
* our vocabularies (categories, third-space types, settings, kinds, and the features free,
  step-free, open to all, mixed ages) are HSDS **taxonomies**, attached to the service as
  **attributes** (a feature's attribute has ``value`` "true" or "false"; not known: no attribute);
* opening hours are weekly **schedules** (``freq=WEEKLY``, ``byday``, ``opens_at``, ``closes_at``);
  the opening-hours note is a schedule with only a ``description``;
* the local authority and county are **service_areas** (GB codes as ONS statistical-geography URIs);
* phone, languages and the public e-mail map to their HSDS fields. Never the submitter's e-mail.

Identifiers are UUIDs: taxonomy terms are the same on every installation (UUID 5 in a fixed
namespace); record ids are UUID version 8 (RFC 9562, "custom") whose low 48 bits hold the
space's primary key and whose other bits are a hash of the publisher and the record type, so
``/services/{id}`` can find the space without a lookup table and ids never collide across types.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

from django.conf import settings

from assets_registry import hsds_schema
from assets_registry.taxonomy import (
    CATEGORIES,
    KINDS,
    LOCATION_PRECISIONS,
    LOCATION_SOURCES,
    SETTINGS,
    THIRD_SPACE_TYPES,
    Term,
    Vocabulary,
)

HSDS_VERSION = "3.0"
HSDS_PROFILE = "https://openreferral.org/specification/3.0"

# Fixed forever: taxonomy ids derive from it, so consumers can rely on them across installations.
TAXONOMY_NAMESPACE = uuid.UUID("6f0b1d5e-2c47-4a8e-9b3d-7e1f4c2a9d60")

FEATURES = Vocabulary(
    "features",
    "Feature",
    [
        Term("free", "Free to use", 0),
        Term("step_free", "Step-free access", 1),
        Term("open_to_all", "Open to all", 2),
        Term("mixed_ages", "Mixed ages", 3),
    ],
)
# (vocabulary, the Asset field it fills, multi-valued?)
VOCABULARIES: tuple[tuple[Vocabulary, str, bool], ...] = (
    (CATEGORIES, "categories", True),
    (THIRD_SPACE_TYPES, "third_space_types", True),
    (SETTINGS, "setting", False),
    (KINDS, "kind", False),
    (FEATURES, "", True),
)


def _choices_vocabulary(name: str, label: str, choices: list[tuple[str, str]]) -> Vocabulary:
    return Vocabulary(
        name, label, [Term(value, text, i) for i, (value, text) in enumerate(c for c in choices if c[0])]
    )


# Attributes of the location, not of the service: where its position came from, and the parts of
# an address that HSDS cannot take as an address because a required part is unknown.
LOCATION_PRECISION = _choices_vocabulary("location_precision", "Location precision", LOCATION_PRECISIONS)
LOCATION_SOURCE = _choices_vocabulary("location_source", "Location source", LOCATION_SOURCES)
# (HSDS address field, its label, our field): HSDS requires every one of them in an address.
_ADDRESS_PARTS = (
    ("address_1", "Street address", "address"),
    ("city", "Town or city", "locality"),
    ("state_province", "Region, county or state", "region"),
    ("postal_code", "Postcode or ZIP code", "postcode"),
    ("country", "Country (ISO 3166-1 alpha-2 code)", "country"),
)
ADDRESS_PARTS_FIELDS = {part: field for part, _label, field in _ADDRESS_PARTS}
ADDRESS_PARTS = _choices_vocabulary(
    "address_parts", "Address part", [(p, label) for p, label, _f in _ADDRESS_PARTS]
)
LOCATION_VOCABULARIES = (LOCATION_PRECISION, LOCATION_SOURCE, ADDRESS_PARTS)
TAXONOMY_DESCRIPTIONS = {
    "categories": "What kind of community space it is (values follow OpenStreetMap tags).",
    "third_space_types": "How a third space brings people together: identity, activity or purpose.",
    "settings": "The social-capital setting: religious, hobby or recreational, volunteering, civic.",
    "kinds": "The kind of community asset: individual, association, organisation, physical, economic "
    "or cultural.",
    "features": "Bridging features: free to use, step-free access, open to all, mixed ages.",
    "location_precision": "How precise a location's position is: exact, street address, postcode or ZIP "
    "code, postcode district, town or place, or region.",
    "location_source": "What placed a location: the offline gazetteer, Nominatim, a person, or the "
    "imported data. The attribute's value says what the position was worked out from, e.g. "
    "'postcode W5 2HL' or 'easting/northing (EPSG:27700)'.",
    "address_parts": "The known parts of an address that lacks a part HSDS requires (street, city, "
    "state or province, postal code, country), so is not published as an address: one attribute of "
    "the location per part, the text in its value.",
}

STATUS_TO_HSDS = {"active": "active", "temporarily_closed": "temporarily closed", "closed": "defunct"}
STATUS_FROM_HSDS = {
    "active": "active",
    "temporarily closed": "temporarily_closed",
    "inactive": "temporarily_closed",
}
STATUS_FROM_HSDS["defunct"] = "closed"
WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
ONS_GEOGRAPHY = "http://statistics.data.gov.uk/id/statistical-geography/"
AREA_KINDS = {"district": "Local authority", "county": "County"}

_PK_BITS = 48
_PK_MASK = (1 << _PK_BITS) - 1


# --- identifiers ---------------------------------------------------------------------------


def publisher_uri() -> str:
    """Scopes record ids to this installation (``HSDS_PUBLISHER_URI``, else the site's base URL)."""
    return getattr(settings, "HSDS_PUBLISHER_URI", "") or settings.WAGTAILADMIN_BASE_URL


@cache
def _id_base(publisher: str, entity: str) -> int:
    digest = int.from_bytes(hashlib.sha256(f"{publisher}|{entity}".encode()).digest()[:16], "big")
    value = digest & ~_PK_MASK
    value &= ~(0xF << 76)
    value |= 0x8 << 76  # version 8
    value &= ~(0x3 << 62)
    value |= 0x2 << 62  # RFC 9562 variant
    return value


def record_id(entity: str, pk: int) -> str:
    """The UUID of record type ``entity`` ("service", "organization", "location", ...) for space ``pk``."""
    if not 0 < pk <= _PK_MASK:
        raise ValueError(f"primary key out of range: {pk}")
    return str(uuid.UUID(int=_id_base(publisher_uri(), entity) | pk))


def pk_from_record_id(entity: str, value: str) -> int | None:
    """The space's primary key in one of our record ids, or None if it is not one."""
    try:
        number = uuid.UUID(str(value)).int
    except (ValueError, AttributeError, TypeError):
        return None
    if number & ~_PK_MASK != _id_base(publisher_uri(), entity):
        return None
    return (number & _PK_MASK) or None


def taxonomy_id(vocabulary: Vocabulary) -> str:
    return str(uuid.uuid5(TAXONOMY_NAMESPACE, f"taxonomy/{vocabulary.name}"))


def term_id(vocabulary: Vocabulary, value: str) -> str:
    return str(uuid.uuid5(TAXONOMY_NAMESPACE, f"taxonomy_term/{vocabulary.name}/{value}"))


# --- taxonomies ----------------------------------------------------------------------------


def taxonomy_name(vocabulary: Vocabulary) -> str:
    return f"Connected Places Hub {vocabulary.name.replace('_', ' ')}"


def taxonomy(vocabulary: Vocabulary) -> dict:
    return {
        "id": taxonomy_id(vocabulary),
        "name": taxonomy_name(vocabulary),
        "description": TAXONOMY_DESCRIPTIONS[vocabulary.name],
        "version": "1",
    }


def taxonomy_term(vocabulary: Vocabulary, term: Term, *, nested: bool = False) -> dict:
    data = {
        "id": term_id(vocabulary, term.value),
        "code": term.value,
        "name": term.label,
        "description": term.description or term.label,
        "taxonomy": taxonomy_name(vocabulary),
        "taxonomy_id": taxonomy_id(vocabulary),
        "language": "en",
    }
    if nested:
        data["taxonomy_detail"] = taxonomy(vocabulary)
    return data


def all_vocabularies() -> list[Vocabulary]:
    """Every taxonomy we publish: the services' (which find-a-space filters on), then the locations'."""
    return [vocabulary for vocabulary, _field, _multi in VOCABULARIES] + list(LOCATION_VOCABULARIES)


def all_taxonomies() -> list[dict]:
    return [taxonomy(vocabulary) for vocabulary in all_vocabularies()]


def all_taxonomy_terms() -> list[dict]:
    return [taxonomy_term(vocabulary, term) for vocabulary in all_vocabularies() for term in vocabulary.terms]


@cache
def terms_by_id(*, every: bool = False) -> dict[str, tuple[Vocabulary, Term]]:
    """The services' terms by id (what a filter or an import reads); ``every=True``: the locations' too."""
    vocabularies = all_vocabularies() if every else [v for v, _field, _multi in VOCABULARIES]
    return {
        term_id(vocabulary, term.value): (vocabulary, term)
        for vocabulary in vocabularies
        for term in vocabulary.terms
    }


@cache
def vocabularies_by_taxonomy_id(*, every: bool = False) -> dict[str, Vocabulary]:
    vocabularies = all_vocabularies() if every else [v for v, _field, _multi in VOCABULARIES]
    return {taxonomy_id(vocabulary): vocabulary for vocabulary in vocabularies}


def row_terms(row: dict) -> list[tuple[Vocabulary, Term]]:
    """The taxonomy terms a space carries, in vocabulary order."""
    found = []
    for vocabulary, field, multi in VOCABULARIES:
        if vocabulary is FEATURES:
            # Known ones only (true or false: the attribute's value says which); not known: omitted.
            values = [t.value for t in FEATURES.terms if row.get(t.value) is not None]
        elif multi:
            values = row.get(field) or []
        else:
            values = [row[field]] if row.get(field) else []
        found += [(vocabulary, vocabulary.by_value[v]) for v in values if v in vocabulary]
    return found


# --- one space as HSDS objects -------------------------------------------------------------


def _clean(data: dict) -> dict:
    """Drop empty optional values: HSDS types are strict (a string field may not be null)."""
    return {k: v for k, v in data.items() if v not in (None, "")}


def _last_modified(row: dict) -> str | None:
    value = row.get("updated_at")
    if not value:
        return None
    moment = dt.datetime.fromisoformat(value) if isinstance(value, str) else value
    return moment.astimezone(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def has_location(row: dict) -> bool:
    located = row.get("latitude") is not None and row.get("longitude") is not None
    return located or any(row.get(k) for k in ("address", "postcode", "locality"))


def organization(row: dict) -> dict:
    return _clean(
        {
            "id": record_id("organization", row["id"]),
            "name": row["name"],
            "description": row.get("description") or row["name"],
            "email": row.get("public_email"),
            "website": row.get("website"),
        }
    )


def service_core(row: dict) -> dict:
    """The service's own (one-to-one) fields, as in the list endpoints and services.csv."""
    return _clean(
        {
            "id": record_id("service", row["id"]),
            "organization_id": record_id("organization", row["id"]),
            "name": row["name"],
            "description": row.get("description"),
            "url": row.get("website"),
            "email": row.get("public_email"),
            "status": STATUS_TO_HSDS.get(row.get("status") or "active", "active"),
            "eligibility_description": row.get("audience"),
            "fees_description": "Free" if row.get("free") else None,
            "assured_date": row.get("last_verified"),
            "last_modified": _last_modified(row),
        }
    )


def location_core(row: dict) -> dict:
    return _clean(
        {
            "id": record_id("location", row["id"]),
            "location_type": "physical",
            "organization_id": record_id("organization", row["id"]),
            "name": row["name"],
            "latitude": row.get("latitude"),
            "longitude": row.get("longitude"),
        }
    )


def address_parts(row: dict) -> dict[str, str]:
    """The parts HSDS requires of an address (address_1, city, ...), "" where unknown."""
    return {part: str(row.get(field) or "").strip() for part, field in ADDRESS_PARTS_FIELDS.items()}


def address(row: dict) -> dict | None:
    """The physical address, only when every part HSDS requires is known: an address with an empty
    required part is not valid HSDS (its known parts go in the location's attributes instead)."""
    parts = address_parts(row)
    if not has_location(row) or not all(parts.values()):
        return None
    return {
        "id": record_id("address", row["id"]),
        "location_id": record_id("location", row["id"]),
        **parts,
        "address_type": "physical",
    }


def location_attributes(row: dict, *, nested: bool = False) -> list[dict]:
    """The location's precision, its source (with what the position was worked out from as the
    value), and the known parts of an address too incomplete to publish as one."""
    location_id = record_id("location", row["id"])
    found = [
        (LOCATION_PRECISION, row.get("location_precision") or "", ""),
        (LOCATION_SOURCE, row.get("location_source") or "", row.get("location_basis") or ""),
    ]
    if address(row) is None:
        found += [(ADDRESS_PARTS, part, text) for part, text in address_parts(row).items() if text]
    items = []
    for vocabulary, value, text in found:
        term = vocabulary.by_value.get(value)
        if term is None:
            continue
        item = {
            "id": record_id(f"attribute/{vocabulary.name}/{value}", row["id"]),
            "link_id": location_id,
            "link_type": vocabulary.name,
            "link_entity": "location",
            "taxonomy_term_id": term_id(vocabulary, value),
        }
        if text:
            item["value"] = text
        if nested:
            item["taxonomy_term"] = taxonomy_term(vocabulary, term)
        items.append(item)
    return items


def accessibility(row: dict) -> dict | None:
    if not row.get("accessibility_notes"):
        return None
    return {
        "id": record_id("accessibility", row["id"]),
        "location_id": record_id("location", row["id"]),
        "description": row["accessibility_notes"],
    }


def service_at_location_core(row: dict) -> dict:
    return {
        "id": record_id("service_at_location", row["id"]),
        "service_id": record_id("service", row["id"]),
        "location_id": record_id("location", row["id"]),
    }


def phones(row: dict) -> list[dict]:
    if not row.get("phone"):
        return []
    return [
        {
            "id": record_id("phone", row["id"]),
            "service_id": record_id("service", row["id"]),
            "number": row["phone"],
        }
    ]


def schedules(row: dict) -> list[dict]:
    service_id = record_id("service", row["id"])
    items = []
    for i, hours in enumerate(row.get("opening_hours") or []):
        items.append(
            {
                "id": record_id(f"schedule/{i}", row["id"]),
                "service_id": service_id,
                "freq": "WEEKLY",
                "wkst": "MO",
                "byday": WEEKDAY_CODES[hours["weekday"]],
                "opens_at": hours["opens"],
                "closes_at": hours["closes"],
            }
        )
    if row.get("opening_hours_notes"):
        items.append(
            {
                "id": record_id("schedule/notes", row["id"]),
                "service_id": service_id,
                "description": row["opening_hours_notes"],
            }
        )
    return items


def languages(row: dict) -> list[dict]:
    names = [name.strip() for name in (row.get("languages") or "").split(",") if name.strip()]
    service_id = record_id("service", row["id"])
    return [
        {"id": record_id(f"language/{i}", row["id"]), "service_id": service_id, "name": n}
        for i, n in enumerate(names)
    ]


def service_areas(row: dict) -> list[dict]:
    areas = []
    for kind, label in AREA_KINDS.items():
        code, name = row.get(f"admin_{kind}_code") or "", row.get(f"admin_{kind}_name") or ""
        if not (code or name):
            continue
        area = {
            "id": record_id(f"service_area/{kind}", row["id"]),
            "service_id": record_id("service", row["id"]),
            "name": name or code,
            "description": f"{label} ({code})" if code else label,
        }
        if code[:1] in ("E", "W", "S", "N") and len(code) == 9:  # a GSS code: ONS has a URI for it
            area["uri"] = ONS_GEOGRAPHY + code
        areas.append(area)
    return areas


def attributes(row: dict, *, nested: bool = False) -> list[dict]:
    service_id = record_id("service", row["id"])
    items = []
    for vocabulary, term in row_terms(row):
        item = {
            "id": record_id(f"attribute/{vocabulary.name}/{term.value}", row["id"]),
            "link_id": service_id,
            "link_type": vocabulary.name,
            "link_entity": "service",
            "taxonomy_term_id": term_id(vocabulary, term.value),
        }
        if vocabulary is FEATURES:
            item["value"] = "true" if row[term.value] else "false"
        if nested:
            item["taxonomy_term"] = taxonomy_term(vocabulary, term)
        items.append(item)
    return items


def location_full(row: dict) -> dict:
    data = location_core(row)
    found = address(row)
    data["addresses"] = [found] if found else []
    notes = accessibility(row)
    data["accessibility"] = [notes] if notes else []
    data["attributes"] = location_attributes(row, nested=True)
    return data


def service_full(row: dict) -> dict:
    """A fully nested service, as ``/services/{id}`` answers."""
    data = service_core(row)
    data["organization"] = organization(row)
    data["phones"] = phones(row)
    data["schedules"] = schedules(row)
    data["service_areas"] = service_areas(row)
    data["languages"] = languages(row)
    data["attributes"] = attributes(row, nested=True)
    data["contacts"] = []
    data["service_at_locations"] = []
    if has_location(row):
        data["service_at_locations"] = [{**service_at_location_core(row), "location": location_full(row)}]
    return data


def service_list_item(row: dict) -> dict:
    """A service in the ``/services`` list: one-to-one fields and its organization."""
    return {**service_core(row), "organization": organization(row)}


def service_at_location_item(row: dict, *, full: bool = False) -> dict:
    data = service_at_location_core(row)
    data["location"] = location_full(row) if full else location_core(row)
    data["service"] = service_full(row) if full else service_core(row)
    return data


def organization_full(row: dict, *, with_services: bool = False) -> dict:
    data = organization(row)
    data["phones"] = (
        [{"id": record_id("organization_phone", row["id"]), "number": row["phone"]}]
        if row.get("phone")
        else []
    )
    data["locations"] = [location_full(row)] if has_location(row) else []
    data["services"] = [service_full(row) if with_services else service_core(row)]
    return data


# --- the tabular form (CSV files + datapackage.json) --------------------------------------

# Tables we write, with the function giving a space's rows for each.
TABLES = (
    "organization",
    "service",
    "attribute",
    "service_at_location",
    "location",
    "phone",
    "address",
    "schedule",
    "service_area",
    "language",
    "accessibility",
    "taxonomy_term",
    "taxonomy",
)
FOREIGN_KEYS = {
    "organization_id": "organization",
    "service_id": "service",
    "location_id": "location",
    "service_at_location_id": "service_at_location",
    "taxonomy_term_id": "taxonomy_term",
    "taxonomy_id": "taxonomy",
    "phone_id": "phone",
    "contact_id": "contact",
    "program_id": "program",
}


def _table_rows(row: dict) -> dict[str, list[dict]]:
    located = has_location(row)
    found_address = address(row) if located else None
    notes = accessibility(row) if located else None
    return {
        "organization": [organization(row)],
        "service": [service_core(row)],
        "attribute": attributes(row) + (location_attributes(row) if located else []),
        "service_at_location": [service_at_location_core(row)] if located else [],
        "location": [location_core(row)] if located else [],
        "phone": phones(row),
        "address": [found_address] if found_address else [],
        "schedule": schedules(row),
        "service_area": service_areas(row),
        "language": languages(row),
        "accessibility": [notes] if notes else [],
    }


@cache
def table_schema(name: str) -> dict:
    return hsds_schema.load(name)


def table_columns(name: str) -> list[str]:
    """The table's columns: the schema's scalar fields, in the schema's order."""
    properties = table_schema(name)["properties"]
    return [k for k, v in properties.items() if v.get("type") in ("string", "number", "integer", "boolean")]


def _field_descriptor(name: str, spec: dict, required: set[str]) -> dict:
    field = {"name": name, "type": spec.get("datapackage_type") or spec.get("type", "string")}
    if field["type"] == "datetime" or spec.get("format") in ("uuid", "email", "uri"):
        field["format"] = "default" if field["type"] == "datetime" else spec["format"]
    if spec.get("description"):
        field["description"] = spec["description"]
    constraints = {"required": name in required}
    if (spec.get("constraints") or {}).get("unique"):
        constraints["unique"] = True
    if spec.get("enum"):
        constraints["enum"] = spec["enum"]
    field["constraints"] = constraints
    return field


def datapackage(tables: Iterable[str] = TABLES) -> dict:
    """The Frictionless Tabular Data Package descriptor for the tables, built from the HSDS schemas
    (as the specification's own tooling builds its datapackage.json)."""
    tables = list(tables)
    resources = []
    for name in tables:
        schema = table_schema(name)
        required = set(schema.get("required", [])) | set(schema.get("tabular_required", []))
        fields = [_field_descriptor(c, schema["properties"][c], required) for c in table_columns(name)]
        table = {"fields": fields, "primaryKey": "id"}
        keys = [
            {"fields": column, "reference": {"resource": FOREIGN_KEYS[column], "fields": "id"}}
            for column in table_columns(name)
            if column in FOREIGN_KEYS and FOREIGN_KEYS[column] in tables
        ]
        if keys:
            table["foreignKeys"] = keys
        meta = schema["datapackage_metadata"]
        resources.append(
            {
                "name": name,
                "path": schema["path"],
                "description": schema.get("description", ""),
                "format": meta.get("format", "csv"),
                "mediatype": meta.get("mediatype", "text/csv"),
                "encoding": "utf-8",
                "profile": meta.get("profile", "tabular-data-resource"),
                "schema": table,
            }
        )
    return {
        "name": "connected_places_hub_hsds",
        "title": "Connected Places Hub: community spaces as Open Referral HSDS 3.0",
        "profile": "tabular-data-package",
        "version": HSDS_VERSION,
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
        "resources": resources,
    }


def write_package(directory: Path, chunks: Iterable[list[dict]], *, progress=None) -> dict[str, int]:
    """Write the tabular package (one CSV per table + datapackage.json) into ``directory``.

    Streams: every CSV stays open while the spaces go by a chunk at a time. Returns rows per table.
    ``progress`` is called with the number of spaces in each chunk written.
    """
    directory.mkdir(parents=True, exist_ok=True)
    counts = dict.fromkeys(TABLES, 0)
    handles, writers = {}, {}
    try:
        for name in TABLES:
            handles[name] = open(directory / table_schema(name)["path"], "w", newline="", encoding="utf-8")  # noqa: SIM115
            writers[name] = csv.DictWriter(
                handles[name], fieldnames=table_columns(name), extrasaction="ignore"
            )
            writers[name].writeheader()
        for rows in chunks:
            for row in rows:
                for name, items in _table_rows(row).items():
                    for item in items:
                        writers[name].writerow(item)
                    counts[name] += len(items)
            if progress:
                progress(len(rows))
        for name, items in (("taxonomy_term", all_taxonomy_terms()), ("taxonomy", all_taxonomies())):
            writers[name].writerows(items)
            counts[name] = len(items)
    finally:
        for handle in handles.values():
            handle.close()
    (directory / "datapackage.json").write_text(json.dumps(datapackage(), indent=2) + "\n", encoding="utf-8")
    return counts


def iter_services(chunks: Iterable[list[dict]]) -> Iterator[dict]:
    """Full services for a stream of public rows (e.g. for newline-delimited JSON)."""
    for rows in chunks:
        for row in rows:
            yield service_full(row)
