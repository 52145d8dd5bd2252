"""Thin views: the index pages' listing context (called from their get_context) and theme pages."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from toolkits import selectors
from toolkits.filters import (
    IndexFilters,
    active_filters,
    case_study_filters_from_params,
    toolkit_filters_from_params,
)
from toolkits.models import CaseStudyIndexPage, Theme

PAGE_SIZE = 12


def _listing(request, *, queryset, filters: IndexFilters, facets, base_url: str) -> dict:
    paginator = Paginator(queryset, PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("page"))
    query = filters.querystring()
    return {
        "filters": filters,
        "facets": facets,
        "active_filters": active_filters(filters=filters, facets=facets, base_url=base_url),
        "page_obj": page_obj,
        "results": page_obj.object_list,
        "result_count": paginator.count,
        "filter_query": query,
        "page_link_prefix": f"?{query}&page=" if query else "?page=",
    }


def toolkit_index_context(*, request, index) -> dict:
    filters = toolkit_filters_from_params(request.GET)
    return _listing(
        request,
        queryset=selectors.toolkit_list(filters=filters, index=index).prefetch_related("themes"),
        filters=filters,
        facets=selectors.toolkit_facets(filters=filters, index=index),
        base_url=index.get_url(request),
    )


def case_study_index_context(*, request, index) -> dict:
    filters = case_study_filters_from_params(request.GET)
    queryset = selectors.case_study_list(filters=filters, index=index).prefetch_related("themes")
    context = _listing(
        request,
        queryset=queryset,
        filters=filters,
        facets=selectors.case_study_facets(filters=filters, index=index),
        base_url=index.get_url(request),
    )
    context["map_points"] = selectors.case_study_map_points(case_studies=queryset, request=request)
    context["map_tiles"] = {"url": settings.MAP_TILE_URL, "attribution": settings.MAP_TILE_ATTRIBUTION}
    context["feed_url"] = index.get_url(request) + index.reverse_subpage("feed")
    context["rss_feed_url"] = index.get_url(request) + index.reverse_subpage("rss_feed")
    context["share_url"] = index.get_url(request) + index.reverse_subpage("share")
    return context


def theme_index(request):
    return render(
        request,
        "toolkits/theme_index.html",
        {"title": "Themes", "themes": selectors.theme_summaries()},
    )


def theme_detail(request, slug: str):
    theme = get_object_or_404(Theme, slug=slug)
    toolkits, case_studies = selectors.theme_content(theme=theme)
    case_study_index = CaseStudyIndexPage.objects.live().first()
    return render(
        request,
        "toolkits/theme_detail.html",
        {
            "title": theme.name,
            "theme": theme,
            "toolkits": toolkits.prefetch_related("themes"),
            "case_studies": case_studies.prefetch_related("themes"),
            "case_study_index": case_study_index,
        },
    )
