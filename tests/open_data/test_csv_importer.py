"""The generic CSV importer: the GLA cultural-infrastructure extract through its committed mapping,
and malformed files (bad encodings, missing columns, bad coordinates, unknown postcodes, duplicate ids)."""

import csv

import pytest
from pyproj import Transformer

from django.core.management import call_command

from wagtail.models import Revision, WorkflowState

from assets_registry.importers.base import IMPORT_FIELDS
from assets_registry.importers.csv_importer import CsvImporter, mapping_from_flags
from assets_registry.importers.mapping import ColumnMapping, MappingError
from assets_registry.models import Asset, OpeningHours
from assets_registry.selectors import public_assets
from importing.readers import ImportFileError
from importing.rows import ImportAborted

from .conftest import GLA_SAMPLE, MAPPINGS, load_mapping

pytestmark = pytest.mark.django_db
GLA_SOURCE = "gla-cultural-infrastructure"


def gla(**options) -> CsvImporter:
    return CsvImporter(GLA_SAMPLE, load_mapping("gla_cultural_infrastructure.yaml"), **options)


def sample_rows() -> list[tuple[int, dict]]:
    with GLA_SAMPLE.open(encoding="utf-8") as handle:
        return list(enumerate(csv.DictReader(handle), start=2))


def simple(path, **options) -> CsvImporter:
    flags = {"id_column": "id", "lat_column": "lat", "lon_column": "lon", "postcode_column": "postcode"}
    mapping = ColumnMapping.from_dict(mapping_from_flags(**flags), allowed_fields=IMPORT_FIELDS)
    options.setdefault("source", "partner")
    return CsvImporter(path, mapping, **options)


def write(tmp_path, text: str, name: str = "partner.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def database_state():
    return (
        Asset.objects.count(),
        Revision.objects.count(),
        WorkflowState.objects.count(),
        OpeningHours.objects.count(),
    )


def test_dry_run_reads_everything_and_writes_nothing():
    before = database_state()
    result = gla().run()
    assert not result.committed
    assert result.read == len(sample_rows())
    assert result.created > 20
    assert database_state() == before


def test_trusted_import_publishes_and_a_second_run_changes_nothing():
    first = gla(trusted=True).run(commit=True)
    assert first.committed
    assert first.created == public_assets().filter(data_source=GLA_SOURCE).count()
    assert first.created == Asset.objects.count()
    second = gla(trusted=True).run(commit=True)
    assert (second.created, second.updated) == (0, 0)
    assert second.unchanged == first.created
    assert Asset.objects.count() == first.created


def test_gla_rows_become_spaces_with_the_mappings_categories_and_area():
    gla(trusted=True).run(commit=True)
    pub = Asset.objects.get(name="Royal", address__startswith="Boston Road")
    assert pub.categories == ["pub_cafe"]
    assert (pub.kind, pub.setting, pub.third_space_types) == ("economic", "hobby_recreational", ["activity"])
    assert (pub.admin_district_code, pub.admin_district_name) == ("E09000009", "Ealing")
    assert (pub.locality, pub.region, pub.country) == ("Northfield", "London", "GB")
    assert pub.location_source == "import" and pub.live
    assert pub.slug

    library_row = next(r for _n, r in sample_rows() if r["category"] == "Libraries")
    library = Asset.objects.get(name=library_row["name"].strip(), categories=["library"])
    assert library.free and library.open_to_all and library.mixed_ages
    assert library.setting == "civic" and library.third_space_types == ["activity", "purpose"]


def test_one_venue_under_two_categories_becomes_one_space_with_both():
    result = gla(trusted=True).run(commit=True)
    arthouse = Asset.objects.get(name__startswith="Lewisham Arthouse")
    assert set(arthouse.categories) == {"makerspace", "museum_gallery"}
    merged = [line for line in result.lines if line.status == "merged"]
    assert any("museum_gallery" in line.reason or "makerspace" in line.reason for line in merged)
    assert Asset.objects.filter(name__startswith="Gasworks").count() == 1


def test_the_newest_snapshot_of_a_venue_is_kept():
    gla(trusted=True).run(commit=True)
    by_name: dict[str, list] = {}
    for _number, row in sample_rows():
        by_name.setdefault(row["name"].strip(), []).append(row)
    repeated = [
        name for name, rows in by_name.items() if name and {r["year"] for r in rows} == {"2018", "2023"}
    ]
    assert repeated
    for name in repeated:
        newest = next(r for r in by_name[name] if r["year"] == "2023")
        asset = Asset.objects.get(name=name)
        grid = Transformer.from_crs("EPSG:27700", "EPSG:4326", always_xy=True)  # the mapping's position
        lon, lat = grid.transform(float(newest["easting"]), float(newest["northing"]))
        assert (asset.latitude, asset.longitude) == pytest.approx((lat, lon))


def test_report_lists_rejected_skipped_and_warned_rows_with_reasons(tmp_path):
    result = gla().run()
    lines = {(line.row, line.status): line.reason for line in result.lines}
    for number, row in sample_rows():
        if not row["name"].strip() and not row["address1"].strip():
            assert lines[(number, "rejected")] == "no name"
        if row["category"] in ("Music (Recording)", "Jewellery Design and Manufacturing"):
            assert row["category"] in lines[(number, "skipped")]
        if "\n" in row["name"] and len(" ".join(row["name"].split())) > 200:
            assert lines[(number, "rejected")] == "name is longer than 200 characters"
    assert result.merged >= 3  # the second snapshot of three venues, the second category of two

    report = tmp_path / "report.csv"
    result.write_report(report)
    with report.open(encoding="utf-8") as handle:
        written = list(csv.DictReader(handle))
    assert list(written[0]) == ["row", "source_id", "status", "reason"]
    assert len(written) == len(result.lines)
    assert "no name" in result.summary()


def test_untrusted_import_enters_moderation_and_nothing_is_public():
    result = gla().run(commit=True)
    assert result.created > 20
    assert Asset.objects.count() == result.created
    assert not public_assets().exists()
    for asset in Asset.objects.all():
        assert not asset.live
        assert asset.workflow_in_progress
        assert asset.latest_revision_id
    again = gla().run(commit=True)
    assert again.created == 0 and again.updated == 0
    assert WorkflowState.objects.count() == result.created


def test_a_moderated_update_leaves_the_published_space_alone_until_approved(tmp_path):
    first = write(tmp_path, "id,name,lat,lon,postcode\np1,Hanwell Community Centre,51.5099,-0.3371,\n")
    simple(first, trusted=True, areas=False).run(commit=True)
    asset = Asset.objects.get(source_id="p1")
    assert asset.live

    changed = write(
        tmp_path, "id,name,lat,lon,postcode\np1,Hanwell Community Hub,51.5099,-0.3371,\n", "v2.csv"
    )
    result = simple(changed, areas=False).run(commit=True)
    assert result.updated == 1
    asset.refresh_from_db()
    assert asset.name == "Hanwell Community Centre"  # the live row
    assert asset.has_unpublished_changes and asset.workflow_in_progress
    assert asset.get_latest_revision_as_object().name == "Hanwell Community Hub"
    assert simple(changed, areas=False).run(commit=True).unchanged == 1


def test_bad_encoding_is_reported_clearly_and_the_right_encoding_imports(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes("id,name,lat,lon,postcode\nc1,Café Élan,51.5099,-0.3371,\n".encode("latin-1"))
    # A wrong --encoding wins over detection, and says so (more cases: test_bad_files.py).
    with pytest.raises(ImportFileError, match=r"byte 0xe9 on line 2 .*--encoding"):
        simple(path, encoding="utf-8").run()
    assert not Asset.objects.exists()
    result = simple(path, encoding="latin-1", trusted=True, areas=False).run(commit=True)
    assert result.created == 1
    assert Asset.objects.get().name == "Café Élan"


def test_a_byte_order_mark_is_fine(tmp_path):
    path = tmp_path / "bom.csv"
    path.write_bytes("\ufeffid,name,lat,lon,postcode\nb1,Acton Hall,51.5099,-0.3371,\n".encode())
    assert simple(path, areas=False).run().created == 1


def test_missing_columns_stop_the_import_before_anything_is_written(tmp_path):
    path = write(tmp_path, "id,name,latitude,longitude\nm1,Somewhere,51.5,-0.3\n")
    with pytest.raises(ImportFileError, match="lacks the column.*lat, lon, postcode"):
        simple(path).run(commit=True)
    assert not Asset.objects.exists()


def test_a_mapping_that_names_unknown_fields_is_refused():
    with pytest.raises(MappingError, match="cannot import into submitter_email"):
        ColumnMapping.from_dict(
            {"id": "id", "fields": {"name": "n", "submitter_email": "e"}}, allowed_fields=IMPORT_FIELDS
        )


def test_bad_coordinates_are_rejected_or_located_by_postcode(tmp_path, gazetteer):
    path = write(
        tmp_path,
        "id,name,lat,lon,postcode\n"
        "a,Not A Number Hall,abc,-0.3,\n"
        "b,Off The Map Hall,95,-0.3,\n"
        "c,Null Island Hall,0,0,\n"
        "d,Swapped Hall,-0.30689,51.50848,\n"
        "e,Fallback Hall,xyz,,W5 2HL\n",
    )
    result = simple(path, trusted=True).run(commit=True)
    reasons = {(line.source_id, line.status): line.reason for line in result.lines}
    assert "not numbers" in reasons[("a", "rejected")]
    assert "out of range" in reasons[("b", "rejected")]
    assert "0, 0" in reasons[("c", "rejected")]
    assert "look swapped" in reasons[("d", "rejected")]
    assert "located by postcode “W5 2HL” instead" in reasons[("e", "warning")]
    located = Asset.objects.get(source_id="e")
    assert located.latitude == pytest.approx(51.513315) and located.location_source == "gazetteer"
    assert located.admin_district_code == "E09000009"
    assert Asset.objects.count() == 1


def test_unknown_and_malformed_postcodes(tmp_path, gazetteer):
    path = write(
        tmp_path,
        "id,name,lat,lon,postcode\n"
        "ok,Known Postcode Hall,,,w5 2hl\n"
        "unknown,Unknown Postcode Hall,,,W5 9ZZ\n"
        "short,Malformed Postcode Hall,,,W5 2H\n"
        "none,Nowhere Hall,,,\n",
    )
    result = simple(path, trusted=True).run(commit=True)
    reasons = {(line.source_id, line.status): line.reason for line in result.lines}
    # Well formed, its district known, not in Code-Point: terminated or new, placed at the district.
    warnings = [
        line.reason for line in result.lines if (line.source_id, line.status) == ("unknown", "warning")
    ]
    assert any("may have been terminated" in warning for warning in warnings)
    assert Asset.objects.get(source_id="unknown").location_precision == "district"
    assert "not a complete UK postcode" in reasons[("short", "rejected")]
    assert reasons[("none", "rejected")] == "no coordinates, postcode or address"
    ok = Asset.objects.get(source_id="ok")
    assert ok.postcode == "W5 2HL" and ok.location_precision == "postcode"
    kept = simple(path, allow_unlocated=True).run()
    assert (kept.created, kept.unchanged, kept.rejected) == (2, 2, 0)


def test_duplicate_ids_keep_the_first_row(tmp_path):
    path = write(
        tmp_path,
        "id,name,lat,lon,postcode\n"
        "x1,First Hall,51.5099,-0.3371,\n"
        "x1,Second Hall,51.52,-0.33,\n"
        "x2,Other,51.51,-0.32,\n",
    )
    result = simple(path, trusted=True, areas=False).run(commit=True)
    assert result.created == 2
    merged = [line for line in result.lines if line.status == "merged"]
    assert [(m.row, m.reason) for m in merged] == [(3, "duplicate id: row 2 kept")]
    assert Asset.objects.get(source_id="x1").name == "First Hall"


def test_strict_mode_writes_nothing_when_a_row_is_rejected():
    with pytest.raises(ImportAborted) as aborted:
        gla(trusted=True, strict=True).run(commit=True)
    assert aborted.value.report.rejected > 0
    assert not Asset.objects.exists()


def test_commands_dry_run_then_commit(tmp_path, capsys):
    report = tmp_path / "report.csv"
    mapping = str(MAPPINGS / "gla_cultural_infrastructure.yaml")
    args = ["--mapping", mapping, "--report", str(report), "--no-progress"]
    call_command("import_csv", str(GLA_SAMPLE), *args)
    out = capsys.readouterr().out
    assert "Dry run" in out and "would be created" in out
    assert report.exists() and not Asset.objects.exists()
    call_command("import_csv", str(GLA_SAMPLE), *args, "--trusted", "--commit")
    assert "Done." in capsys.readouterr().out
    assert public_assets().count() > 20


def test_command_with_flags_instead_of_a_mapping(tmp_path, capsys):
    path = write(tmp_path, "ref,title,y,x\n1,Northfields Library,51.4994,-0.3143\n")
    call_command(
        "import_csv",
        str(path),
        "--source",
        "ealing-libraries",
        "--id-column",
        "ref",
        "--name-column",
        "title",
        "--lat-column",
        "y",
        "--lon-column",
        "x",
        "--category",
        "library",
        "--trusted",
        "--commit",
        "--no-areas",
        "--no-progress",
        "--report",
        str(tmp_path / "r.csv"),
    )
    asset = Asset.objects.get(data_source="ealing-libraries", source_id="1")
    assert asset.categories == ["library"] and asset.setting == "civic"


def test_a_skip_rule_can_leave_out_rows_with_a_value(tmp_path):
    # The UK libraries dataset lists closed libraries with the year they closed.
    path = write(
        tmp_path,
        "id,name,lat,lon,year_closed\n"
        "1,Open Library,51.5128,-0.3043,\n"
        "2,Closed Library,51.5130,-0.3050,2016\n",
    )
    spec = {
        "source": "libraries",
        "id": "id",
        "skip": [{"column": "year_closed", "empty": False}],
        "fields": {"name": "name", "latitude": "lat", "longitude": "lon"},
    }
    result = CsvImporter(
        path, ColumnMapping.from_dict(spec, allowed_fields=IMPORT_FIELDS), source="libraries", areas=False
    ).run()
    assert (result.created, result.skipped) == (1, 1)
    assert result.lines_of("skipped")[0].reason == "year_closed “2016” is not imported (the mapping skips it)"
