"""Demo content: Ealing's real community spaces, published, plus the moderation workflow.

Sources (extracts committed in assets_registry/data/, see its README for licences):
the GLA Cultural Infrastructure Map (OGL v3) and OpenStreetMap places of worship (ODbL).
Idempotent: assets are upserted by source id, so a second run changes nothing.
"""

from pathlib import Path

from assets_registry.importers.demo_extracts import (
    GLACulturalInfrastructureImporter,
    OSMPlacesOfWorshipImporter,
)
from assets_registry.services import moderation_workflow

DATA = Path(__file__).resolve().parent / "data"
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
