"""Atlas importers (see base.py for the pattern); ``FORMATS`` is what `manage.py import_atlas` offers."""

from atlas.importers.boundaries import (
    EnglandLADBoundaries,
    GeoJSONBoundaries,
    LondonBoroughBoundaries,
    USCountyBoundaries,
)
from atlas.importers.english_deprivation import EnglishDeprivationImporter
from atlas.importers.uk_social_capital import UKSocialCapitalImporter
from atlas.importers.us_social_capital import USCountyImporter, USZipImporter

FORMATS = {
    "us-sca-county": (USCountyImporter, "US Social Capital Atlas county file (social_capital_county.csv)"),
    "us-sca-zip": (USZipImporter, "US Social Capital Atlas ZIP file (social_capital_zip.csv)"),
    "uk-sca": (UKSocialCapitalImporter, "UK Social Capital Atlas file you supply (see docs/atlas.md)"),
    "uk-iod-lad": (
        EnglishDeprivationImporter,
        "English Indices of Deprivation, File 10 (district summaries)",
    ),
    "us-county-boundaries": (USCountyBoundaries, "US Census counties GeoJSON, feature id = FIPS"),
    "london-borough-boundaries": (LondonBoroughBoundaries, "London boroughs GeoJSON with GSS_CODE, NAME"),
    "england-lad-boundaries": (EnglandLADBoundaries, "ONS English LADs GeoJSON with name (joined to codes)"),
    "geojson-boundaries": (GeoJSONBoundaries, "any GeoJSON: give --kind, --code-property, --name-property"),
}

__all__ = [
    "FORMATS",
    "EnglandLADBoundaries",
    "EnglishDeprivationImporter",
    "GeoJSONBoundaries",
    "LondonBoroughBoundaries",
    "UKSocialCapitalImporter",
    "USCountyBoundaries",
    "USCountyImporter",
    "USZipImporter",
]
