"""The public coalition pages and downloads (P): approved data only, no personal data, odd input
answered without a 500, and a bounded number of queries whatever the number of measures."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import xml.etree.ElementTree as ET

import pytest

from django.utils import timezone

from coalitions.charts import ChartData, measure_chart, nice_ticks
from coalitions.models import Measure, MeasureKind, Observation
from tests.coalitions.page_data import (
    DRAFT_MEASURE,
    DRAFT_NAME_CHANGE,
    PARTICIPANTS,
    SECRET_NOTE,
    SECRET_VALUE,
    make_coalitions,
)

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def coalitions():
    return make_coalitions()


def body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8")
    return response.content.decode("utf-8")


PAGES = [
    "/coalitions/",
    "/coalitions/compare/",
    "/places/ealing/coalition/",
    "/places/ealing/coalition/impact/",
    "/places/ealing/coalition/impact.csv",
    "/places/ealing/coalition/impact.json",
    "/places/ealing/coalition/summary/2025/",
]


@pytest.mark.parametrize("url", PAGES)
def test_pages_show_approved_data_only_and_no_email(client, coalitions, url):
    response = client.get(url)
    assert response.status_code == 200
    text = body(response)
    for secret in (SECRET_NOTE, f"{SECRET_VALUE:g}", DRAFT_MEASURE, DRAFT_NAME_CHANGE, "@example.org"):
        assert secret not in text, f"{secret!r} is public at {url}"


def test_coalition_page_shows_members_people_measures_and_initiatives(client, coalitions):
    text = body(client.get("/places/ealing/coalition/"))
    assert "Every resident knows a neighbour unlike them." in text
    assert "Illustrative demo data" in text
    # The library is a registry space: its name links to the space's page.
    library = coalitions["ealing"].organisations.get(name="Ealing Central Library").space
    assert f'href="{library.get_absolute_url()}">Ealing Central Library</a>' in text
    assert "Public service (health, library, school)" in text and "Hosts the conversation cafés" in text
    assert "Asha Patel (Ealing Council)" in text
    assert "A member (name not shown)" in text  # the member's username is an e-mail address
    assert PARTICIPANTS in text and "Residents who trust people unlike them" in text
    assert text.count('role="img"') == 2  # one chart per public measure
    assert "Conversation cafés" in text and "40% done" in text and 'style="width: 40%"' in text


def test_impact_page_charts_are_accessible_svg_with_tables(client, coalitions):
    text = body(client.get("/places/ealing/coalition/impact/"))
    measure = coalitions["measure"]
    start = text.index(f'id="impact-{measure.pk}-title"')
    svg_start = text.rindex("<svg", 0, start)
    svg = ET.fromstring(text[svg_start : text.index("</svg>", start) + 6])
    assert svg.get("role") == "img"
    title_id, desc_id = svg.get("aria-labelledby").split()
    assert svg.find(f"{SVG}title").get("id") == title_id and svg.find(f"{SVG}desc").get("id") == desc_id
    assert "people" in svg.find(f"{SVG}title").text
    assert "Baseline 120 people" in svg.find(f"{SVG}desc").text
    assert len(svg.findall(f"{SVG}circle[@class='chart__point']")) == 2  # the live observations only
    assert svg.find(f"{SVG}rect[@class='chart__baseline']") is not None
    assert svg.find(f"{SVG}line[@class='chart__target']") is not None
    # The table beside it: baseline, each live value, target.
    assert f'id="measure-{measure.pk}-values-caption">{PARTICIPANTS}: every value (people)' in text
    for cell in ("120 people", "180 people", "260 people", "400 people", "Summer festival"):
        assert cell in text
    assert "Up 117% since the baseline (March 2024); 50% of the way to the 2027 target." in text
    assert "Definition" in text and "different incomes" in text


def test_downloads_hold_every_public_value_with_definitions(client, coalitions):
    response = client.get("/places/ealing/coalition/impact.csv")
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(body(response))))
    participants = [r for r in rows if r["measure"] == PARTICIPANTS]
    assert [(r["date"], r["value"]) for r in participants] == [
        ("2024-09-01", "180.0"),
        ("2025-03-01", "260.0"),
    ]
    assert participants[0]["definition"].startswith("People who took part")
    assert participants[0]["unit"] == "people" and participants[0]["direction"] == "higher"
    assert participants[0]["baseline_value"] == "120.0" and participants[0]["target_date"] == "2027-03-01"
    assert "recorded_by" not in rows[0]

    data = json.loads(body(client.get("/places/ealing/coalition/impact.json")))
    assert data["coalition"]["illustrative"] is True
    by_name = {m["name"]: m for m in data["measures"]}
    assert set(by_name) == {PARTICIPANTS, "Residents who trust people unlike them"}
    values = by_name[PARTICIPANTS]["values"]
    assert [v["value"] for v in values] == [180.0, 260.0]
    assert values[1]["evidence"] == "https://example.org/report"
    assert by_name[PARTICIPANTS]["baseline"] == {"date": "2024-03-01", "value": 120.0}


def test_approving_an_observation_makes_it_public(client, coalitions):
    draft = Observation.objects.get(note=SECRET_NOTE)
    draft.value = 300
    draft.save_revision().publish()
    text = body(client.get("/places/ealing/coalition/impact.json"))
    assert SECRET_NOTE in text
    assert "300" in text


def test_landing_and_compare_pages(client, coalitions):
    text = body(client.get("/coalitions/"))
    assert "Ealing Together" in text and "Baltimore Connects" in text
    assert text.count("Illustrative demo data") == 1  # Baltimore is not marked illustrative
    assert "Up 117% since the baseline" in text  # Ealing's headline measure and its reading

    text = body(client.get("/coalitions/compare/"))
    assert PARTICIPANTS in text
    assert "Ealing Together" in text and "Baltimore Connects" in text
    assert "Up 17% since the baseline" in text  # Baltimore: 300 -> 350


def test_atlas_pages_link_to_the_coalition(client, coalitions):
    assert 'href="/places/ealing/coalition/"' in body(client.get("/atlas/places/ealing/"))
    assert 'href="/places/ealing/coalition/"' in body(client.get("/atlas/uk_lad/E09000009/"))
    Measure.objects.all().delete()
    coalitions["ealing"].initiatives.all().delete()
    coalitions["ealing"].delete()
    assert "/coalition/" not in body(client.get("/atlas/places/ealing/"))


@pytest.mark.parametrize(
    "url",
    [
        "/places/nowhere/coalition/",
        "/places/nowhere/coalition/impact/",
        "/places/nowhere/coalition/impact.csv",
        "/places/nowhere/coalition/impact.json",
        "/places/nowhere/coalition/summary/",
        "/places/nowhere/coalition/summary/2025/",
    ],
)
def test_unknown_coalition_is_404(client, coalitions, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("year", ["0", "1", "2023", "99999", "9" * 40])
def test_summary_for_a_year_without_data_says_which_years_exist(client, coalitions, year):
    response = client.get(f"/places/ealing/coalition/summary/{year}/")
    assert response.status_code == 404
    text = body(response)
    assert "has a summary for each year from 2024" in text
    assert 'href="/places/ealing/coalition/summary/2024/"' in text


def test_summary_shows_the_year(client, coalitions):
    response = client.get("/places/ealing/coalition/summary/")
    this_year = timezone.localdate().year
    assert response.status_code == 302 and response["Location"].endswith(f"/summary/{this_year}/")
    text = body(client.get("/places/ealing/coalition/summary/2024/"))
    # Participants: baseline 120 (March 2024) before 2024's end value 180 (September).
    assert "180 people" in text and "Conversation cafés" in text
    assert "Up 50% since the baseline (March 2024); 21% of the way to the 2027 target." in text


@pytest.mark.parametrize(
    "query", ["?year=abc", "?page=-1&sort=%00", "?q=" + "x" * 5000, "?format=json&measure=1%27--"]
)
def test_junk_query_strings_never_500(client, coalitions, query):
    # A NUL byte is refused site-wide with a 400 before any view; everything else is ignored.
    expected = 400 if "%00" in query else 200
    for url in PAGES:
        assert client.get(url + query).status_code == expected


def test_unknown_year_in_the_url_is_not_a_route(client, coalitions):
    assert client.get("/places/ealing/coalition/summary/-1/").status_code == 404
    assert client.get("/places/ealing/coalition/summary/twenty/").status_code == 404


def add_measures(coalition, n: int, observations: int) -> None:
    start = dt.date(2015, 1, 1)
    measures = Measure.objects.bulk_create(
        Measure(
            coalition=coalition,
            kind=MeasureKind.RECORDED,
            name=f"Measure {i}",
            definition="Counted.",
            unit="people",
            baseline_value=10,
            baseline_date=start,
            target_value=100,
            target_date=dt.date(2030, 1, 1),
            sort_order=10 + i,
        )
        for i in range(n)
    )
    Observation.objects.bulk_create(
        Observation(measure=m, value=10 + k, date=start + dt.timedelta(days=31 * (k + 1)))
        for m in measures
        for k in range(observations)
    )


@pytest.mark.parametrize("url", ["/places/ealing/coalition/", "/places/ealing/coalition/impact/"])
def test_queries_do_not_grow_with_measures(client, coalitions, django_assert_max_num_queries, url):
    ealing = coalitions["ealing"]
    add_measures(ealing, 3, 5)  # 5 public measures
    with django_assert_max_num_queries(40) as few:
        assert client.get(url).status_code == 200
    add_measures(ealing, 45, 12)  # 50 public measures
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert response.status_code == 200
    assert body(response).count('role="img"') == 50


def test_chart_scale_and_escaping():
    assert nice_ticks(0, 10) == [0, 5, 10]
    ticks = nice_ticks(12.3, 87.9)
    assert ticks[0] <= 12.3 and ticks[-1] >= 87.9
    svg = measure_chart(
        ChartData(
            chart_id="c1",
            title="<script>alert(1)</script>",
            description="A & B",
            points=[(dt.date(2024, 1, 1), 5.0)],
        )
    )
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "A &amp; B" in svg
    ET.fromstring(svg)  # well-formed
    assert measure_chart(ChartData(chart_id="c2", title="t", description="d")) == ""
