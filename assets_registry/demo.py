"""Demo content: Ealing's real community spaces and those of the US pilot places, published,
plus the moderation workflow.

Sources (extracts committed in assets_registry/data/, see its README for licences): the GLA
Cultural Infrastructure Map (OGL v3) and OpenStreetMap places of worship (ODbL) for Ealing; for
Baltimore City and Boston, a small list compiled from public addresses, placed by ZIP code.
Each is imported exactly as a partner would import it (``import_csv`` / ``import_osm`` with its
mapping in data/mappings/, trusted, so published). Idempotent: spaces are upserted by source
id, so a second run changes nothing.
"""

from pathlib import Path

from assets_registry.importers.base import IMPORT_FIELDS
from assets_registry.importers.csv_importer import CsvImporter
from assets_registry.importers.mapping import ColumnMapping
from assets_registry.importers.osm import OsmImporter
from assets_registry.services import moderation_workflow

DATA = Path(__file__).resolve().parent / "data"
MAPPINGS = Path(__file__).resolve().parent.parent / "data" / "mappings"
# (importer, extract, mapping); the US pilots last: they need the gazetteer's ZIP codes.
SOURCES = [
    (
        CsvImporter,
        DATA / "ealing_cultural_infrastructure.csv",
        MAPPINGS / "ealing_cultural_infrastructure.yaml",
    ),
    (OsmImporter, DATA / "ealing_places_of_worship.csv", MAPPINGS / "ealing_places_of_worship.yaml"),
]
US_PILOTS = DATA / "us_pilot_spaces.csv"


def load(*, stdout) -> None:
    moderation_workflow()
    for source in SOURCES:
        import_source(*source, stdout=stdout)
    load_us_pilots(stdout=stdout)


def load_us_pilots(*, stdout) -> None:
    """Baltimore City's and Boston's spaces (placed by the gazetteer's US ZIP codes, which the
    demo loads first)."""
    import_source(CsvImporter, US_PILOTS, MAPPINGS / "us_pilot_spaces.yaml", stdout=stdout)


def import_source(importer_class, path: Path, mapping_path: Path, *, stdout) -> None:
    mapping = ColumnMapping.load(mapping_path, allowed_fields=IMPORT_FIELDS)
    report = importer_class(path, mapping, trusted=True).run(commit=True)
    stdout.write(
        f"  {report.source}: {report.created} created, {report.updated} updated, "
        f"{report.unchanged} unchanged, {report.skipped} skipped, {report.rejected} rejected"
    )
