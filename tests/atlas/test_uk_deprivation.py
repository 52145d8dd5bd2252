"""The UK pilots' measures: the English Indices of Deprivation 2025 (File 10, district summaries),
imported from the committed extract, checked against figures quoted by independent publishers,
and shown on the UK atlas map and table and on the Ealing and Essex pilot pages."""

import csv
import json
from pathlib import Path

import pytest

from atlas import demo as atlas_demo
from atlas.importers import EnglandLADBoundaries, EnglishDeprivationImporter, LondonBoroughBoundaries
from atlas.models import Area, AreaKind, IndicatorValue
from atlas.services import pilot_place_upsert
from importing.readers import ImportFileError

pytestmark = pytest.mark.django_db

DATA = Path(atlas_demo.__file__).resolve().parent / "data"
IMD = DATA / "uk" / "imd2025_lad_summaries.csv"


def import_deprivation():
    return EnglishDeprivationImporter().run(IMD, commit=True, progress=False)


def value(slug: str, name: str) -> IndicatorValue:
    return IndicatorValue.objects.get(indicator__slug=slug, area__kind=AreaKind.UK_LAD, area__name=name)


def test_extract_imports_every_english_district_once_and_idempotently():
    report = import_deprivation()
    assert (report.read, report.rejected) == (296, 0)
    assert IndicatorValue.objects.filter(indicator__slug="uk-imd-average-score").count() == 296
    again = import_deprivation()
    assert again.counts["values unchanged"] == 4 * 296
    assert not again.counts["values created"] and not again.counts["values updated"]


def test_figures_match_values_quoted_by_independent_publishers():
    """Lancashire County Council's IoD2025 page: "Of the 296 local authority districts in England,
    the IMD rankings [rank of average rank] for Blackpool (1st), Burnley (4th), Blackburn with
    Darwen (11th), Pendle (13th) and Hyndburn (16th)". Shropshire Star, 6 November 2025: "13 per
    cent of Telford & Wrekin's neighbourhoods are noted as being 'highly deprived' - making it the
    66th most deprived local authority area in England"."""
    with IMD.open(encoding="utf-8", newline="") as handle:
        rows = {r["Local Authority District name (2024)"]: r for r in csv.DictReader(handle)}
    assert len(rows) == 296
    quoted = {"Blackpool": 1, "Burnley": 4, "Blackburn with Darwen": 11, "Pendle": 13, "Hyndburn": 16}
    assert {name: int(rows[name]["IMD - Rank of average rank"]) for name in quoted} == quoted
    telford = rows["Telford and Wrekin"]
    assert telford["IMD - Rank of proportion of LSOAs in most deprived 10% nationally"] == "66"

    import_deprivation()
    share = value("uk-imd-most-deprived-share", "Telford and Wrekin").value
    assert round(share * 100) == 13
    blackpool = value("uk-imd-average-score", "Blackpool")
    top = IndicatorValue.objects.filter(indicator__slug="uk-imd-average-score").order_by("-value").first()
    assert top == blackpool  # the most deprived district on average score, as MHCLG ranks it
    assert blackpool.percentile > 99


def test_rows_that_are_not_english_districts_are_rejected_and_other_files_refused(tmp_path):
    bad = tmp_path / "file10.csv"
    bad.write_text(
        "Local Authority District code (2024),Local Authority District name (2024),IMD - Average score \n"
        "W06000015,Cardiff,20.1\nE09000009,Ealing,twenty\nE09000009,Ealing,25.947\n",
        encoding="utf-8",
    )
    report = EnglishDeprivationImporter().run(bad, commit=True, progress=False)
    reasons = [line.reason for line in report.lines]
    assert report.rejected == 2
    assert any("not an English local authority district code" in r for r in reasons)
    assert any("not a number" in r for r in reasons)
    assert value("uk-imd-average-score", "Ealing").value == 25.947  # heading with a trailing space

    other = tmp_path / "other.csv"
    other.write_text("code,value\nE09000009,1\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match="Local Authority District code"):
        EnglishDeprivationImporter().run(other, progress=False)


@pytest.fixture
def uk_pilots():
    LondonBoroughBoundaries().run(DATA / "london_boroughs.geojson", commit=True, progress=False)
    EnglandLADBoundaries().run(DATA / "england_lads.geojson", commit=True, progress=False)
    import_deprivation()
    for pilot in atlas_demo.PILOTS[:2]:  # Ealing and Essex
        ((kind, codes),) = pilot["areas"]
        pilot_place_upsert(
            slug=pilot["slug"],
            name=pilot["name"],
            country="GB",
            summary="",
            areas=Area.objects.filter(kind=kind, code__in=codes),
        )


def page_text(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


def test_ealing_pilot_page_shows_real_measures_with_their_source(client, uk_pilots):
    html = page_text(client, "/atlas/places/ealing/")
    ealing = value("uk-imd-average-score", "Ealing")  # published for the district with the borough's code
    assert "Deprivation (Index of Multiple Deprivation 2025)" in html
    assert "25.9" in html and f"{round(ealing.percentile)}th" in html
    assert "English Indices of Deprivation 2025" in html and "Open Government Licence v3.0" in html
    assert "No UK economic connectedness figure is openly published" in html
    assert "Cannot tell" not in html
    # Ealing's average score ranks 68th of 296: the most deprived quarter, so need is high, and the
    # registry records no third spaces in this test, so the one rule says "sparse".
    assert ealing.percentile >= 75
    assert "Deprivation (IMD 2025) here is higher than in about 77% of English local authorities" in html
    assert "<strong>Yes</strong>" in html


def test_essex_pilot_page_reads_each_district_by_the_same_rule(client, uk_pilots):
    html = page_text(client, "/atlas/places/essex/")
    assert html.count("Deprivation (Index of Multiple Deprivation 2025)") == 14
    tendring = value("uk-imd-average-score", "Tendring")
    uttlesford = value("uk-imd-average-score", "Uttlesford")
    assert tendring.percentile >= 75 > uttlesford.percentile
    assert (
        "<strong>Tendring: Yes: sparse relative to need.</strong> Deprivation (IMD 2025) here is higher "
        "than in about"
    ) in html
    # No third spaces recorded, but Uttlesford is not among the most deprived quarter: it says so.
    assert (
        "<strong>Uttlesford: Not flagged: few third spaces, but need is not high.</strong> Few third "
        "spaces are recorded here"
    ) in html
    assert (
        f"higher than in about {round(uttlesford.percentile)}% of English local authorities: "
        "not in the highest quarter"
    ) in html


def test_uk_atlas_map_and_table_draw_the_districts(client, uk_pilots):
    html = page_text(client, "/atlas/?kind=uk_lad")
    assert 'data-url="/atlas/map/uk_lad.geojson?indicator=uk-imd-average-score"' in html
    assert "296 areas" in html and "No data" not in html
    data = json.loads(client.get("/atlas/map/uk_lad.geojson?indicator=uk-imd-average-score").content)
    classes = [f["properties"]["class"] for f in data["features"]]
    assert len(classes) == 296 and None not in classes and set(classes) == {0, 1, 2, 3, 4}
    assert "English Indices of Deprivation 2025" in data["atlas"]["attribution"]
    # London boroughs carry no measure of their own: the map still draws their outlines.
    boroughs = page_text(client, "/atlas/?kind=london_borough")
    assert 'data-url="/atlas/map/london_borough.geojson"' in boroughs
    outlines = json.loads(client.get("/atlas/map/london_borough.geojson").content)
    assert len(outlines["features"]) == 33
