"""A full HSDS export of the demo is valid HSDS 3.0: every row of every table validates against
the JSON Schema of its object (Open Referral's schemas, proven unchanged), our datapackage.json
agrees with the specification's, and its required fields, keys and foreign keys hold."""

import csv
import hashlib
import json
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from assets_registry.models import Asset

from .conftest import ROOT
from .hsds_demo import export_package, load_demo_spaces

SCHEMAS = ROOT / "assets_registry" / "hsds_schema"
SPEC = ROOT / "tests" / "fixtures" / "hsds3"


def spec_datapackage() -> dict:
    return json.loads((SPEC / "datapackage.json").read_text(encoding="utf-8"))


def object_validator(name: str) -> Draft202012Validator:
    """The validator of one HSDS object ("address"), its $refs to the other files resolved."""
    registry = Registry().with_resources(
        (path.name, Resource.from_contents(json.loads(path.read_text(encoding="utf-8")), DRAFT202012))
        for path in SCHEMAS.glob("*.json")
        if path.stem != "openapi"
    )
    schema = {**json.loads((SCHEMAS / f"{name}.json").read_text(encoding="utf-8")), "$id": f"{name}.json"}
    return Draft202012Validator(schema, registry=registry, format_checker=FormatChecker())


def typed(row: dict, fields: dict[str, dict]) -> dict:
    """A CSV row as the JSON object it stands for: an empty cell is an absent value (the Tabular
    Data Package's default missing value), numbers and booleans by the specification's field types."""
    obj = {}
    for name, text in row.items():
        if text == "":
            continue
        kind = fields[name]["type"]
        if kind == "number":
            obj[name] = float(text)
        elif kind == "integer":
            obj[name] = int(text)
        elif kind == "boolean":
            obj[name] = {"true": True, "false": False}[text]
        else:
            obj[name] = text
    return obj


def read_table(folder: Path, resource: dict) -> list[dict]:
    with (folder / resource["path"]).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_shipped_schemas_are_the_specifications_unchanged():
    sums = dict(reversed(line.split(maxsplit=1)) for line in (SPEC / "SHA256SUMS").read_text().splitlines())
    shipped = {
        str(path.relative_to(SCHEMAS)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in SCHEMAS.rglob("*.json")
    }
    assert shipped == sums


@pytest.mark.django_db
def test_a_full_export_of_the_demo_is_valid_hsds(tmp_path, gazetteer):
    load_demo_spaces()
    spaces = Asset.objects.filter(live=True)
    assert spaces.count() > 250 and spaces.filter(location_precision="postcode").exists()
    folder = export_package(tmp_path / "package")
    ours = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    spec = {resource["name"]: resource for resource in spec_datapackage()["resources"]}

    tables, errors = {}, []
    for resource in ours["resources"]:
        name = resource["name"]
        official = spec[name]
        # Our descriptor says what the specification's says: file, and each field's type and
        # whether it is required, in the specification's order.
        assert resource["path"] == official["path"]
        official_fields = {f["name"]: f for f in official["schema"]["fields"]}
        names = [f["name"] for f in resource["schema"]["fields"]]
        assert names == [n for n in official_fields if n in names], name
        for field in resource["schema"]["fields"]:
            expected = official_fields[field["name"]]
            assert field["type"] == expected["type"], (name, field["name"])
            assert field["constraints"]["required"] == expected["constraints"]["required"], (name, field)

        rows = read_table(folder, resource)
        with (folder / resource["path"]).open(encoding="utf-8") as handle:
            assert next(csv.reader(handle)) == names
        validator = object_validator(name)
        for number, row in enumerate(rows, start=2):
            obj = typed(row, official_fields)
            errors += [f"{resource['path']} row {number}: {e.message}" for e in validator.iter_errors(obj)]
            # A required field is a non-empty cell.
            errors += [
                f"{resource['path']} row {number}: {f['name']} is required"
                for f in resource["schema"]["fields"]
                if f["constraints"]["required"] and not row[f["name"]]
            ]
        tables[name] = rows
    assert errors == [], f"{len(errors)} errors, e.g.\n" + "\n".join(errors[:20])

    # Keys: every id unique; every foreign key our descriptor declares points at a row.
    ids = {name: {row["id"] for row in rows} for name, rows in tables.items()}
    for name, rows in tables.items():
        assert len(ids[name]) == len(rows), f"{name}: repeated ids"
    for resource in ours["resources"]:
        for key in resource["schema"].get("foreignKeys", []):
            target = ids[key["reference"]["resource"]]
            missing = [
                r[key["fields"]] for r in tables[resource["name"]] if r[key["fields"]] not in target | {""}
            ]
            assert not missing, (resource["name"], key["fields"], missing[:3])
    # An attribute's link_id points at a row of the table its link_entity names.
    for row in tables["attribute"]:
        assert row["link_id"] in ids[row["link_entity"]], row

    # The counts: no address lacks a required part (they are omitted instead), and a space
    # placed by its ZIP code keeps its location, position and precision.
    assert tables["address"] and len(tables["address"]) < len(tables["location"])
    by_term = {row["id"]: row for row in tables["taxonomy_term"]}
    precision = {
        row["link_id"]: by_term[row["taxonomy_term_id"]]["code"]
        for row in tables["attribute"]
        if row["link_type"] == "location_precision"
    }
    assert len(precision) == len(tables["location"])
    placed_by_zip = [row for row in tables["location"] if precision[row["id"]] == "postcode"]
    assert len(placed_by_zip) == spaces.filter(location_precision="postcode").count()
    assert all(row["latitude"] and row["longitude"] for row in placed_by_zip)
    assert Counter(precision.values())["exact"] == spaces.filter(location_precision="exact").count()


def test_an_incomplete_address_is_exactly_what_the_schema_refuses():
    """The rule the exporter follows (omit an address with an empty required part) is the schema's."""
    validator = object_validator("address")
    complete = {
        "id": "74706e55-df26-4b84-80fe-ecc30b5befb4",
        "address_1": "400 Cathedral St",
        "city": "Baltimore",
        "state_province": "Maryland",
        "postal_code": "21201",
        "country": "US",
        "address_type": "physical",
    }
    assert not list(validator.iter_errors(complete))
    missing = defaultdict(list)
    for part in ("address_1", "city", "state_province", "postal_code", "country"):
        without = {k: v for k, v in complete.items() if k != part}
        missing[part] = [e.message for e in validator.iter_errors(without)]
    assert all(messages == [f"'{part}' is a required property"] for part, messages in missing.items())
