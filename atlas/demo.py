"""Demo content for the atlas: US counties with every Social Capital Atlas measure and their
boundaries, London boroughs, English local authorities with the English Indices of Deprivation
2025, the ZIP codes of the US pilot counties, every public space placed in its areas, and the
four pilot places.

Reads only the extracts committed in atlas/data/ (see its README for sources and licences).
Idempotent: the importers upsert by code and write nothing that has not changed.
"""

from __future__ import annotations

from pathlib import Path

from atlas.importers import (
    EnglandLADBoundaries,
    EnglishDeprivationImporter,
    LondonBoroughBoundaries,
    USCountyBoundaries,
    USCountyImporter,
    USZipImporter,
)
from atlas.models import Area, AreaKind
from atlas.services import assign_assets_to_areas, pilot_place_upsert

DATA = Path(__file__).resolve().parent / "data"

STEPS = [
    (USCountyImporter, "us_social_capital_county.csv"),
    (USCountyBoundaries, "us_counties.geojson"),
    (USZipImporter, "us_social_capital_zip_pilots.csv"),
    (LondonBoroughBoundaries, "london_boroughs.geojson"),
    (EnglandLADBoundaries, "england_lads.geojson"),
    (EnglishDeprivationImporter, "uk/imd2025_lad_summaries.csv"),
]

ESSEX_CODES = [
    "E07000066",  # Basildon
    "E07000067",  # Braintree
    "E07000068",  # Brentwood
    "E07000069",  # Castle Point
    "E07000070",  # Chelmsford
    "E07000071",  # Colchester
    "E07000072",  # Epping Forest
    "E07000073",  # Harlow
    "E07000074",  # Maldon
    "E07000075",  # Rochford
    "E07000076",  # Tendring
    "E07000077",  # Uttlesford
    "E06000033",  # Southend-on-Sea
    "E06000034",  # Thurrock
]

PILOTS = [
    {
        "slug": "ealing",
        "name": "Ealing",
        "country": "GB",
        "summary": "A west London borough. Its places of worship, libraries, community centres, clubs and venues from the GLA Cultural Infrastructure Map and OpenStreetMap are in the registry's demo; Deprivation figures come from the English Indices of Deprivation 2025; UK economic connectedness shows here once the UK Social Capital Atlas is imported.",
        "areas": [(AreaKind.LONDON_BOROUGH, ["E09000009"])],
    },
    {
        "slug": "essex",
        "name": "Essex",
        "country": "GB",
        "summary": "The ceremonial county of Essex: the twelve districts of Essex County Council with the unitary authorities of Southend-on-Sea and Thurrock, from commuter towns to coastal and rural communities.",
        "areas": [(AreaKind.UK_LAD, ESSEX_CODES)],
    },
    {
        "slug": "baltimore",
        "name": "Baltimore",
        "country": "US",
        "summary": "Baltimore City, Maryland. In the Social Capital Atlas its economic connectedness is below that of most US counties, and its friending bias is among the highest: where people on lower and higher incomes do meet, they become friends less often than almost anywhere else.",
        "areas": [(AreaKind.US_COUNTY, ["24510"])],
    },
    {
        "slug": "boston",
        "name": "Boston",
        "country": "US",
        "summary": "Suffolk County, Massachusetts: Boston with Chelsea, Revere and Winthrop. Exposure across income lines is high here, but friending bias is among the highest of any US county: meeting is not yet befriending.",
        "areas": [(AreaKind.US_COUNTY, ["25025"])],
    },
]


def load(*, stdout) -> None:
    for importer_class, filename in STEPS:
        importer = importer_class()
        report = importer.run(DATA / filename, commit=True, progress=True, stdout=stdout)
        counts = ", ".join(f"{key} {value}" for key, value in sorted(report.counts.items()) if value)
        stdout.write(
            f"  {importer.source_name}: {report.accepted} rows ({counts}); {report.rejected} rejected"
        )
    result = assign_assets_to_areas(progress=True, stdout=stdout)
    stdout.write(f"  Spaces placed in areas: {result.assets} spaces, {result.links} links")
    for order, pilot in enumerate(PILOTS):
        areas = []
        for kind, codes in pilot["areas"]:
            areas += list(Area.objects.filter(kind=kind, code__in=codes))
        pilot_place_upsert(
            slug=pilot["slug"],
            name=pilot["name"],
            country=pilot["country"],
            summary=pilot["summary"],
            areas=areas,
            sort_order=order,
        )
        stdout.write(f"  Pilot place {pilot['name']}: {len(areas)} area(s)")
