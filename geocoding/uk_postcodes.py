"""What to answer for a well-formed UK postcode or district that Code-Point Open does not position.

Code-Point Open covers Great Britain's geographic postcodes only. Everything else still gets a
specific answer instead of "Nothing found":

- Northern Ireland (BT), the Channel Islands (JE, GY) and the Isle of Man (IM): a coarser position
  (the council area or island, from `data/uk_outward_codes.csv`) with a warning saying why;
- non-geographic postcodes (BX, BFPO, GIR 0AA, PO-box districts): `PostcodeNotLocatable`, saying
  what they are (overseas territories' postcodes are told apart in `parsers.classify`);
- a GB postcode missing from the data although its district is known (terminated, or newer than the
  data): the district's centre, precision "postcode_district", with a warning;
- a district that does not exist, or whose postcodes were all terminated: `PostcodeNotLocatable`.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass, replace
from pathlib import Path

from . import selectors
from .exceptions import PostcodeNotLocatable
from .parsers import KIND_DISTRICT, KIND_POSTCODE, ParsedQuery
from .results import GeocodeResult

OUTWARD_CODES_CSV = Path(__file__).resolve().parent / "data" / "uk_outward_codes.csv"
# Countries a caller may narrow to and still mean a UK postcode (the islands have their own codes).
UK_POSTAL_COUNTRIES = {"GB", "JE", "GG", "IM"}
TRY_INSTEAD = "Try the postcode of the building itself, a town name or a postcode district such as W5."

# Postcode areas that never mark a place (Royal Mail).
NON_GEOGRAPHIC_AREAS = {
    "BX": "BX postcodes are non-geographic: organisations use them as a mailing address anywhere",
    "BF": "BF postcodes are British Forces Post Office (BFPO) addresses for forces personnel",
    "XX": "XX postcodes are non-geographic: Royal Mail uses them to route post, such as returns",
}
OUTSIDE_GB = {
    "northern_ireland": ("GB", "Northern Ireland", "Northern Ireland postcodes"),
    "channel_islands": ("", "", "Channel Islands postcodes"),
    "isle_of_man": ("IM", "", "Isle of Man postcodes"),
}
ISLAND_COUNTRIES = {"JE": "JE", "GY": "GG"}  # postcode area -> ISO country


@dataclass(frozen=True)
class OutwardCode:
    """One row of `data/uk_outward_codes.csv` (see `data/build_outward_codes.py`)."""

    outward: str
    coverage: str  # northern_ireland, channel_islands, isle_of_man, non_geographic or gb
    status: str  # live or terminated
    place: str  # the council area (BT) or island; "" when none
    area_code: str  # GSS code of the council (N09…), or geonames:<id> of the island's main town
    latitude: float | None
    longitude: float | None


@functools.cache
def outward_codes() -> dict[str, OutwardCode]:
    with OUTWARD_CODES_CSV.open(encoding="utf-8", newline="") as handle:
        return {
            row["outward"]: OutwardCode(
                outward=row["outward"],
                coverage=row["coverage"],
                status=row["status"],
                place=row["place"],
                area_code=row["area_code"],
                latitude=float(row["latitude"]) if row["latitude"] else None,
                longitude=float(row["longitude"]) if row["longitude"] else None,
            )
            for row in csv.DictReader(handle)
        }


def _outward(parsed: ParsedQuery) -> str:
    return parsed.value.split(" ")[0]


def _postcode_area(outward: str) -> str:
    return outward[:2] if outward[1:2].isalpha() else outward[:1]


def _what(parsed: ParsedQuery, *, start: bool = False) -> str:
    """How a message names what was asked: "‘BT1 1AA’", "the postcode district ‘BT1’"."""
    if parsed.kind == KIND_POSTCODE:
        return f"‘{parsed.value}’"
    return f"{'The' if start else 'the'} postcode district ‘{parsed.value}’"


def explain(parsed: ParsedQuery, *, country: str | None = None) -> GeocodeResult | None:
    """The answer for a UK postcode or district the gazetteer did not find (see the module docstring).

    Returns a coarser result carrying a `warning`, or None when this is not a UK postcode query, or
    when the gazetteer is not loaded (nothing can be said then); raises PostcodeNotLocatable.
    """
    if parsed.kind not in (KIND_POSTCODE, KIND_DISTRICT) or (country and country not in UK_POSTAL_COUNTRIES):
        return None
    outward = _outward(parsed)
    area = _postcode_area(outward)
    if area in NON_GEOGRAPHIC_AREAS:
        raise PostcodeNotLocatable(
            f"{_what(parsed, start=True)} does not mark a place: {NON_GEOGRAPHIC_AREAS[area]}. {TRY_INSTEAD}",
            reason="non_geographic",
        )
    known = outward_codes().get(outward)
    if known is not None and known.coverage == "non_geographic":
        raise PostcodeNotLocatable(
            f"{_what(parsed, start=True)} is a non-geographic postcode: it routes post "
            f"to an organisation (a PO box or a large user) and does not mark a place. {TRY_INSTEAD}",
            reason="non_geographic",
        )
    if known is not None and known.coverage in OUTSIDE_GB and known.status == "live":
        return _outside_gb(parsed, known)
    district = selectors.district_lookup(outward)
    if district is None:
        return _unknown_district(parsed, outward, known)
    if parsed.kind == KIND_DISTRICT:
        return None  # found by the gazetteer already; nothing to explain
    if selectors.postcodes_loaded_for(district):
        why = (
            f"‘{parsed.value}’ is not in the current postcode data (OS Code-Point Open): it may have been "
            f"terminated, or be too new to be listed. Showing the centre of the {outward} postcode district."
        )
    else:
        why = (
            f"The postcodes of {outward} are not loaded on this site, so ‘{parsed.value}’ cannot be placed "
            f"exactly. Showing the centre of the {outward} postcode district."
        )
    return replace(district, warning=why)


def _outside_gb(parsed: ParsedQuery, known: OutwardCode) -> GeocodeResult:
    country, region, whose = OUTSIDE_GB[known.coverage]
    area = _postcode_area(known.outward)
    country = country or ISLAND_COUNTRIES.get(area, "")
    if known.coverage == "northern_ireland":
        where = f"{known.place} (the council area most {known.outward} postcodes are in)"
        label = f"{known.place}, Northern Ireland"
        district_code, district_name = known.area_code, known.place
    else:
        where = known.place
        label = known.place
        district_code = district_name = ""
    return GeocodeResult(
        latitude=known.latitude,
        longitude=known.longitude,
        label=label,
        precision="place",
        source=selectors.SOURCE,
        country=country,
        admin_district_code=district_code,
        admin_district_name=district_name,
        region=region or known.place,
        warning=(
            f"{whose} are not in the open Code-Point data; try a town name or the postcode district. "
            f"{_what(parsed, start=True)} is shown as {where}."
        ),
    )


def _unknown_district(parsed: ParsedQuery, outward: str, known: OutwardCode | None) -> None:
    """A district the gazetteer does not have: all terminated, unheard of, or just not loaded here."""
    if known is not None and known.status == "terminated":
        raise PostcodeNotLocatable(
            f"Every postcode in {outward} has been terminated, so {_what(parsed)} is no longer in use. "
            "Check the postcode on recent post, or try a town name.",
            reason="terminated",
        )
    if known is not None:
        return None  # a real district missing from a partial gazetteer: nothing more to say
    shape = (
        "a full postcode looks like W5 2HL or SW1A 1AA"
        if parsed.kind == KIND_POSTCODE
        else ("a postcode district looks like W5, SS1 or SW1A")
    )
    raise PostcodeNotLocatable(
        f"There is no UK postcode district ‘{outward}’. Check it against your post: {shape}.",
        reason="unknown_district",
    )
