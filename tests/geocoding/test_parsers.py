import pytest

from geocoding.exceptions import InvalidLocation
from geocoding.parsers import (
    KIND_DISTRICT,
    KIND_PLACE,
    KIND_POSTCODE,
    KIND_ZIP,
    classify,
    normalise_outward_code,
    normalise_uk_postcode,
    normalise_us_zip,
    place_key,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("W5 2HL", "W5 2HL"),
        ("w52hl", "W5 2HL"),
        ("  w5   2hl ", "W5 2HL"),
        ("SW1A 1AA", "SW1A 1AA"),
        ("sw1a1aa", "SW1A 1AA"),
        ("EC1A 1BB", "EC1A 1BB"),
        ("M1 1AE", "M1 1AE"),
        ("B33 8TH", "B33 8TH"),
        ("CR2 6XH", "CR2 6XH"),
        ("DN55 1PT", "DN55 1PT"),
        ("GIR 0AA", "GIR 0AA"),
    ],
)
def test_uk_postcodes_are_normalised(text, expected):
    assert normalise_uk_postcode(text) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("W5 2H", "the part after the space (‘2H’) is too short"),
        ("W5 2", "too short"),
        ("W5 22L", "should be a digit and two letters"),
        ("W5 2CI", "never C, I, K, M, O or V"),
        ("5W 2HL", "the first part, ‘5W’, should be one or two letters"),
        ("SW1A 1AAA", "it has 8 letters and digits; a postcode has 5 to 7"),
        ("W5", "only the first half (a postcode district)"),
        ("W5-2HL", "only letters and digits"),
        ("", "Enter a postcode"),
    ],
)
def test_bad_uk_postcodes_say_what_is_wrong(text, reason):
    with pytest.raises(InvalidLocation) as caught:
        normalise_uk_postcode(text)
    assert reason in caught.value.message
    if text:
        assert caught.value.message.startswith(f"‘{text}’ is not a complete UK postcode: ")


def test_outward_codes():
    assert normalise_outward_code(" sw1a ") == "SW1A"
    assert normalise_outward_code("w5") == "W5"
    with pytest.raises(InvalidLocation, match="not a UK postcode district"):
        normalise_outward_code("5W")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("21201", "21201"),
        ("21201-1234", "21201"),
        ("21201 1234", "21201"),
        ("212011234", "21201"),
        (" 02139 ", "02139"),
    ],
)
def test_us_zips_are_normalised(text, expected):
    assert normalise_us_zip(text) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2120", "it has 4 digits; a ZIP code has 5"),
        ("212011", "it has 6 digits"),
        ("21201-12", "it has 7 digits"),
        ("2120-11234", "write ZIP+4 as five digits, a hyphen and four digits"),
        ("21201-12345", "it has 10 digits"),
        ("21A01", "only digits"),
    ],
)
def test_bad_us_zips_say_what_is_wrong(text, reason):
    with pytest.raises(InvalidLocation) as caught:
        normalise_us_zip(text)
    assert caught.value.message.startswith(f"‘{text}’ is not a valid US ZIP code: ")
    assert reason in caught.value.message


@pytest.mark.parametrize(
    ("query", "kind", "value"),
    [
        ("W5 2HL", KIND_POSTCODE, "W5 2HL"),
        ("w52hl", KIND_POSTCODE, "W5 2HL"),
        ("W5", KIND_DISTRICT, "W5"),
        ("sw1a", KIND_DISTRICT, "SW1A"),
        ("SS1", KIND_DISTRICT, "SS1"),
        ("21201", KIND_ZIP, "21201"),
        ("21201-1234", KIND_ZIP, "21201"),
        ("Ealing", KIND_PLACE, "Ealing"),
        ("  Boston,   MA ", KIND_PLACE, "Boston, MA"),
        ("Southend-on-Sea", KIND_PLACE, "Southend-on-Sea"),
        ("10 Downing Street, London", KIND_PLACE, "10 Downing Street, London"),
    ],
)
def test_classify(query, kind, value):
    parsed = classify(query)
    assert (parsed.kind, parsed.value, parsed.original) == (kind, value, query)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("W5 2H", "is not a complete UK postcode"),
        ("SW1A 1AAA", "is not a complete UK postcode"),
        ("1234", "is not a valid US ZIP code"),
        ("123456", "is not a valid US ZIP code"),
        ("   ", "Enter a postcode, ZIP code or place name."),
        ("!", "too short to look up"),
    ],
)
def test_classify_rejects_malformed_postcodes_and_zips(query, message):
    with pytest.raises(InvalidLocation, match=message):
        classify(query)


def test_place_keys_ignore_case_accents_punctuation_and_saint():
    assert place_key("St. Albans") == place_key("saint albans") == place_key("ST ALBANS") == "st albans"
    assert place_key("Doña Ana") == "dona ana"
    assert place_key("Southend-on-Sea") == "southend on sea"
