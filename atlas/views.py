"""Atlas pages: thin views over ``atlas.selectors``. Everything works without JavaScript: the
map is an enhancement; the table (sortable by query parameters) carries the same data."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from atlas import selectors
from atlas.models import KIND_PLURALS, AreaKind, Indicator, PilotPlace

PER_PAGE = 50
NUMERIC_COLUMNS = {"value", "percentile", "spaces", "density", "population"}  # first click: highest first
MAP_MAX_AGE = 60 * 10  # browsers revalidate after ten minutes; the ETag makes that cheap


def _map_settings() -> dict:
    return {"map_tile_url": settings.MAP_TILE_URL, "map_tile_attribution": settings.MAP_TILE_ATTRIBUTION}


def _query_url(request: HttpRequest, **changes) -> str:
    params = request.GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    return f"?{params.urlencode()}" if params else "?"


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    kinds = selectors.kinds_in_use()
    kind_values = [k for k, _label, _n in kinds]
    kind = request.GET.get("kind") or (
        selectors.DEFAULT_KIND if selectors.DEFAULT_KIND in kind_values else (kind_values or [""])[0]
    )
    errors, notes = {}, []
    if kind and kind not in AreaKind.values:
        errors["kind"] = "Choose a kind of area from the list."
        kind = kind_values[0] if kind_values else ""
    indicators = list(selectors.indicators_for_kind(kind)) if kind else []
    slug = request.GET.get("indicator", "")
    indicator = next((i for i in indicators if i.slug == slug), None)
    indicator = indicator or selectors.default_indicator(kind)
    if slug and indicator and indicator.slug != slug:
        plural = KIND_PLURALS.get(kind, "these areas")
        notes.append(f"That measure is not published for {plural}: showing {indicator.name}.")
    sort = request.GET.get("sort", "name")
    sort = sort if sort in selectors.SORTS else "name"
    descending = request.GET.get("order") == "desc"
    query = " ".join(request.GET.get("q", "").split())[:100]
    rows = selectors.atlas_table(
        kind=kind, indicator=indicator, sort=sort, descending=descending, query=query
    )
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    legend = selectors.legend_for(indicator=indicator, kind=kind) if indicator else None
    page.object_list = list(page.object_list)
    selectors.fill_space_counts(page.object_list)
    for area in page.object_list:
        area.legend_class = legend.class_for(getattr(area, "value", None)) if legend else None
    columns = [
        ("name", "Area"),
        ("value", indicator.label if indicator else "Value"),
        ("percentile", "National percentile"),
        ("spaces", "Spaces"),
        ("density", "Third spaces per 10,000 people"),
        ("population", "Population"),
    ]
    headers = []
    for key, label in columns:
        current = sort == key
        next_desc = not descending if current else key in NUMERIC_COLUMNS
        headers.append(
            {
                "key": key,
                "label": label,
                "current": current,
                "aria_sort": ("descending" if descending else "ascending") if current else "",
                "url": _query_url(request, sort=key, order="desc" if next_desc else "asc", page=None),
                "next": "descending" if next_desc else "ascending",
            }
        )
    context = {
        "title": "Social-capital atlas",
        "kinds": kinds,
        "kind": kind,
        "kind_plural": KIND_PLURALS.get(kind, "areas"),
        "indicators": indicators,
        "indicator": indicator,
        "legend": legend,
        "map_summary": selectors.map_summary(kind=kind, indicator=indicator, legend=legend) if kind else None,
        "errors": errors,
        "notes": notes,
        "query": query,
        "page": page,
        "headers": headers,
        "sort": sort,
        "descending": descending,
        # Areas without any measure still draw (uncoloured), so the map is never empty.
        "map_url": (
            reverse("atlas:map", kwargs={"kind": kind})
            + ("?" + urlencode({"indicator": indicator.slug}) if indicator else "")
            if kind
            else ""
        ),
        "pilot_places": selectors.pilot_places(),
        **_map_settings(),
    }
    numbers = page.paginator.get_elided_page_range(page.number)
    context["page_links"] = [(number, _query_url(request, page=number)) for number in numbers]
    previous_page = page.previous_page_number() if page.has_previous() else None
    next_page = page.next_page_number() if page.has_next() else None
    context["prev_page_url"] = _query_url(request, page=previous_page) if previous_page else ""
    context["next_page_url"] = _query_url(request, page=next_page) if next_page else ""
    return render(request, "atlas/index.html", context)


@require_GET
def map_data(request: HttpRequest, kind: str) -> HttpResponse:
    """GeoJSON of a kind of area, coloured by an indicator: simplified boundaries, cached per data version."""
    if kind not in AreaKind.values:
        raise Http404("No such kind of area")
    slug = request.GET.get("indicator", "")
    indicator = Indicator.objects.filter(slug=slug).first() if slug else selectors.default_indicator(kind)
    if slug and indicator is None:
        raise Http404("No such indicator")
    body, version = selectors.map_geojson(kind=kind, indicator=indicator)
    etag = f'"{kind}-{indicator.slug if indicator else "none"}-{version}"'
    if request.headers.get("If-None-Match") == etag:
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(body, content_type="application/geo+json")
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=MAP_MAX_AGE)
    return response


@require_GET
def area_detail(request: HttpRequest, kind: str, code: str) -> HttpResponse:
    area = selectors.area_get(kind=kind, code=code)
    if area is None:
        raise Http404("No such area")
    rows = selectors.area_indicator_rows(area)
    spaces = selectors.area_spaces(area)
    sparse = selectors.area_sparse_verdict(area, rows, spaces)
    # With their coalitions (by relation name: coalitions sit above the atlas), linked on the page.
    places = list(area.pilot_places.select_related("coalition"))
    names = [area.name.split(",")[0], *[p.name for p in places]]
    related = selectors.related_resources(country=area.country, place_names=names, sparse=sparse.is_sparse)
    sources = {}
    for row in rows:
        if row.has_value:
            sources.setdefault(row.indicator.source, row.indicator)
    context = {
        "title": area.name,
        "area": area,
        "twin": selectors.twin_area(area),
        "rows": rows,
        "spaces": spaces,
        "sparse": sparse,
        "strain": spaces.strain,
        "related": related,
        "pilot_places": places,
        "sources": list(sources.values()),
        "space_attributions": selectors.space_attributions(area),
        "find_spaces_url": selectors.find_spaces_url(area),
        "rules": selectors.rules,
        "map_points": [
            {"name": a.name, "lat": a.latitude, "lon": a.longitude, "url": a.get_absolute_url()}
            for a in spaces.examples
            if a.latitude is not None
        ],
        **_map_settings(),
    }
    return render(request, "atlas/area.html", context)


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")
    result = selectors.area_search(query)
    if len(result.areas) == 1 and not result.error:
        return redirect(result.areas[0].get_absolute_url())
    status = 200 if result.areas or not query.strip() else 404
    return render(
        request,
        "atlas/search.html",
        {"title": "Find an area", "result": result, "query": result.query},
        status=status,
    )


@require_GET
def pilot_index(request: HttpRequest) -> HttpResponse:
    return render(
        request, "atlas/pilot_index.html", {"title": "Pilot places", "places": selectors.pilot_places()}
    )


@require_GET
def pilot_detail(request: HttpRequest, slug: str) -> HttpResponse:
    place = get_object_or_404(PilotPlace.objects.select_related("coalition"), slug=slug)
    areas = selectors.pilot_place_areas(place)
    related = selectors.related_resources(
        country=place.country,
        place_names=[place.name, *[a.area.name.split(",")[0] for a in areas]],
        sparse=any(a.sparse.is_sparse for a in areas),
    )
    sources = {}
    for pilot_area in areas:
        row = pilot_area.need
        if row and row.has_value:
            sources.setdefault(row.indicator.source, row.indicator)
    context = {
        "title": f"{place.name}: pilot place",
        "place": place,
        "areas": areas,
        "gaps": selectors.coverage_gaps(areas),
        "totals": selectors.pilot_totals(areas),
        "related": related,
        "sources": list(sources.values()),
        "rules": selectors.rules,
    }
    return render(request, "atlas/pilot_place.html", context)
