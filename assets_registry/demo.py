"""Demo content: Ealing's real community spaces and those of the US pilot places, published,
plus the moderation workflow.

Sources (extracts committed in assets_registry/data/, see its README for licences):
the GLA Cultural Infrastructure Map (OGL v3) and OpenStreetMap places of worship (ODbL) for
Ealing; for Baltimore City and Boston, a small list compiled from public addresses, imported the
way a partner would (``import_csv`` with the mapping in data/mappings/) and placed by ZIP code.
Idempotent: assets are upserted by source id, so a second run changes nothing.
"""

from pathlib import Path

from assets_registry.importers.base import IMPORT_FIELDS
from assets_registry.importers.csv_importer import CsvImporter
from assets_registry.importers.demo_extracts import (
    GLACulturalInfrastructureImporter,
    OSMPlacesOfWorshipImporter,
)
from assets_registry.importers.mapping import ColumnMapping
from assets_registry.services import moderation_workflow

DATA = Path(__file__).resolve().parent / "data"
US_PILOTS = DATA / "us_pilot_spaces.csv"
US_PILOTS_MAPPING = Path(__file__).resolve().parent.parent / "data" / "mappings" / "us_pilot_spaces.yaml"
SOURCES = [
    (GLACulturalInfrastructureImporter, DATA / "ealing_cultural_infrastructure.csv"),
    (OSMPlacesOfWorshipImporter, DATA / "ealing_places_of_worship.csv"),
]


def load(*, stdout) -> None:
    moderation_workflow()
    for importer_class, path in SOURCES:
        importer = importer_class()
        report = importer.run(importer.read_rows(path), commit=True, stdout=stdout)
        stdout.write(
            f"  {importer.data_source}: {report.created} created, {report.updated} updated, "
            f"{report.unchanged} unchanged, {len(report.rejected)} skipped (businesses or unnamed rows)"
        )
    load_us_pilots(stdout=stdout)


def load_us_pilots(*, stdout) -> None:
    """Baltimore City's and Boston's spaces, through the partner CSV importer (needs the
    gazetteer's US ZIP codes, which the demo loads first)."""
    mapping = ColumnMapping.load(US_PILOTS_MAPPING, allowed_fields=IMPORT_FIELDS)
    result = CsvImporter(US_PILOTS, mapping, trusted=True).run(commit=True)
    stdout.write(
        f"  {result.source}: {result.created} created, {result.updated} updated, "
        f"{result.unchanged} unchanged, {result.rejected} rejected"
    )
