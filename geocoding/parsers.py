"""Recognise and normalise what people type into a location box.

Hand-written rather than taken from a package: the UK postcode validators on PyPI answer yes/no,
and we need to tell a resident *what* is wrong ("the part after the space should be a digit and two
letters"). Format rules: the UK Government Data Standards Catalogue (BS 7666 postcode), and USPS
ZIP / ZIP+4.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .exceptions import InvalidLocation, PostcodeNotLocatable

# Outward code: area (1-2 letters) + district (digit, then an optional digit or letter: W5, SW1A, EC1A, M25).
OUTWARD_RE = re.compile(r"[A-Z]{1,2}[0-9][A-Z0-9]?")
# Inward code: sector digit + unit (two letters, never C I K M O V).
INWARD_RE = re.compile(r"[0-9][ABD-HJLNP-UW-Z]{2}")
FULL_RE = re.compile(rf"({OUTWARD_RE.pattern})({INWARD_RE.pattern})")
# Something a person meant as a UK postcode: letters and digits only, starting with letters then a digit,
# at most one space, short. "Ealing" or "10 Downing Street" are not; "W5 2H" and "SW1A 1AAA" are.
POSTCODE_LIKE_RE = re.compile(r"[A-Z]{1,2}[0-9][A-Z0-9]{0,2}( ?[0-9A-Z]{1,4})?")
# Ends like a postcode (a digit and two letters) but the first part is wrong: "5W1 2HL", "W5W5 2HL".
ENDS_LIKE_POSTCODE_RE = re.compile(r"(?=[A-Z]*[0-9])[A-Z0-9]{2,5} ?[0-9][A-Z]{2}")
# A postcode written with a hyphen or a dot between its halves: "W5-2HL".
SEPARATED_POSTCODE_RE = re.compile(rf"({OUTWARD_RE.pattern}) ?[-./] ?({INWARD_RE.pattern})")
ZIP_LIKE_RE = re.compile(r"[0-9][0-9 -]*")
ZIP_RE = re.compile(r"([0-9]{5})(?:[ -]?([0-9]{4}))?")
GIRO = "GIR0AA"  # Girobank's historic non-geographic postcode: valid in format, not in the gazetteer.

# British Overseas Territories with a UK-style postcode, one each (Royal Mail): real, but outside the
# UK's postcode data, so a resident is told so rather than "nothing found".
OVERSEAS_TERRITORIES = {
    "ASCN1ZZ": "Ascension Island",
    "BBND1ZZ": "the British Indian Ocean Territory",
    "BIQQ1ZZ": "the British Antarctic Territory",
    "FIQQ1ZZ": "the Falkland Islands",
    "GX111AA": "Gibraltar",
    "PCRN1ZZ": "the Pitcairn Islands",
    "SIQQ1ZZ": "South Georgia and the South Sandwich Islands",
    "STHL1ZZ": "Saint Helena",
    "TDCU1ZZ": "Tristan da Cunha",
    "TKCA1ZZ": "the Turks and Caicos Islands",
}

KIND_POSTCODE = "postcode"
KIND_DISTRICT = "postcode_district"
KIND_ZIP = "zip"
KIND_PLACE = "place"


@dataclass(frozen=True)
class ParsedQuery:
    kind: str  # KIND_POSTCODE, KIND_DISTRICT, KIND_ZIP or KIND_PLACE
    value: str  # normalised: "W5 2HL", "W5", "21201", or the place text as typed (trimmed)
    original: str


def _squash(text: str) -> str:
    return " ".join(text.split())


def normalise_uk_postcode(text: str) -> str:
    """'w52hl ' -> 'W5 2HL'. Raises InvalidLocation with the reason when it is not a full postcode."""
    original = _squash(text)
    compact = original.replace(" ", "").upper()
    if compact == GIRO:
        return "GIR 0AA"
    match = FULL_RE.fullmatch(compact)
    if match:
        return f"{match.group(1)} {match.group(2)}"
    raise InvalidLocation(_postcode_problem(original, compact))


def _postcode_problem(original: str, compact: str) -> str:
    prefix = f"‘{original}’ is not a complete UK postcode: "
    example = " A full postcode looks like W5 2HL or SW1A 1AA."
    if not compact:
        return "Enter a postcode."
    if not compact.isalnum() or not compact.isascii():
        return prefix + "a postcode has only letters and digits." + example
    if len(compact) > 7:
        return prefix + f"it has {len(compact)} letters and digits; a postcode has 5 to 7." + example
    if " " in original:
        outward, inward = original.upper().split(" ", 1)
        if not OUTWARD_RE.fullmatch(outward):
            return prefix + (
                f"the first part, ‘{outward}’, should be one or two letters and then a digit "
                "(and perhaps one more letter or digit)." + example
            )
        if len(inward) < 3:
            return prefix + (
                f"the part after the space (‘{inward}’) is too short; it should be a digit and two letters."
                + example
            )
        if not INWARD_RE.fullmatch(inward):
            if re.fullmatch(r"[0-9][A-Z]{2}", inward):
                return prefix + "the last two letters are never C, I, K, M, O or V." + example
            return prefix + (
                f"the part after the space (‘{inward}’) should be a digit and two letters." + example
            )
    if OUTWARD_RE.fullmatch(compact):
        return prefix + f"‘{compact}’ is only the first half (a postcode district)." + example
    return prefix + "it should end with a digit and two letters." + example


def normalise_outward_code(text: str) -> str:
    """'sw1a' -> 'SW1A'. Raises InvalidLocation when it is not a postcode district."""
    compact = _squash(text).replace(" ", "").upper()
    if OUTWARD_RE.fullmatch(compact):
        return compact
    raise InvalidLocation(
        f"‘{_squash(text)}’ is not a UK postcode district: one is one or two letters, a digit, and "
        "perhaps one more letter or digit, as in W5, SS1 or SW1A."
    )


def normalise_us_zip(text: str) -> str:
    """'21201-1234' -> '21201'. ZIP+4 keeps its first five digits. Raises InvalidLocation otherwise."""
    squashed = _squash(text)
    match = ZIP_RE.fullmatch(squashed)
    if match:
        return match.group(1)
    digits = re.sub(r"[^0-9]", "", squashed)
    prefix = f"‘{squashed}’ is not a valid US ZIP code: "
    if not ZIP_LIKE_RE.fullmatch(squashed):
        return _raise(
            prefix + "a ZIP code has only digits (and a hyphen in ZIP+4), as in 21201 or 21201-1234."
        )
    if len(digits) < 5:
        return _raise(prefix + f"it has {len(digits)} digits; a ZIP code has 5, as in 21201.")
    if len(digits) == 9:
        return _raise(prefix + "write ZIP+4 as five digits, a hyphen and four digits, as in 21201-1234.")
    return _raise(prefix + f"it has {len(digits)} digits; a ZIP code has 5 (or 9 as ZIP+4, 21201-1234).")


def _raise(message: str):
    raise InvalidLocation(message)


def place_key(text: str) -> str:
    """Lookup key for a place name: ASCII, lower case, punctuation dropped, 'saint' -> 'st'.

    'St. Albans', 'st albans' and 'Saint Albans' share a key, and so do 'Doña Ana' and 'Dona Ana'.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", " ", ascii_text.lower()).split()
    return " ".join("st" if word == "saint" else word for word in words)


def classify(query: str) -> ParsedQuery:
    """Decide whether a query is a UK postcode, a postcode district, a US ZIP code or a place name.

    Raises InvalidLocation for an empty query, or for one that is clearly meant as a postcode or ZIP
    code but is malformed, with a message a resident can act on.
    """
    original = query if isinstance(query, str) else str(query)
    # NFKC: full-width "Ｗ５ ２ＨＬ" (phone keyboards) reads as "W5 2HL".
    text = _squash(unicodedata.normalize("NFKC", original))
    if not text:
        raise InvalidLocation("Enter a postcode, ZIP code or place name.")
    upper = text.upper()
    if ZIP_LIKE_RE.fullmatch(text):
        return ParsedQuery(KIND_ZIP, normalise_us_zip(text), original)
    if separated := SEPARATED_POSTCODE_RE.fullmatch(upper):
        upper = text = f"{separated.group(1)} {separated.group(2)}"
    compact = upper.replace(" ", "")
    if compact in OVERSEAS_TERRITORIES:
        raise PostcodeNotLocatable(
            f"‘{text}’ is the postcode of {OVERSEAS_TERRITORIES[compact]}, a British Overseas Territory "
            "outside the UK's postcode data, so it cannot be placed here. Try a UK postcode such as "
            "W5 2HL, a ZIP code or a town name.",
            reason="overseas_territory",
        )
    if compact == GIRO or (FULL_RE.fullmatch(compact) and upper.count(" ") <= 1):
        return ParsedQuery(KIND_POSTCODE, normalise_uk_postcode(text), original)
    if OUTWARD_RE.fullmatch(upper):
        return ParsedQuery(KIND_DISTRICT, upper, original)
    if POSTCODE_LIKE_RE.fullmatch(upper) or ENDS_LIKE_POSTCODE_RE.fullmatch(upper):
        normalise_uk_postcode(text)  # raises with the reason
    if len(place_key(text)) < 2:
        raise InvalidLocation(f"‘{text}’ is too short to look up: enter a postcode, ZIP code or place name.")
    return ParsedQuery(KIND_PLACE, text, original)
