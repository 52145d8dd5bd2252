"""The demo's Ealing extracts load through the partner importers and mappings (data/mappings/),
with the values the demo has always had; and the mapping features they use (extends, a skip rule
over a list of values, the coordinates' precision)."""

from io import StringIO

import pytest

from django.core.management.base import OutputWrapper

from assets_registry import demo
from assets_registry.importers.base import IMPORT_FIELDS
from assets_registry.importers.csv_importer import CsvImporter
from assets_registry.importers.mapping import ColumnMapping, MappingError
from assets_registry.models import Asset
from importing.readers import ImportFileError

from .conftest import MAPPINGS

pytestmark = pytest.mark.django_db

CULTURAL = (
    CsvImporter,
    demo.DATA / "ealing_cultural_infrastructure.csv",
    MAPPINGS / "ealing_cultural_infrastructure.yaml",
)


def values(source_id: str) -> dict:
    return Asset.objects.filter(source_id=source_id).values().get()


def test_the_ealing_extracts_load_as_the_demo_always_had_them():
    out = StringIO()
    for source in demo.SOURCES:
        demo.import_source(*source, stdout=OutputWrapper(out))
    lines = out.getvalue().splitlines()
    assert lines == [
        "  gla-cim: 171 created, 0 updated, 0 unchanged, 52 skipped, 9 rejected",
        "  osm: 82 created, 0 updated, 0 unchanged, 0 skipped, 0 rejected",
    ]
    assert Asset.objects.filter(live=True).count() == 171 + 82
    library = values("12001186")
    assert library["name"] == "Greenford Library" and library["data_source"] == "gla-cim"
    assert (library["categories"], library["third_space_types"]) == (["library"], ["activity", "purpose"])
    assert (library["setting"], library["kind"]) == ("civic", "physical")
    assert library["free"] and library["open_to_all"] and library["mixed_ages"]
    assert (library["admin_district_code"], library["region"], library["location_precision"]) == (
        "E09000009",
        "London",
        "address",
    )
    pub = values("blackhorse-51.54719--0.34298")  # "Pubs;Music Venues": both categories
    assert pub["categories"] == ["pub_cafe", "music_venue"] and pub["kind"] == "economic"
    assert (pub["address"], pub["locality"]) == ("425 Oldfield Lane North", "Greenford")
    church = values("actonbaptistchurch-51.50669--0.27128")
    assert church["description"] == "Christian (Protestant) place of worship."
    assert (church["kind"], church["setting"], church["location_precision"]) == (
        "association",
        "religious",
        "exact",
    )
    assert church["latitude"] == pytest.approx(51.5066932)


def test_loading_the_extracts_twice_changes_nothing():
    demo.import_source(*CULTURAL, stdout=StringIO())
    out = StringIO()
    demo.import_source(*CULTURAL, stdout=out)
    assert out.getvalue().strip() == "gla-cim: 0 created, 0 updated, 171 unchanged, 52 skipped, 9 rejected"


def test_a_venue_is_skipped_only_when_every_category_is_a_business():
    mapping = ColumnMapping.load(
        MAPPINGS / "ealing_cultural_infrastructure.yaml", allowed_fields=IMPORT_FIELDS
    )
    assert mapping.skip_reason({"category": "Music (Recording);Prop and Costume Making and Hiring"})
    assert not mapping.skip_reason({"category": "Artists Workspaces;Music (Recording)"})
    assert mapping.fields["categories"]({"category": "Artists Workspaces;Music (Recording)"}) == [
        "makerspace"
    ]


def test_extends_takes_the_base_file_and_replaces_keys_field_by_field(tmp_path):
    (tmp_path / "base.yaml").write_text(
        "source: base\ncountry: GB\nid: {key: [name]}\nprefer: {column: year}\n"
        "fields: {name: name, locality: town, website: url}\n"
    )
    (tmp_path / "child.yaml").write_text(
        "extends: base.yaml\nsource: child\nid: ref\nprefer: null\nprecision: exact\n"
        "fields: {locality: place, website: null}\n"
    )
    mapping = ColumnMapping.load(tmp_path / "child.yaml", allowed_fields=IMPORT_FIELDS)
    assert (mapping.source, mapping.country, mapping.precision, mapping.prefer) == (
        "child",
        "GB",
        "exact",
        None,
    )
    assert set(mapping.fields) == {"name", "locality"}
    assert mapping.columns == {"name", "place", "ref"}
    (tmp_path / "loop.yaml").write_text("extends: loop.yaml\n")
    with pytest.raises(MappingError, match="too many levels"):
        ColumnMapping.load(tmp_path / "loop.yaml", allowed_fields=IMPORT_FIELDS)


def test_a_precision_the_registry_does_not_know_is_refused(tmp_path):
    (tmp_path / "m.yaml").write_text("source: s\nid: ref\nprecision: roughly\nfields: {name: name}\n")
    mapping = ColumnMapping.load(tmp_path / "m.yaml", allowed_fields=IMPORT_FIELDS)
    with pytest.raises(ImportFileError, match="precision “roughly”"):
        CsvImporter(tmp_path / "x.csv", mapping)
