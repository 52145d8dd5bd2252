"""Locating spaces: position and area from the postcode or address (or just the area, from a pin).

Shared by residents' submissions and suggestions (``services``), the geocoding retry task
(``tasks.geocode_asset``) and ``manage.py geocode_pending``; it queues nothing itself, so the
services that enqueue ``tasks`` and the tasks that call back here do not import each other.
"""

from __future__ import annotations

import logging

from django.db import transaction

from assets_registry.models import Asset
from geocoding.exceptions import GeocodingUnavailable, InvalidLocation

logger = logging.getLogger(__name__)

# geocoding.services.PRECISIONS -> Asset.location_precision
PRECISION_MAP = {
    "point": "exact",
    "address": "address",
    "postcode": "postcode",
    "zip": "postcode",
    "postcode_district": "district",
    "place": "locality",
    "area": "region",  # a county or local authority area, at its centre
}
MANUAL_BASIS = "placed by hand"
MAX_BASIS = 100  # Asset.location_basis


def geocoded_basis(result, query: str) -> str:
    """What a geocoded position was worked out from, in words: "postcode W5 2HL", "ZIP 21201",
    "town Baltimore", "area Essex", "address 1 High St, Ealing"."""
    named = (result.label or "").split(",")[0].strip() or query
    if result.precision == "postcode":
        basis = f"postcode {result.postcode or named}"
    elif result.precision == "zip":
        basis = f"ZIP {result.postcode or named}"
    elif result.precision == "postcode_district":
        basis = f"postcode district {named}"
    elif result.precision == "place":
        basis = f"town {named}"
    elif result.precision == "area":
        basis = f"area {named}"
    else:
        basis = f"address {query}"
    return basis[:MAX_BASIS]


def centroid_warning(result, country: str) -> str:
    """A warning for a position that is only the centre of a town or postcode district ("" if finer)."""
    if PRECISION_MAP.get(result.precision) not in ("locality", "region", "district"):
        return ""
    named = (result.label or "").split(",")[0].strip()
    where = f"postcode district {named}" if result.precision == "postcode_district" else named
    code = "ZIP code" if country == "US" else "postcode"
    return (
        f"placed at the centre of {where}: give a street address, {code} or coordinates for a true position"
    )


def _apply_area(asset: Asset, result) -> None:
    asset.admin_district_code = result.admin_district_code or asset.admin_district_code
    asset.admin_district_name = result.admin_district_name or asset.admin_district_name
    asset.admin_county_code = result.admin_county_code or asset.admin_county_code
    asset.admin_county_name = result.admin_county_name or asset.admin_county_name
    if result.country and not asset.country:
        asset.country = result.country
    if getattr(result, "region", "") and not asset.region:
        asset.region = result.region


def asset_locate(asset: Asset, *, wait: bool = False) -> bool:
    """Fill position and area from the postcode/address (or just the area, when a pin was placed).

    Does not save. Returns True when located. Raises InvalidLocation for a malformed postcode
    or ZIP (nothing is changed then). When the geocoder is unavailable, or finds nothing, the
    asset is flagged ``needs_geocoding`` so a retry (task or ``manage.py geocode_pending``)
    can finish the job; what the resident typed is kept either way. Only that retry passes
    `wait=True`: a page never waits on the online geocoder (geocoding.lookups).
    """
    from geocoding.services import geocode, reverse_geocode

    if asset.has_location and asset.location_source == "manual" and not asset.location_basis:
        asset.location_basis = MANUAL_BASIS
    try:
        if asset.has_location:
            result = reverse_geocode(asset.latitude, asset.longitude, wait=wait)
            if result is not None:
                _apply_area(asset, result)
                asset.needs_geocoding = False
                return True
        query = asset.postcode.strip() or ", ".join(p for p in (asset.address, asset.locality) if p)
        if not query:
            asset.needs_geocoding = not asset.has_location
            return asset.has_location
        result = geocode(query, country=asset.country or None, wait=wait)
    except GeocodingUnavailable:
        logger.warning("Geocoder unavailable for asset %s; queued for retry", asset.pk or asset.name)
        asset.needs_geocoding = True
        return asset.has_location
    if result is None:
        asset.needs_geocoding = True
        return asset.has_location
    if not asset.has_location:
        asset.latitude, asset.longitude = result.latitude, result.longitude
        asset.location_source = result.source
        asset.location_precision = PRECISION_MAP.get(result.precision, "")
        asset.location_basis = geocoded_basis(result, query)
    if result.postcode and not asset.postcode:
        asset.postcode = result.postcode
    _apply_area(asset, result)
    # Not stored: what the page that took the submission tells the resident ("Northern Ireland
    # postcodes are not in the open Code-Point data; …"); the position's precision is stored.
    asset.location_warning = result.warning
    asset.needs_geocoding = False
    return True


def asset_geocode_retry(*, asset: Asset) -> bool:
    """Retry geocoding a flagged asset; writes the result to the row and, for drafts in
    moderation, to a new revision (approval publishes the latest revision)."""
    asset = Asset.objects.get(pk=asset.pk)
    if not asset.needs_geocoding:
        return True
    working = asset.get_latest_revision_as_object() if asset.latest_revision_id else asset
    try:
        located = asset_locate(working, wait=True)
    except InvalidLocation:
        logger.warning(
            "Asset %s has an invalid postcode %r; left for a moderator", asset.pk, working.postcode
        )
        return False
    if working.needs_geocoding:
        return False
    location_fields = [
        "latitude",
        "longitude",
        "location_source",
        "location_precision",
        "location_basis",
        "needs_geocoding",
        "admin_district_code",
        "admin_district_name",
        "admin_county_code",
        "admin_county_name",
        "postcode",
        "country",
        "region",
    ]
    with transaction.atomic():
        for name in location_fields:
            setattr(asset, name, getattr(working, name))
        asset.save(update_fields=location_fields)
        if asset.latest_revision_id:
            working.pk = asset.pk
            working.save_revision(log_action=False, clean=False)
    return located


def geocode_pending(*, limit: int | None = None) -> tuple[int, int]:
    """Retry every flagged asset. Returns (located, still pending)."""
    located = pending = 0
    queryset = Asset.objects.filter(needs_geocoding=True).order_by("pk")
    for asset in queryset[:limit] if limit else queryset:
        if asset_geocode_retry(asset=asset):
            located += 1
        else:
            pending += 1
    return located, pending


def position_in_words(basis: str, precision: str) -> str:
    """The public page's sentence on where a map position came from ("" when nothing is known):
    "Position: from the postcode W5 2HL (its centre)."."""
    kind, _, value = (basis or "").partition(" ")
    if basis == MANUAL_BASIS:
        return "Position: placed on the map by hand."
    if basis.startswith("easting/northing"):
        source = "the source's grid reference"
    elif basis == "latitude/longitude":
        source = "the source's coordinates"
    elif basis.startswith("postcode district "):
        source = f"the postcode district {basis.removeprefix('postcode district ')}"
    elif kind == "postcode":
        source = f"the postcode {value}"
    elif kind == "ZIP":
        source = f"the ZIP code {value}"
    elif kind in ("town", "area"):
        source = f"the centre of {value}"
    elif kind == "address":
        source = "the street address"
    else:
        source = ""
    how = " (its centre)" if precision == "postcode" else ""
    if precision in ("district", "locality", "region"):
        how = " (approximate)"
    if not source:
        return {
            "postcode": "Map position is the postcode's centre.",
            "district": "Map position is approximate.",
            "locality": "Map position is approximate.",
            "region": "Map position is approximate.",
        }.get(precision, "")
    return f"Position: from {source}{how}."
