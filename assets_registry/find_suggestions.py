"""What find-a-space offers beside its results: a start for an empty search, and for a search that
found nothing, links that each loosen it one way (remove a filter, widen the distance, drop the
words). Every suggestion is a plain link: nothing here needs JavaScript."""

from __future__ import annotations

from django.utils.http import urlencode

from assets_registry.selectors import DEFAULT_RADIUS_KM, MULTI_FACETS, RADIUS_CHOICES_KM, AssetFilters
from assets_registry.taxonomy import CATEGORIES

# The yes/no filters, in the order the page lists them.
FEATURE_LABELS = {
    "free": "Free",
    "step_free": "Step-free access",
    "open_to_all": "Open to all",
    "mixed_ages": "Mixed ages",
    "open_now": "Open now",
}
# Searches the way people type them: words and a place (a postcode, a town, a US ZIP code).
START_EXAMPLES = (("library", "W5 2HL"), ("choir", "Ealing"), ("community centre", "Baltimore"))


def _link(path: str, params: dict, label: str) -> dict:
    return {"label": label, "url": f"{path}?{urlencode(params, doseq=True)}" if params else path}


def start_examples(path: str) -> list[dict]:
    return [_link(path, {"q": q, "location": place}, f"{q} near {place}") for q, place in START_EXAMPLES]


def browse_categories(path: str, counts: dict[str, int]) -> list[dict]:
    """Each kind of space that has public spaces, with how many."""
    return [
        {**_link(path, {"category": term.value}, term.label), "count": counts[term.value]}
        for term in CATEGORIES.terms
        if counts.get(term.value)
    ]


def applied_filter_count(filters: AssetFilters) -> int:
    """Filters chosen in the folded panel (not the words or the place, which stay in view)."""
    chosen = sum(len(filters.facet_values(facet)) for facet in MULTI_FACETS)
    chosen += sum(1 for name in FEATURE_LABELS if getattr(filters, name))
    # The distance box always sends a value: only a distance other than the default counts.
    chosen += filters.radius_m is not None and filters.radius_m != DEFAULT_RADIUS_KM * 1000
    return chosen + filters.include_closed


def what_to_try(path: str, filters: AssetFilters) -> list[dict]:
    """Links for a search that found nothing, each loosening it one way."""
    params = filters.to_params()
    params.pop("page", None)
    links = []
    for facet, (param, vocabulary) in MULTI_FACETS.items():
        for value in filters.facet_values(facet):
            others = [v for v in filters.facet_values(facet) if v != value]
            label = f"Remove the filter “{vocabulary.label_for(value)}”"
            links.append(_link(path, {**params, param: others}, label))
    for name, label in FEATURE_LABELS.items():
        if getattr(filters, name):
            links.append(_link(path, {k: v for k, v in params.items() if k != name}, f"Remove “{label}”"))
    radius_km = (filters.effective_radius_m or 0) / 1000
    wider = [km for km in RADIUS_CHOICES_KM if km > radius_km]
    if filters.near and not filters.location_area and wider:
        place = filters.location_label
        links.append(
            _link(path, {**params, "radius": str(wider[0])}, f"Search within {wider[0]} km of {place}")
        )
    if filters.text and (filters.near or links):
        without_words = {k: v for k, v in params.items() if k != "q"}
        where = f" near {filters.location_label}" if filters.near else ""
        links.append(
            _link(path, without_words, f"Show every space{where}, without the words “{filters.text}”")
        )
    return links
