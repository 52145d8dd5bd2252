import csv
import io

import pytest

from django.core.management import call_command

from atlas.importers import (
    EnglandLADBoundaries,
    LondonBoroughBoundaries,
    UKSocialCapitalImporter,
    USCountyImporter,
    USZipImporter,
)
from atlas.models import Area, AreaKind, Indicator, IndicatorValue
from importing.readers import ImportFileError
from tests.atlas.conftest import DATA, FIXTURES, source_county_rows

pytestmark = pytest.mark.django_db


def value_of(kind, code, slug):
    return IndicatorValue.objects.get(area__kind=kind, area__code=code, indicator__slug=slug)


def test_imported_values_equal_the_source_file(us_counties):
    source = source_county_rows()["24510"]  # Baltimore City, as the committed extract has it
    ec = value_of(AreaKind.US_COUNTY, "24510", "us-economic-connectedness")
    assert ec.value == float(source["ec_county"])
    assert ec.standard_error == float(source["ec_se_county"])
    assert value_of(AreaKind.US_COUNTY, "24510", "us-friending-bias").value == float(
        source["bias_grp_mem_county"]
    )
    area = Area.objects.get(kind=AreaKind.US_COUNTY, code="24510")
    assert area.name == source["county_name"] == "Baltimore City, Maryland"
    assert area.population == int(source["pop2018"])
    assert area.region == "Maryland"
    suffolk = value_of(AreaKind.US_COUNTY, "25025", "us-economic-connectedness")
    assert suffolk.value == float(source_county_rows()["25025"]["ec_county"])


def test_codes_keep_their_leading_zeros(us_counties, us_zips):
    autauga = Area.objects.get(kind=AreaKind.US_COUNTY, name="Autauga, Alabama")
    assert autauga.code == "01001"
    assert source_county_rows()["1001"]["county_name"] == "Autauga, Alabama"  # the file drops the zero
    with (DATA / "us_social_capital_zip_pilots.csv").open(newline="") as handle:
        boston_zip = next(r for r in csv.DictReader(handle) if r["zip"] == "2108")
    area = Area.objects.get(kind=AreaKind.US_ZIP, code="02108")
    assert area.name.startswith("02108 (Boston")
    assert area.population == int(boston_zip["pop2018"])
    assert value_of(AreaKind.US_ZIP, "02108", "us-economic-connectedness").value == float(
        boston_zip["ec_zip"]
    )
    assert not Area.objects.filter(code="2108").exists()


def test_codebook_definitions_and_citation_are_stored(us_counties):
    indicator = Indicator.objects.get(slug="us-economic-connectedness")
    assert indicator.definition.startswith("Baseline definition of economic connectedness")
    assert "Nature 608(7921), 108–121" in indicator.citation
    assert indicator.direction == Indicator.Direction.HIGHER_IS_BETTER
    assert Indicator.objects.get(slug="us-friending-bias").direction == Indicator.Direction.LOWER_IS_BETTER


def test_dry_run_writes_nothing(county_subset_csv):
    report = USCountyImporter().run(county_subset_csv, commit=False, progress=False)
    assert not Area.objects.exists()
    assert not Indicator.objects.exists()
    assert not IndicatorValue.objects.exists()
    assert report.counts["areas created"] == report.read > 20
    assert report.counts["values created"] > report.read
    assert "Dry run" in report.summary()


def test_second_import_changes_nothing(county_subset_csv):
    USCountyImporter().run(county_subset_csv, commit=True, progress=False)
    before = list(IndicatorValue.objects.order_by("pk").values_list("pk", "value", "percentile"))
    report = USCountyImporter().run(county_subset_csv, commit=True, progress=False)
    assert report.counts["areas created"] == report.counts["areas updated"] == 0
    assert report.counts["values created"] == report.counts["values updated"] == 0
    assert list(IndicatorValue.objects.order_by("pk").values_list("pk", "value", "percentile")) == before


def test_blank_cell_removes_a_stale_value(tmp_path):
    header = "county,county_name,pop2018,ec_county,ec_se_county\n"
    path = tmp_path / "counties.csv"
    path.write_text(
        header + "24510,Baltimore City,614700,0.72,0.005\n24005,Baltimore County,827625,0.88,0.006\n"
    )
    USCountyImporter().run(path, commit=True, progress=False)
    path.write_text(header + "24510,Baltimore City,614700,,\n24005,Baltimore County,827625,0.88,0.006\n")
    report = USCountyImporter().run(path, commit=True, progress=False)
    assert report.counts["values removed"] == 1
    assert not IndicatorValue.objects.filter(area__code="24510").exists()
    assert Area.objects.filter(code="24510").exists()  # the area stays, with missing data


def test_malformed_rows_are_reported_and_not_written(tmp_path):
    path = tmp_path / "counties.csv"
    path.write_text(
        "county,county_name,pop2018,ec_county,ec_se_county\n"
        "24510,Baltimore City,614700,0.72,0.005\n"
        "12x45,Bad code,100,0.5,0.01\n"
        "24005,Baltimore County,827625,abc,0.006\n"
        "24510,Baltimore City again,614700,0.73,0.005\n"
        "99001,No such state,10,0.5,0.01\n"
    )
    report = USCountyImporter().run(path, commit=True, progress=False)
    reasons = {r.row: r.reason for r in report.lines_of("rejected")}
    assert set(reasons) == {3, 4, 5, 6}
    assert "not a code of up to 5 digits" in reasons[3]
    assert "ec_county: 'abc' is not a number" in reasons[4]
    assert "duplicate of row 2" in reasons[5]
    assert "unknown state code 99" in reasons[6]
    # The malformed Baltimore County row is not half-written: no area, no value.
    assert list(Area.objects.values_list("code", flat=True)) == ["24510"]
    assert value_of(AreaKind.US_COUNTY, "24510", "us-economic-connectedness").value == 0.72
    out = tmp_path / "rejections.csv"
    report.write_report(out)
    with out.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["row"] for r in rows] == ["3", "4", "5", "6"]
    assert rows[1]["source_id"] == "24005" and rows[1]["status"] == "rejected"


def test_command_is_a_dry_run_unless_commit(county_subset_csv, tmp_path):
    out = io.StringIO()
    call_command(
        "import_atlas",
        "us-sca-county",
        str(county_subset_csv),
        "--no-progress",
        stdout=out,
        stderr=io.StringIO(),
    )
    assert "Dry run" in out.getvalue()
    assert not Area.objects.exists()
    report = tmp_path / "report.csv"
    call_command(
        "import_atlas",
        "us-sca-county",
        str(county_subset_csv),
        "--commit",
        "--no-progress",
        "--report",
        str(report),
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    assert Area.objects.filter(code="24510").exists()
    assert report.read_text().startswith("row,source_id,status,reason")


def test_zip_import(us_zips):
    baltimore = Area.objects.get(kind=AreaKind.US_ZIP, code="21201")
    assert baltimore.region == "Maryland"
    assert baltimore.centroid_lat == pytest.approx(39.29, abs=0.05)
    assert Indicator.objects.filter(slug="us-neighbourhood-economic-connectedness").exists()


def test_london_boroughs_from_the_committed_extract(london_boroughs):
    ealing = Area.objects.get(kind=AreaKind.LONDON_BOROUGH, code="E09000009")
    assert ealing.name == "Ealing"
    assert Area.objects.filter(kind=AreaKind.LONDON_BOROUGH).count() == 33
    assert ealing.min_lon < -0.3 < ealing.max_lon and ealing.min_lat < 51.51 < ealing.max_lat
    assert ealing.boundary.startswith('{"type":"')


def test_england_lads_are_joined_to_codes_by_name():
    report = EnglandLADBoundaries().run(DATA / "england_lads.geojson", commit=True, progress=False)
    assert not report.rejected
    assert Area.objects.get(kind=AreaKind.UK_LAD, code="E07000070").name == "Chelmsford"
    assert Area.objects.get(kind=AreaKind.UK_LAD, name="North Yorkshire").code == "E06000065"


def test_boundary_rows_without_a_code_are_rejected(tmp_path):
    path = tmp_path / "b.geojson"
    path.write_text(
        '{"type":"FeatureCollection","features":['
        '{"type":"Feature","properties":{"NAME":"Nowhere"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}},'
        '{"type":"Feature","properties":{"NAME":"Ealing","GSS_CODE":"E09000009"},"geometry":{"type":"Point","coordinates":[0,0]}}'
        "]}"
    )
    report = LondonBoroughBoundaries().run(path, commit=True, progress=False)
    assert [r.row for r in report.lines_of("rejected")] == [2, 3]
    assert "expected a polygon" in report.lines_of("rejected")[1].reason
    assert not Area.objects.exists()


def test_uk_atlas_plain_layout():
    report = UKSocialCapitalImporter().run(
        FIXTURES / "uk_social_capital_lad.csv", commit=True, progress=False
    )
    reasons = {r.source_id: r.reason for r in report.lines_of("rejected")}
    assert "not a number" in reasons["E07000066"]
    assert "not a local authority, MSOA or postcode district code" in reasons["X99999999"]
    ec = value_of(AreaKind.UK_LAD, "E09000009", "uk-economic-connectedness")
    assert (ec.value, ec.standard_error) == (0.91, 0.012)
    assert value_of(AreaKind.UK_LAD, "E06000034", "uk-economic-connectedness").standard_error is None
    assert value_of(AreaKind.UK_LAD, "E07000070", "uk-volunteering-rate").value == 0.052
    assert Area.objects.get(kind=AreaKind.UK_LAD, code="E07000070").name == "Chelmsford"
    assert not Area.objects.filter(code="E07000066").exists()
    indicator = Indicator.objects.get(slug="uk-economic-connectedness")
    assert indicator.country == "GB" and "Six Billion Friendships" in indicator.citation


def test_uk_atlas_release_layout_needs_a_category_and_derives_ec():
    with pytest.raises(ImportFileError, match="several measurement categories"):
        UKSocialCapitalImporter().run(FIXTURES / "uk_social_capital_pcd_release_layout.csv", progress=False)
    report = UKSocialCapitalImporter(category="low_ses").run(
        FIXTURES / "uk_social_capital_pcd_release_layout.csv", commit=True, progress=False
    )
    assert report.skipped == 3 and not report.rejected
    assert any("derived" in note for note in report.notes)
    w5 = value_of(AreaKind.UK_POSTCODE_DISTRICT, "W5", "uk-economic-connectedness")
    assert w5.value == pytest.approx(0.42 / 0.50)
    assert (
        Area.objects.get(kind=AreaKind.UK_POSTCODE_DISTRICT, code="CM1")
        .values.filter(indicator__slug="uk-volunteering-rate")
        .exists()
    )
    assert not IndicatorValue.objects.filter(
        area__code="CM1", indicator__slug="uk-economic-connectedness"
    ).exists()


def test_zip_importer_rejects_non_numeric_zip(tmp_path):
    path = tmp_path / "zips.csv"
    path.write_text("zip,county,pop2018,ec_zip\nABCDE,24510,10,0.5\n21201,24510,17000,0.6\n")
    report = USZipImporter().run(path, commit=True, progress=False)
    assert [r.source_id for r in report.lines_of("rejected")] == ["ABCDE"]
    assert Area.objects.get(kind=AreaKind.US_ZIP, code="21201").population == 17000
