"""Bad files get clear words, and a failed import writes nothing (issue 14, point 5).

Every file is in tests/fixtures/bad_files/ (written byte for byte by make_bad_files.py). Each test
runs the real command, reads what it prints, and counts what was written, with --commit."""

import csv
import io

import pytest

from django.core.management import call_command
from django.core.management.base import CommandError

from assets_registry.models import Asset
from atlas.models import Area, IndicatorValue
from importing.decoding import decode
from importing.excel_ids import ExcelIdCheck
from importing.readers import ImportFileError

from .conftest import ROOT

pytestmark = pytest.mark.django_db
BAD = ROOT / "tests" / "fixtures" / "bad_files"
FLAGS = ("--source", "partner", "--id-column", "id", "--no-areas", "--no-progress", "--trusted")
LATLON = ("--lat-column", "lat", "--lon-column", "lon", "--postcode-column", "postcode")
NAMES = {"Northfields Library", "Café Rouge Hanwell", "St Mary’s Church Hall", "The Questors Theatre"}


def import_csv(tmp_path, name: str, *args: str) -> str:
    """What the command prints; raises CommandError as the command does."""
    out = io.StringIO()
    report = tmp_path / "report.csv"
    call_command("import_csv", str(BAD / name), *FLAGS, "--report", str(report), *args, stdout=out)
    return out.getvalue()


def refused(tmp_path, name: str, *args: str) -> tuple[str, str]:
    """(the error, what was printed before it) of a run that must fail and write nothing."""
    out = io.StringIO()
    with pytest.raises(CommandError) as error:
        call_command(
            "import_csv", str(BAD / name), *FLAGS, "--report", str(tmp_path / "r.csv"), *args, stdout=out
        )
    assert Asset.objects.count() == 0
    return str(error.value), out.getvalue()


def report_lines(tmp_path) -> list[dict]:
    with (tmp_path / "report.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize(
    "name, note",
    [
        ("line_endings_lf.csv", None),
        ("line_endings_crlf.csv", None),
        ("line_endings_cr.csv", "old Mac line endings (CR only): read as usual"),
        ("utf8_bom.csv", None),
        ("utf16le_bom.csv", "read as UTF-16 (little-endian)"),
        ("windows_1252.csv", "read as Windows-1252 (not UTF-8"),
    ],
)
def test_line_endings_and_encodings_are_read_and_said(tmp_path, name, note):
    out = import_csv(tmp_path, name, *LATLON, "--commit")
    assert set(Asset.objects.values_list("name", flat=True)) == NAMES
    assert Asset.objects.get(source_id="ea-102").name == "Café Rouge Hanwell"
    assert "universal-newline" not in out and "rejected:" in out and "Done." in out
    notes = [line.strip() for line in out.splitlines() if line.strip().startswith("note:")]
    assert [n.startswith(f"note: {note}") for n in notes] == ([True] if note else [])


def test_an_explicit_encoding_wins_and_a_wrong_one_is_explained(tmp_path):
    error, _ = refused(tmp_path, "windows_1252.csv", *LATLON, "--encoding", "utf-8", "--commit")
    assert "windows_1252.csv is not valid utf-8: byte 0xe9 on line 3" in error
    assert "Leave out --encoding to have it detected" in error and "Nothing was imported." in error
    out = import_csv(tmp_path, "windows_1252.csv", *LATLON, "--encoding", "cp1252", "--commit")
    assert "note: read as Windows-1252, as asked" in out
    assert Asset.objects.get(source_id="ea-103").name == "St Mary’s Church Hall"


def test_a_workbook_renamed_csv_is_refused_with_what_to_do(tmp_path):
    error, _ = refused(tmp_path, "workbook_renamed.csv", *LATLON, "--commit")
    assert "workbook_renamed.csv: this looks like an Excel workbook (.xlsx) renamed, not CSV." in error
    assert "save it as “CSV UTF-8”" in error and "Nothing was imported." in error


def test_rows_with_an_unquoted_column_are_rejected_for_that_and_the_file_gets_one_note(tmp_path):
    error, out = refused(tmp_path, "unquoted_geometry.csv", "--postcode-column", "postcode", "--commit")
    assert "None of the 4 row(s) can be imported" in error and "Nothing was written" in error
    assert "note: most rows (4 of 4) have more cells than the header's 4 columns" in out
    assert "written without quotes" in out
    assert "no coordinates" not in out
    with (tmp_path / "r.csv").open(encoding="utf-8") as handle:
        lines = list(csv.DictReader(handle))
    assert [line["row"] for line in lines] == ["2", "3", "4", "5"]
    assert lines[0]["reason"].startswith(
        "5 cells under a 4-column header — an unquoted comma? (the extra cell: “51.49852209)”)"
    )
    assert "Put quotes round values that hold commas" in lines[0]["reason"]


def test_one_unquoted_comma_rejects_that_row_and_says_which(tmp_path):
    out = import_csv(tmp_path, "one_unquoted_comma.csv", *LATLON, "--commit")
    assert Asset.objects.count() == 3 and not Asset.objects.filter(source_id="ea-103").exists()
    assert "note: row 4: more cells than the header's 6 columns (rejected: see the report)" in out
    assert "Done. 1 rejected row(s) were left out: fix them and import the file again" in out
    (line,) = report_lines(tmp_path)
    assert (line["row"], line["status"]) == ("4", "rejected")
    assert line["reason"].startswith(
        "7 cells under a 6-column header — an unquoted comma? (the extra cell: “Members’ night Thursdays”)"
    )


def test_strict_with_commit_says_nothing_was_written_and_why(tmp_path):
    error, out = refused(tmp_path, "one_unquoted_comma.csv", *LATLON, "--strict", "--commit")
    assert error.startswith(
        "Nothing was written: --strict refuses the whole file when any row is rejected, "
        "and 1 row was rejected."
    )
    assert "leave out --strict to import the other rows" in error
    assert "Not imported (strict mode: rows were rejected, nothing written)" in out
    assert "Dry run" not in out and "Add --commit" not in out and "Done." not in out


def test_strict_dry_run_fails_too_and_says_it_was_a_dry_run(tmp_path):
    error, out = refused(tmp_path, "one_unquoted_comma.csv", *LATLON, "--strict")
    assert error.startswith("Dry run: nothing was written; with --strict, --commit would write nothing")
    assert "Add --commit" not in out


def test_dry_run_says_so_and_what_would_be_left_out(tmp_path):
    out = import_csv(tmp_path, "one_unquoted_comma.csv", *LATLON)
    assert Asset.objects.count() == 0
    assert "Dry run: nothing was written. Add --commit to import. 1 rejected row(s) would be left out" in out


def test_trailing_empty_columns_are_harmless_and_silent(tmp_path):
    out = import_csv(tmp_path, "trailing_empty_columns.csv", *LATLON, "--commit")
    assert Asset.objects.count() == 4
    assert "note:" not in out and report_lines(tmp_path) == []


def test_short_rows_are_rejected_when_a_used_cell_is_missing_else_warned(tmp_path):
    out = import_csv(tmp_path, "missing_cells.csv", *LATLON, "--commit")
    assert set(Asset.objects.values_list("source_id", flat=True)) == {"ea-101", "ea-103", "ea-104"}
    assert "note: rows 3, 4: fewer cells than the header's 6 columns" in out
    rejected, warned = report_lines(tmp_path)
    assert (rejected["row"], rejected["status"]) == ("3", "rejected")
    assert rejected["reason"].startswith("3 cells under a 6-column header: no cell for lon, postcode")
    assert (warned["row"], warned["status"]) == ("4", "warning")
    assert warned["reason"] == (
        "5 cells under a 6-column header (no cell for notes, which the mapping does not use)"
    )


def test_a_file_whose_rows_all_leave_out_trailing_empty_cells_is_read_as_it_means(tmp_path):
    out = import_csv(tmp_path, "trailing_cells_left_out.csv", *LATLON, "--commit")
    assert Asset.objects.count() == 4 and Asset.objects.get(source_id="ea-104").postcode == ""
    assert (
        "note: most rows (4 of 4) stop before the header's last columns: the cells left out are read as empty"
        in out
    )
    assert report_lines(tmp_path) == []


def test_ids_in_scientific_notation_refuse_the_file(tmp_path):
    error, _ = refused(tmp_path, "excel_scientific_ids.csv", *LATLON, "--commit")
    assert error.startswith(
        "Row 2: the id column holds numbers Excel turned into scientific notation (“1.00023E+11”): "
        "many different venues would share one id. Re-export the file with the id column formatted as text"
    )
    assert error.endswith("Nothing was imported.")


def test_long_ids_rounded_by_excel_refuse_the_file(tmp_path):
    error, _ = refused(tmp_path, "excel_rounded_ids.csv", *LATLON, "--commit")
    assert error.startswith(
        "Rows 2 and 3 share the id “100023000000” but name different places "
        "(“Northfields Library”, “Café Rouge Hanwell”): the id column holds long numbers Excel rounded"
    )


def test_long_ids_that_only_repeat_one_venue_are_not_taken_for_excels_work():
    check = ExcelIdCheck()
    check.check(2, "100023000000", "Northfields Library")
    check.check(9, "100023000000", "NORTHFIELDS  library")  # the same venue, listed twice
    check.check(10, "10091692695", "Redlees Studios")  # a real UPRN: not rounded
    check.check(11, "10091692695", "Redlees Studios (2023)")  # shared: the duplicate-id rule's case
    with pytest.raises(ImportFileError, match="Rows 2 and 12 share the id"):
        check.check(12, "100023000000", "Acton Town Hall Library")


def test_a_file_in_another_legacy_encoding_goes_to_charset_normalizer():
    data = "id,name\n1,Библиотека имени Пушкина\n2,Дом культуры\n".encode("cp1251")
    decoded = decode(data)
    assert (decoded.encoding, decoded.text.splitlines()[1]) == ("cp1251", "1,Библиотека имени Пушкина")
    assert decoded.note == "read as cp1251 (detected: not UTF-8); if the text looks wrong, give --encoding"


def test_the_atlas_importers_read_through_the_same_detection():
    out = io.StringIO()
    path = BAD / "atlas_counties_utf16_cr.csv"
    call_command("import_atlas", "us-sca-county", str(path), "--commit", "--no-progress", stdout=out)
    assert "Done." in out.getvalue()
    assert Area.objects.get(code="24510").name == "Baltimore City, Maryland"
    ec = IndicatorValue.objects.filter(area__code="25025", indicator__slug="us-economic-connectedness")
    assert ec.exists()


def test_a_nul_byte_rejects_its_row_alone_in_the_dry_run_and_the_import(tmp_path):
    for commit in ((), ("--commit",)):
        out = import_csv(tmp_path, "nul_byte.csv", *LATLON, "--description-column", "notes", *commit)
        (line,) = report_lines(tmp_path)
        assert (line["row"], line["status"]) == ("3", "rejected")
        assert line["reason"] == "description contains a NUL byte (a damaged or binary file?)"
        assert "1 rejected row(s)" in out
    assert set(Asset.objects.values_list("name", flat=True)) == NAMES - {"Café Rouge Hanwell"}
    assert not any("\x00" in a.description for a in Asset.objects.all())


def test_binary_data_is_refused_but_a_stray_nul_is_text():
    from importing.decoding import NotText

    binary = b"\x00\x00\x01\x02" * 2000  # packed integers: a binary file with no magic number
    with pytest.raises(NotText):
        decode(binary)
    assert "\x00" in decode(b"id,name\nea-1,Hall\x00 one\n").text
