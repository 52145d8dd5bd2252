"""The search page and its autocomplete endpoint. Thin: ``selectors`` reads, ``services`` logs."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from assets_registry.selectors import RADIUS_CHOICES_KM
from search import selectors, services

ERROR_ANCHORS = {"location": "search-location", "radius": "search-location", "q": "search-q"}
# Shown on an empty search and with "no results": searches people make, in their own words.
EXAMPLES = ["youth club near CM1", "evaluate our project", "potluck", "interfaith", "choir", "W5 2HL"]


def _url(query: selectors.SearchQuery, **changes) -> str:
    params = query.url_params(**changes)
    return f"?{urlencode(params, doseq=True)}" if params else "?"


@never_cache
@require_GET
def search(request: HttpRequest) -> HttpResponse:
    query = selectors.parse_query(request.GET)
    results = selectors.site_search(query=query)
    query = results.query  # "near" may have turned out to be part of the words
    if query.text and query.page == 1 and not query.section:
        services.query_record(text=query.text)
    theme = [v for v in request.GET.getlist("theme") if v]
    facet_params = [
        (k, v)
        for k, values in request.GET.lists()
        if k not in ("q", "location", "radius", "section", "page")
        for v in values
    ]
    sections = [
        {
            "value": value,
            "label": label,
            "count": results.counts.get(value, 0) if value else results.all_total,
            "more": value in ("", "spaces") and results.spaces_total_is_lower_bound,  # "1000+"
            "url": _url(query, section=value, theme=theme if value != "spaces" else None),
            "current": value == query.section,
        }
        for value, label in [("", "Everything"), *selectors.SECTIONS.items()]
    ]
    page_prefix = (
        f"?{urlencode([*query.url_params(section=query.section).items(), *facet_params], doseq=True)}&page="
    )
    context = {
        "title": f"Search: {query.raw}" if query.raw else "Search",
        "query": query,
        "results": results,
        "sections": sections,
        "section_label": selectors.SECTIONS.get(query.section, ""),
        "radius_choices": RADIUS_CHOICES_KM,
        "page_prefix": page_prefix,
        "spaces_url": _url(query, section="spaces"),
        "find_url": f"{reverse('assets_registry:find')}?{urlencode(query.find_params())}",
        "examples": [(text, _url(selectors.SearchQuery(), q=text)) for text in EXAMPLES],
        "corrected_url": _url(query, q=results.corrected_from) if results.corrected_from else "",
        "suggestion_url": _url(query, q=results.suggestion) if results.suggestion else "",
        "error_items": [(ERROR_ANCHORS.get(k, "search-q"), v) for k, v in results.errors.items()],
        "wider_url": _url(query, radius="25")
        if results.location_label and (results.radius_km or 0) < 25
        else "",
    }
    return TemplateResponse(request, "search/search.html", context)


@never_cache
@require_GET
def autocomplete(request: HttpRequest) -> JsonResponse:
    text = request.GET.get("q", "")
    suggestions = selectors.autocomplete(text=text)
    return JsonResponse(
        {
            "query": text,
            "suggestions": [
                {"label": s.label, "kind": s.kind, "kind_label": s.kind_label, "url": s.url}
                for s in suggestions
            ],
        }
    )
