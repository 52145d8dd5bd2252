"""Export the demo as an HSDS package, import it into an empty registry, and every public field of
every space comes back, with the position's precision and provenance."""

import pytest

from assets_registry.exporters import hsds
from assets_registry.importers.hsds import HsdsImporter
from assets_registry.models import Asset
from assets_registry.public_fields import PUBLIC_FIELDS

from .hsds_demo import export_package, load_demo_spaces

# The registry's own bookkeeping, not facts about the space: the importing registry gives its own
# (the source is the package's name there, the source id the HSDS service id).
OWN_FIELDS = {"id", "slug", "data_source", "source_id", "created_at", "updated_at"}
COMPARED = [name for name in PUBLIC_FIELDS if name not in OWN_FIELDS]


def public_values(asset: Asset) -> dict:
    data = {name: getattr(asset, name) for name in COMPARED}
    data["opening_hours"] = [
        (h.weekday, h.opens, h.closes) for h in asset.opening_hours.order_by("sort_order")
    ]
    return data


@pytest.mark.django_db(transaction=True)
def test_the_demo_comes_back_from_its_hsds_package(tmp_path, gazetteer):
    load_demo_spaces()
    before = {asset.pk: public_values(asset) for asset in Asset.objects.filter(live=True)}
    precisions = {values["location_precision"] for values in before.values()}
    assert {"exact", "postcode"} <= precisions
    assert any(values["location_basis"] for values in before.values())
    # Places of worship have no street address: their region and country travel as address parts.
    assert any(values["region"] and not values["address"] for values in before.values())
    folder = export_package(tmp_path / "package")

    Asset.objects.all().delete()  # an empty registry
    # The package is a registry's published set: its duplicates were decided there.
    report = HsdsImporter(
        folder, source="hsds-round-trip", trusted=True, allow_unlocated=True, allow_duplicates=True
    ).run(commit=True)
    assert (report.created, report.rejected) == (len(before), 0)

    after = {}
    for asset in Asset.objects.filter(live=True):
        # The service id carries the exported space's number: compare each space with itself.
        after[hsds.pk_from_record_id("service", asset.source_id)] = public_values(asset)
    assert after.keys() == before.keys()
    differences = [
        (pk, name, before[pk][name], after[pk][name])
        for pk in before
        for name in before[pk]
        if before[pk][name] != after[pk][name]
    ]
    assert differences == [], f"{len(differences)} differences, e.g. {differences[:10]}"
