"""Public registry pages: find a space (list + map feed), a space's page, and residents' forms.

Thin: parsing is ``selectors.filters_from_params``, searching ``selectors.asset_search``,
writing ``services``. Every page works without JavaScript.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_http_methods

from assets_registry import find_suggestions, selectors, services, spelling
from assets_registry.exporters.geojson import feature as geojson_feature
from assets_registry.exporters.rows import hit_rows
from assets_registry.forms import AssetReportForm, AssetSubmissionForm, ClosureReportForm, SuggestionForm
from assets_registry.jsonld import asset_json_ld
from assets_registry.opening_hours import format_periods
from assets_registry.public_fields import MAP_FIELDS
from assets_registry.spam import RateLimit, client_address, rate_limit_give_back, rate_limit_take
from assets_registry.taxonomy import CATEGORIES, KINDS, SETTINGS, THIRD_SPACE_TYPES
from geocoding.exceptions import InvalidLocation

PER_PAGE = 20
MAP_FEATURE_LIMIT = 2000
RATE_SCOPE = "submit"

FACET_GROUPS = [
    ("third_space_types", "type", "Brings people together by", THIRD_SPACE_TYPES),
    ("categories", "category", "Category", CATEGORIES),
    ("settings", "setting", "Setting", SETTINGS),
    ("kinds", "kind", "Who or what it is", KINDS),
]
ERROR_ANCHORS = {
    "q": "search-q",
    "location": "search-location",
    "lat": "search-location",
    "lon": "search-location",
    "radius": "search-radius",
    "sort": "search-sort",
}
FEATURES = [(name, label) for name, label in find_suggestions.FEATURE_LABELS.items() if name != "open_now"]
LOCATION_PARAMS = ("location", "lat", "lon")


def _page_number(request: HttpRequest) -> int:
    try:
        return max(1, int(request.GET.get("page", "1")))
    except ValueError:
        return 1


def _facet_groups(filters: selectors.AssetFilters, counts: dict) -> list[dict]:
    groups = []
    for facet, param, label, vocabulary in FACET_GROUPS:
        chosen = set(filters.facet_values(facet))
        facet_counts = counts.get(facet, {})
        options = [
            {
                "value": t.value,
                "label": t.label,
                "count": facet_counts.get(t.value, 0),
                "checked": t.value in chosen,
            }
            for t in vocabulary.terms
            if facet_counts.get(t.value) or t.value in chosen
        ]
        groups.append({"name": facet, "param": param, "label": label, "options": options})
    return groups


def _place_choices(request: HttpRequest, filters: selectors.AssetFilters) -> list[dict]:
    """The places sharing the location's name, each a link that keeps the search and says which."""
    current = filters.location_place or (filters.location_choices[0].id if filters.location_choices else "")
    choices = []
    for candidate in filters.location_choices:
        params = request.GET.copy()
        for name in ("page", "radius", "district", "county", "lat", "lon"):
            params.pop(name, None)  # a county's whole area, a town's default radius
        params["place"] = candidate.id
        choices.append(
            {
                "title": candidate.title,
                "kind_label": candidate.kind_label,
                "current": candidate.id == current,
                "url": f"{request.path}?{params.urlencode()}",
            }
        )
    return choices


def _map_context() -> dict:
    return {"map_tile_url": settings.MAP_TILE_URL, "map_tile_attribution": settings.MAP_TILE_ATTRIBUTION}


@require_GET
def find(request: HttpRequest) -> HttpResponse:
    errors: dict[str, str] = {}
    try:
        filters = selectors.filters_from_params(request.GET)
    except selectors.FilterError as error:
        errors, filters = error.errors, error.filters
    place_not_found = any(name in errors for name in LOCATION_PARAMS)
    if place_not_found:
        # Never "every space, A-Z" under a place we could not find: the error says what to try.
        nothing = {"hits": [], "total": 0, "page": 1, "per_page": PER_PAGE, "facet_counts": {}}
        result, corrected_from = selectors.AssetSearchPage(**nothing, filters=filters), ""
    else:
        result, corrected_from = spelling.asset_search_or_correction(
            filters=filters, page=_page_number(request), per_page=PER_PAGE
        )
    if result.page > result.num_pages and result.total:
        params = request.GET.copy()
        params["page"] = str(result.num_pages)
        return redirect(f"{request.path}?{params.urlencode()}")
    features_counts = result.facet_counts.get("features", {})
    whole_area = filters.location_area and filters.radius_m is None
    feed_params = result.filters.to_params()  # the corrected words, when they were corrected
    context = {
        "title": "Find a space",
        "filters": filters,
        "errors": errors,
        "error_items": [(ERROR_ANCHORS.get(p, "filters-heading"), text) for p, text in errors.items()],
        "place_not_found": place_not_found,
        "open_filters": bool(set(errors) - {"q", *LOCATION_PARAMS}),
        "result": result,
        "corrected_from": corrected_from,
        "searched_text": result.filters.text,
        "facet_groups": _facet_groups(filters, result.facet_counts),
        "features": [
            {
                "name": name,
                "label": label,
                "checked": getattr(filters, name),
                "count": features_counts.get(name, 0),
            }
            for name, label in FEATURES
        ],
        "applied_filter_count": find_suggestions.applied_filter_count(filters),
        "radius_choices": selectors.RADIUS_CHOICES_KM,
        "radius_km": None
        if whole_area
        else (filters.effective_radius_m or selectors.DEFAULT_RADIUS_KM * 1000) / 1000,
        "whole_area": whole_area,
        "place_choices": _place_choices(request, filters),
        "place_name": filters.location_query.split(",")[0].strip(),
        "geojson_url": f"{reverse('assets_registry:geojson')}?{urlencode(feed_params, doseq=True)}",
        "start_examples": find_suggestions.start_examples(request.path) if filters.is_empty else [],
        "browse_categories": find_suggestions.browse_categories(
            request.path, result.facet_counts.get("categories", {})
        )
        if filters.is_empty
        else [],
        "what_to_try": [] if result.total else find_suggestions.what_to_try(request.path, filters),
        **_map_context(),
    }
    return render(request, "assets_registry/find.html", context, status=400 if errors else 200)


@require_GET
def geojson(request: HttpRequest) -> HttpResponse:
    """The map's feed: exactly the list's query parameters, up to MAP_FEATURE_LIMIT features."""
    try:
        filters = selectors.filters_from_params(request.GET)
    except selectors.FilterError as error:
        return JsonResponse({"errors": error.errors}, status=400)
    result = selectors.asset_search(filters=filters, page=1, per_page=MAP_FEATURE_LIMIT)
    located = [(asset, distance) for asset, distance in result.hits if asset.has_location]
    # The map's part of the public projection, plus the labels its pop-ups show.
    features = [
        geojson_feature({**row, "category_labels": asset.category_labels})
        for row, (asset, _distance) in zip(hit_rows(located, fields=MAP_FIELDS), located, strict=True)
    ]
    body = {
        "type": "FeatureCollection",
        "features": features,
        "total": result.total,
        "truncated": result.total > len(result.hits),
    }
    if filters.near:
        body["search_centre"] = filters.search_centre()
    response = JsonResponse(body, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/geo+json"
    return response


@require_GET
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    asset = get_object_or_404(selectors.public_assets().prefetch_related("opening_hours"), slug=slug)
    hours = list(asset.opening_hours.all())
    context = {
        "title": asset.name,
        "asset": asset,
        "hours": hours,
        "open_now": asset.is_open_at(),
        "nearby": selectors.nearby_assets(asset),
        "json_ld": mark_safe(asset_json_ld(asset, request)),  # escaped for <script> in asset_json_ld
        **_map_context(),
    }
    return render(request, "assets_registry/asset.html", context)


def _take_slot(request, template, context) -> tuple[RateLimit, HttpResponse | None]:
    """Take one of the client's submissions (atomically, before the slow work): (the slot, a 429
    page when none is left)."""
    slot = rate_limit_take(scope=RATE_SCOPE, address=client_address(request))
    if slot.allowed:
        return slot, None
    context["rate_limited_minutes"] = slot.retry_after_minutes
    response = render(request, template, context, status=429)
    response["Retry-After"] = str(slot.retry_after)
    return slot, response


@require_http_methods(["GET", "POST"])
def add(request: HttpRequest) -> HttpResponse:
    template = "assets_registry/add.html"
    form = AssetSubmissionForm(request.POST if request.method == "POST" else None)
    context = {"title": "Add a space", "form": form, "duplicates": [], **_map_context()}
    if request.method != "POST":
        return render(request, template, context)
    slot, limited = _take_slot(request, template, context)
    if limited:
        return limited
    if form.is_spam():
        # Say nothing to the bot; keep nothing (it keeps the slot it used).
        return redirect("assets_registry:add_thanks")
    response = _submit_space(request, form, template, context)
    if response.status_code >= 400:
        rate_limit_give_back(slot)  # nothing was submitted: the resident may correct and resend
    return response


def _submit_space(request, form, template, context) -> HttpResponse:
    if not form.is_valid():
        return render(request, template, context, status=400)
    pin = form.pin()
    try:
        asset = services.asset_submit(
            fields=form.asset_fields(),
            latitude=pin[0] if pin else None,
            longitude=pin[1] if pin else None,
            opening_hours=form.opening_periods(),
            submitter_email=form.cleaned_data.get("submitter_email") or "",
            allow_duplicates=bool(form.cleaned_data.get("not_duplicate")),
        )
    except InvalidLocation as error:
        form.add_error("postcode", error.message)
        return render(request, template, context, status=400)
    except services.PossibleDuplicates as error:
        context["duplicates"] = error.duplicates
        return render(request, template, context, status=409)
    request.session["assets_registry_submitted"] = {
        "name": asset.name,
        "reference": asset.pk,
        "needs_geocoding": asset.needs_geocoding,
        "location_warning": getattr(asset, "location_warning", ""),
        "opening_hours": format_periods(form.opening_periods()),
    }
    return redirect("assets_registry:add_thanks")


@require_GET
def add_thanks(request: HttpRequest) -> HttpResponse:
    submitted = request.session.pop("assets_registry_submitted", None)
    return render(request, "assets_registry/add_thanks.html", {"title": "Thank you", "submitted": submitted})


def _public_asset(slug: str):
    asset = selectors.public_assets().filter(slug=slug).first()
    if asset is None:
        raise Http404("No such space")
    return asset


@dataclass(frozen=True)
class AssetReport:
    """A kind of resident's report on a published space, and the page that takes it."""

    form_class: type[AssetReportForm]
    template: str
    heading: str
    thanks: str


SUGGEST_EDIT = AssetReport(
    SuggestionForm,
    "assets_registry/suggest.html",
    "Suggest an edit",
    "Thank you. A moderator will check your suggestion; the page changes once it is approved.",
)
REPORT_CLOSED = AssetReport(
    ClosureReportForm,
    "assets_registry/report_closed.html",
    "Report that it has closed",
    "Thank you. A moderator will check your report before the page changes.",
)


def _asset_report(request: HttpRequest, slug: str, report: AssetReport) -> HttpResponse:
    """One flow for residents' reports: rate limit, honeypot, then a suggestion for moderators."""
    asset = _public_asset(slug)
    form = report.form_class(request.POST if request.method == "POST" else None, asset=asset)
    context = {
        "title": f"{report.heading}: {asset.name}",
        "heading": report.heading,
        "asset": asset,
        "form": form,
    }
    if request.method != "POST":
        return render(request, report.template, context)
    slot, limited = _take_slot(request, report.template, context)
    if limited:
        return limited
    if form.is_spam():
        return redirect(asset.get_absolute_url())
    if not form.is_valid():
        rate_limit_give_back(slot)
        return render(request, report.template, context, status=400)
    services.suggestion_submit(
        asset=asset,
        kind=form.kind,
        proposed_changes=form.proposed_changes(),
        note=form.cleaned_data.get("note") or "",
        submitter_email=form.cleaned_data.get("submitter_email") or "",
    )
    messages.success(request, report.thanks)
    return redirect(asset.get_absolute_url())


@require_http_methods(["GET", "POST"])
def suggest(request: HttpRequest, slug: str) -> HttpResponse:
    return _asset_report(request, slug, SUGGEST_EDIT)


@require_http_methods(["GET", "POST"])
def report_closed(request: HttpRequest, slug: str) -> HttpResponse:
    return _asset_report(request, slug, REPORT_CLOSED)
