"""Every UK postcode gets a specific answer: Northern Ireland, the Channel Islands and the Isle of Man
fall back to their council area or island with a warning; non-geographic and overseas postcodes say
what they are; a terminated postcode uses its district; a malformed one shows the expected shape.
Through /api/v1/geocode, /spaces/?location=, "add a space" and an import report."""

import pytest

from django.urls import reverse

from assets_registry.importers.base import IMPORT_FIELDS
from assets_registry.importers.csv_importer import CsvImporter, mapping_from_flags
from assets_registry.importers.mapping import ColumnMapping
from assets_registry.models import Asset
from geocoding.exceptions import InvalidLocation, PostcodeNotLocatable
from geocoding.parsers import classify
from geocoding.services import geocode
from geocoding.uk_postcodes import outward_codes
from tests.assets_registry.test_submissions import form_data
from tests.geocoding.gazetteer_fixture import load_fixture_gazetteer

pytestmark = pytest.mark.django_db

NI_WARNING = (
    "Northern Ireland postcodes are not in the open Code-Point data; "
    "try a town name or the postcode district."
)
BELFAST_CENTROID = (54.59853, -5.9253502)  # ONS local authority centroid of Belfast (N09000003)
# CM1 1AJ: a real Chelmsford postcode, terminated in July 2018 (ONS postcode lookup, May 2022), so
# not in Code-Point Open 2025; its district CM1 is.
TERMINATED = "CM1 1AJ"

# query -> (status, text the API's message contains, reason or precision)
ANSWERS = {
    "BT1 1AA": (200, NI_WARNING, "place"),
    "JE2 3AB": (200, "Channel Islands postcodes are not in the open Code-Point data", "place"),
    "GY1 1AA": (200, "Channel Islands postcodes are not in the open Code-Point data", "place"),
    "IM1 1AA": (200, "Isle of Man postcodes are not in the open Code-Point data", "place"),
    "BX1 1LT": (404, "BX postcodes are non-geographic", "non_geographic"),
    "GIR 0AA": (404, "is a non-geographic postcode", "non_geographic"),
    "BF1 3AA": (404, "British Forces Post Office (BFPO)", "non_geographic"),
    TERMINATED: (200, "it may have been terminated, or be too new to be listed", "postcode_district"),
    "W5 2H": (404, "A full postcode looks like W5 2HL or SW1A 1AA.", "malformed"),
}


@pytest.mark.parametrize("query", ANSWERS)
def test_api_answers_each_kind_of_postcode_specifically(client, gazetteer, query):
    status, text, kind = ANSWERS[query]
    response = client.get("/api/v1/geocode", {"q": query})
    body = response.json()
    assert response.status_code == status
    if status == 200:
        assert text in body["warning"] and body["precision"] == kind
    else:
        assert text in body["detail"] and body["reason"] == kind


@pytest.mark.parametrize("query", ANSWERS)
def test_find_a_space_shows_the_same_message(client, gazetteer, query):
    status, text, _ = ANSWERS[query]
    response = client.get(reverse("assets_registry:find"), {"location": query})
    page = response.content.decode()
    assert response.status_code == (200 if status == 200 else 400)
    assert text.replace("'", "&#x27;") in page
    if status == 200:
        assert 'id="search-location-warning"' in page and "aria-describedby" in page
    else:
        assert 'id="search-location-error"' in page


def test_northern_ireland_falls_back_to_its_council_area():
    belfast = geocode("bt1 1aa")
    assert (belfast.label, belfast.country, belfast.region) == (
        "Belfast, Northern Ireland",
        "GB",
        "Northern Ireland",
    )
    assert belfast.admin_district_code == "N09000003"
    assert belfast.point == pytest.approx(BELFAST_CENTROID)
    assert "‘BT1 1AA’ is shown as Belfast (the council area most BT1 postcodes are in)" in belfast.warning
    # A district alone answers too; BT16 (Dundonald) is mostly in Lisburn and Castlereagh.
    assert geocode("BT16").admin_district_name == "Lisburn and Castlereagh"


def test_islands_answer_as_their_island():
    jersey, guernsey, man = geocode("JE2 3AB"), geocode("GY9 3AA"), geocode("IM1")
    assert (jersey.label, jersey.country) == ("Jersey", "JE")
    assert (guernsey.label, guernsey.country) == ("Guernsey", "GG")
    assert (man.label, man.country) == ("Isle of Man", "IM")
    assert jersey.point == pytest.approx((49.18804, -2.10491))  # St Helier (GeoNames 3042091)


def test_a_terminated_postcode_uses_its_district(gazetteer):
    result = geocode(TERMINATED)
    assert (result.precision, result.label, result.postcode) == ("postcode_district", "CM1, Chelmsford", "")
    assert result.admin_county_name == "Essex"
    assert result.warning.startswith(f"‘{TERMINATED}’ is not in the current postcode data")
    assert result.warning.endswith("Showing the centre of the CM1 postcode district.")


def test_a_district_whose_postcodes_are_not_loaded_says_so(db):
    load_fixture_gazetteer(areas={"E09000009"})  # Ealing's postcodes only; every district
    result = geocode("CM1 1AE")  # a live Chelmsford postcode, not loaded here
    assert result.precision == "postcode_district"
    assert result.warning.startswith("The postcodes of CM1 are not loaded on this site")


@pytest.mark.parametrize(
    ("query", "reason", "text"),
    [
        ("CF1 1AA", "terminated", "Every postcode in CF1 has been terminated"),
        ("BT58 1AA", "terminated", "Every postcode in BT58 has been terminated"),
        ("ZZ9 9ZZ", "unknown_district", "There is no UK postcode district ‘ZZ9’"),
        ("BN91 1AA", "non_geographic", "is a non-geographic postcode"),
        ("STHL 1ZZ", "overseas_territory", "the postcode of Saint Helena"),
        ("GX11 1AA", "overseas_territory", "the postcode of Gibraltar"),
    ],
)
def test_postcodes_that_name_no_place(gazetteer, query, reason, text):
    with pytest.raises(PostcodeNotLocatable) as raised:
        geocode(query)
    assert raised.value.reason == reason and text in raised.value.message


def test_malformed_shapes_are_named_with_real_examples():
    for query in ("5W1 2HL", "W5W5 2HL"):
        with pytest.raises(InvalidLocation) as raised:
            classify(query)
        assert "should be one or two letters and then a digit" in raised.value.message
        assert raised.value.message.endswith("A full postcode looks like W5 2HL or SW1A 1AA.")
    assert classify("w5-2hl").value == classify("Ｗ５ ２ＨＬ").value == "W5 2HL"


def test_the_table_of_outward_codes_outside_great_britain():
    codes = outward_codes()
    assert {c for c in codes if c.startswith("BT") and codes[c].status == "live"} >= {
        f"BT{n}" for n in range(1, 18)
    }
    assert {codes[f"BT{n}"].place for n in (1, 2, 3, 9, 15)} == {"Belfast"}
    assert codes["JE5"].status == "terminated" and codes["GIR"].coverage == "non_geographic"


@pytest.mark.parametrize(
    "query", ["", "   ", "💥", "\x00", "x" * 199, "_", "%", "Ｗ", "W5 2HL " * 20, "BT1 1AA' OR 1=1", "ß" * 50]
)
def test_odd_input_never_answers_500(client, gazetteer, query):
    assert client.get("/api/v1/geocode", {"q": query}).status_code in (200, 400, 404, 422)
    assert client.get(reverse("assets_registry:find"), {"location": query}).status_code in (200, 400)


def test_add_a_space_tells_the_resident_why_its_position_is_approximate(client, gazetteer):
    response = client.post(reverse("assets_registry:add"), form_data(postcode="BT1 1AA", locality="Belfast"))
    assert response.status_code == 302
    asset = Asset.objects.get()
    assert (asset.location_precision, asset.admin_district_code) == ("locality", "N09000003")
    thanks = client.get(response.url).content.decode()
    assert "Its place on the map is approximate: " + NI_WARNING in thanks
    rejected = client.post(reverse("assets_registry:add"), form_data(postcode="BX1 1LT", name="Other"))
    assert rejected.status_code == 400
    assert "BX postcodes are non-geographic" in rejected.content.decode()


def test_import_report_carries_the_messages(tmp_path, gazetteer):
    path = tmp_path / "partner.csv"
    path.write_text(
        "id,name,postcode\n1,Belfast hall,BT1 1AA\n2,Box office,BX1 1LT\n3,Typo hall,W5 2H\n",
        encoding="utf-8",
    )
    spec = mapping_from_flags(id_column="id", postcode_column="postcode")
    mapping = ColumnMapping.from_dict(spec, allowed_fields=IMPORT_FIELDS)
    report = CsvImporter(path, mapping, source="partner", areas=False, trusted=True).run(commit=False)
    reasons = {line.source_id: (line.status, line.reason) for line in report.lines}
    assert reasons["1"][0] == "warning" and NI_WARNING in reasons["1"][1]
    assert reasons["2"][0] == "rejected" and "BX postcodes are non-geographic" in reasons["2"][1]
    assert (
        reasons["3"][0] == "rejected" and "A full postcode looks like W5 2HL or SW1A 1AA." in reasons["3"][1]
    )
    # The summary folds numbers, never the examples: not "WN NHL".
    assert "A full postcode looks like W5 2HL or SW1A 1AA." in report.summary()
