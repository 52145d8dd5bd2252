"""Reads for a resident's map: registry spaces to pick as places, and spaces near them that are
unlike the ones they use. Both go through the registry's own find-a-space selectors, so only
published spaces are ever offered."""

from __future__ import annotations

from dataclasses import dataclass

from assets_registry.models import Asset
from assets_registry.selectors import FilterError, asset_search, filters_from_params, public_assets
from coalitions.registry_measures import BRIDGING_TYPES

SEARCH_RADIUS_KM = "5"
SEARCH_RESULTS = 8
UNLIKE_RADIUS_KM = "3"
UNLIKE_LIMIT = 5


def _search(params: dict, *, per_page: int) -> list[Asset]:
    try:
        filters = filters_from_params(params)
    except FilterError as error:
        if "location" not in error.errors:
            return []
        filters = filters_from_params({k: v for k, v in params.items() if k not in {"location", "radius"}})
    return [asset for asset, _distance in asset_search(filters=filters, per_page=per_page).hits]


def place_search(*, query: str, district: str) -> list[Asset]:
    """Public spaces matching the words, near the resident's postcode district when they gave one."""
    query = " ".join(query.split())[:200]
    if not query:
        return []
    params = {"q": query}
    if district:
        params |= {"location": district, "radius": SEARCH_RADIUS_KM}
    return _search(params, per_page=SEARCH_RESULTS)


def spaces_by_ids(ids) -> dict[int, Asset]:
    wanted = [pk for pk in ids if isinstance(pk, int)]
    return {asset.pk: asset for asset in public_assets().filter(pk__in=wanted)} if wanted else {}


@dataclass(frozen=True)
class UnlikeSpace:
    asset: Asset
    new_kind: bool  # none of its categories is among those of the spaces they already use


def spaces_unlike_yours(*, district: str, used_ids) -> list[UnlikeSpace]:
    """Third spaces near the district (the registry's bridging types: identity, activity or
    purpose, as coalitions.registry_measures counts them) that they do not use yet; those of a
    kind they do not use come first, then the nearest."""
    if not district:
        return []
    used = spaces_by_ids(used_ids)
    used_categories = {category for asset in used.values() for category in asset.categories or ()}
    params = {"location": district, "radius": UNLIKE_RADIUS_KM, "type": list(BRIDGING_TYPES)}
    try:
        filters = filters_from_params(params)
    except FilterError:
        return []
    hits = asset_search(filters=filters, per_page=50).hits
    found = [
        UnlikeSpace(asset, not (set(asset.categories or ()) & used_categories))
        for asset, _distance in hits
        if asset.pk not in used
    ]
    found.sort(key=lambda item: not item.new_kind)  # stable: nearest first within each
    return found[:UNLIKE_LIMIT]
