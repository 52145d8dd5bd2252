"""Public registry pages: find a space (list + map feed), a space's page, and residents' forms.

Thin: parsing is ``selectors.filters_from_params``, searching ``selectors.asset_search``,
writing ``services``. Every page works without JavaScript.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_http_methods

from assets_registry import selectors, services
from assets_registry.forms import AssetSubmissionForm, ClosureReportForm, SuggestionForm
from assets_registry.jsonld import asset_json_ld
from assets_registry.models import AssetSuggestion
from assets_registry.spam import client_address, rate_limit_check, rate_limit_record
from assets_registry.taxonomy import CATEGORIES, KINDS, SETTINGS, THIRD_SPACE_TYPES
from geocoding.exceptions import GeocodingUnavailable, InvalidLocation

PER_PAGE = 20
MAP_FEATURE_LIMIT = 2000
RATE_SCOPE = "submit"

FACET_GROUPS = [
    ("third_space_types", "type", "Brings people together by", THIRD_SPACE_TYPES),
    ("categories", "category", "Category", CATEGORIES),
    ("settings", "setting", "Setting", SETTINGS),
    ("kinds", "kind", "Kind of asset", KINDS),
]
ERROR_ANCHORS = {
    "q": "search-q",
    "location": "search-location",
    "lat": "search-location",
    "lon": "search-location",
    "radius": "search-radius",
    "sort": "search-sort",
}
FEATURES = [
    ("free", "Free"),
    ("step_free", "Step-free access"),
    ("open_to_all", "Open to all"),
    ("mixed_ages", "Mixed ages"),
]


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


def _map_context() -> dict:
    return {"map_tile_url": settings.MAP_TILE_URL, "map_tile_attribution": settings.MAP_TILE_ATTRIBUTION}


@require_GET
def find(request: HttpRequest) -> HttpResponse:
    errors: dict[str, str] = {}
    try:
        filters = selectors.filters_from_params(request.GET)
    except selectors.FilterError as error:
        errors, filters = error.errors, error.filters
    result = selectors.asset_search(filters=filters, page=_page_number(request), per_page=PER_PAGE)
    if result.page > result.num_pages and result.total:
        params = request.GET.copy()
        params["page"] = str(result.num_pages)
        return redirect(f"{request.path}?{params.urlencode()}")
    features_counts = result.facet_counts.get("features", {})
    context = {
        "title": "Find a space",
        "filters": filters,
        "errors": errors,
        "error_items": [(ERROR_ANCHORS.get(p, "filters-heading"), text) for p, text in errors.items()],
        "result": result,
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
        "radius_choices": selectors.RADIUS_CHOICES_KM,
        "radius_km": (filters.effective_radius_m or selectors.DEFAULT_RADIUS_KM * 1000) / 1000,
        "geojson_url": f"{reverse('assets_registry:geojson')}?{request.GET.urlencode()}",
        **_map_context(),
    }
    return render(request, "assets_registry/find.html", context, status=400 if errors else 200)


def _feature(asset, distance) -> dict:
    properties = {
        "name": asset.name,
        "slug": asset.slug,
        "url": asset.get_absolute_url(),
        "locality": asset.locality,
        "postcode": asset.postcode,
        "status": asset.status,
        "categories": asset.categories,
        "category_labels": asset.category_labels,
        "third_space_types": asset.third_space_types,
        "setting": asset.setting,
        "kind": asset.kind,
    }
    if distance is not None:
        properties["distance_m"] = round(distance, 1)
    return {
        "type": "Feature",
        "id": asset.pk,
        "geometry": {"type": "Point", "coordinates": [round(asset.longitude, 6), round(asset.latitude, 6)]},
        "properties": properties,
    }


@require_GET
def geojson(request: HttpRequest) -> HttpResponse:
    """The map's feed: exactly the list's query parameters, up to MAP_FEATURE_LIMIT features."""
    try:
        filters = selectors.filters_from_params(request.GET)
    except selectors.FilterError as error:
        return JsonResponse({"errors": error.errors}, status=400)
    result = selectors.asset_search(filters=filters, page=1, per_page=MAP_FEATURE_LIMIT)
    features = [_feature(asset, distance) for asset, distance in result.hits if asset.has_location]
    body = {
        "type": "FeatureCollection",
        "features": features,
        "total": result.total,
        "truncated": result.total > len(result.hits),
    }
    if filters.near:
        body["search_centre"] = {
            "latitude": filters.near[0],
            "longitude": filters.near[1],
            "radius_m": filters.effective_radius_m,
            "label": filters.location_label,
        }
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


def _rate_limited(request, template, context):
    limit = rate_limit_check(scope=RATE_SCOPE, address=client_address(request))
    if limit.allowed:
        return None
    context["rate_limited_minutes"] = limit.retry_after_minutes
    response = render(request, template, context, status=429)
    response["Retry-After"] = str(limit.retry_after)
    return response


def _locate_for_duplicates(form: AssetSubmissionForm):
    """(lat, lon) for the duplicate check, or None; form errors for a bad postcode."""
    from geocoding.services import geocode

    pin = form.pin()
    if pin:
        return pin
    try:
        result = geocode(form.cleaned_data["postcode"], country=form.cleaned_data.get("country") or None)
    except InvalidLocation as error:
        form.add_error("postcode", error.message)
        return None
    except GeocodingUnavailable:
        return None  # the submission is still taken and geocoded later
    return (result.latitude, result.longitude) if result else None


@require_http_methods(["GET", "POST"])
def add(request: HttpRequest) -> HttpResponse:
    template = "assets_registry/add.html"
    form = AssetSubmissionForm(request.POST or None)
    context = {"title": "Add a space", "form": form, "duplicates": [], **_map_context()}
    if request.method != "POST":
        return render(request, template, context)
    if limited := _rate_limited(request, template, context):
        return limited
    if form.is_spam():
        # Say nothing to the bot; keep nothing.
        rate_limit_record(scope=RATE_SCOPE, address=client_address(request))
        return redirect("assets_registry:add_thanks")
    if not form.is_valid():
        return render(request, template, context, status=400)
    position = _locate_for_duplicates(form)
    if form.errors:
        return render(request, template, context, status=400)
    if position and not form.cleaned_data.get("not_duplicate"):
        duplicates = selectors.similar_assets_nearby(
            name=form.cleaned_data["name"], latitude=position[0], longitude=position[1]
        )
        if duplicates:
            context["duplicates"] = duplicates
            return render(request, template, context, status=409)
    try:
        asset = services.asset_submit(
            fields=form.asset_fields(),
            latitude=form.pin()[0] if form.pin() else None,
            longitude=form.pin()[1] if form.pin() else None,
            opening_hours=form.opening_periods(),
            submitter_email=form.cleaned_data.get("submitter_email") or "",
        )
    except InvalidLocation as error:
        form.add_error("postcode", error.message)
        return render(request, template, context, status=400)
    rate_limit_record(scope=RATE_SCOPE, address=client_address(request))
    request.session["assets_registry_submitted"] = {
        "name": asset.name,
        "reference": asset.pk,
        "needs_geocoding": asset.needs_geocoding,
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


@require_http_methods(["GET", "POST"])
def suggest(request: HttpRequest, slug: str) -> HttpResponse:
    asset = _public_asset(slug)
    template = "assets_registry/suggest.html"
    form = SuggestionForm(request.POST or None, instance=selectors.public_assets().get(pk=asset.pk))
    context = {"title": f"Suggest an edit: {asset.name}", "asset": asset, "form": form}
    if request.method != "POST":
        return render(request, template, context)
    if limited := _rate_limited(request, template, context):
        return limited
    rate_limit_record(scope=RATE_SCOPE, address=client_address(request))
    if form.is_spam():
        return redirect(asset.get_absolute_url())
    if not form.is_valid():
        return render(request, template, context, status=400)
    services.suggestion_submit(
        asset=asset,
        kind=AssetSuggestion.KIND_EDIT,
        proposed_changes=form.proposed_changes(),
        note=form.cleaned_data.get("note") or "",
        submitter_email=form.cleaned_data.get("submitter_email") or "",
    )
    messages.success(
        request, "Thank you. A moderator will check your suggestion; the page changes once it is approved."
    )
    return redirect(asset.get_absolute_url())


@require_http_methods(["GET", "POST"])
def report_closed(request: HttpRequest, slug: str) -> HttpResponse:
    asset = _public_asset(slug)
    template = "assets_registry/report_closed.html"
    form = ClosureReportForm(request.POST or None)
    context = {"title": f"Report that it has closed: {asset.name}", "asset": asset, "form": form}
    if request.method != "POST":
        return render(request, template, context)
    if limited := _rate_limited(request, template, context):
        return limited
    rate_limit_record(scope=RATE_SCOPE, address=client_address(request))
    if form.is_spam():
        return redirect(asset.get_absolute_url())
    if not form.is_valid():
        return render(request, template, context, status=400)
    services.suggestion_submit(
        asset=asset,
        kind=AssetSuggestion.KIND_CLOSURE,
        proposed_changes={"status": form.cleaned_data["status"]},
        note=form.cleaned_data.get("note") or "",
        submitter_email=form.cleaned_data.get("submitter_email") or "",
    )
    messages.success(request, "Thank you. A moderator will check your report before the page changes.")
    return redirect(asset.get_absolute_url())
