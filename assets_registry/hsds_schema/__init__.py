"""The Open Referral HSDS 3.0 JSON Schemas shipped with the product (see README.md here for the
licence and attribution), and validators built from them.

``validator("service")`` validates a full service (nested objects resolved through the other
schema files); ``validator("compiled/service_list")`` an item of ``/services``.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

SCHEMA_DIR = Path(__file__).resolve().parent


@cache
def load(name: str) -> dict:
    """A schema by name: "service", "location", "compiled/service_list", "openapi"."""
    return json.loads((SCHEMA_DIR / f"{name}.json").read_text(encoding="utf-8"))


def table_schemas() -> list[dict]:
    """The schemas that describe a table of the tabular (CSV) form, in the spec's order."""
    schemas = [load(path.stem) for path in SCHEMA_DIR.glob("*.json") if path.stem != "openapi"]
    tables = [s for s in schemas if "path" in s and "datapackage_metadata" in s]
    return sorted(tables, key=lambda s: s["datapackage_metadata"].get("order", 99))


@cache
def _registry():
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    resources = []
    for path in SCHEMA_DIR.glob("*.json"):
        if path.stem != "openapi":
            resources.append((path.name, Resource.from_contents(load(path.stem), DRAFT202012)))
    return Registry().with_resources(resources)


def validator(name: str):
    """A Draft 2020-12 validator with format checks (uuid, email, date-time) for schema ``name``."""
    from jsonschema import Draft202012Validator, FormatChecker

    schema = dict(load(name))
    # Relative "$ref"s ("location.json") resolve against this base, which the registry holds.
    schema.setdefault("$id", f"{name}.json")
    return Draft202012Validator(schema, registry=_registry(), format_checker=FormatChecker())
