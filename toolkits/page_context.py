"""What the hub's pages show besides their own fields: the index listings with their facets and
map, related toolkits and case studies, the "On this page" list and the spaces a case study names.

The page models call these from ``get_context``, passing themselves and the public pages to draw
from (``public_pages(ToolkitPage)``…). Nothing here imports the models, so the models can import
this module without a loop; ``toolkits.selectors`` builds its reads for other callers on it.
"""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Case, Count, Exists, F, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.db.models.lookups import StartsWith

from wagtail.models import Page, PageQuerySet, PageViewRestriction

from toolkits.blocks import section_anchor
from toolkits.facets import CASE_STUDY_FACETS, TOOLKIT_FACETS, facets_for, filter_by_facets
from toolkits.filters import (
    IndexFilters,
    active_filters,
    case_study_filters_from_params,
    toolkit_filters_from_params,
)

PAGE_SIZE = 12


def public_pages(model: type[Page], *, index: Page | None = None) -> PageQuerySet:
    """Live pages without view restrictions: drafts and pages in moderation are never live.
    Searchable: a search backend understands Wagtail's ``.public()`` filter."""
    queryset = model.objects.live().public()
    return queryset.descendant_of(index) if index is not None else queryset


def listed_pages(model: type[Page], *, index: Page | None = None) -> PageQuerySet:
    """The same pages as ``public_pages``, for rendering: the restriction test is a subquery (a
    restricted page's path starts the page's) rather than ``.public()``, which runs a query to
    list every restriction each time it is called. Search backends cannot filter on it: search
    from ``public_pages``."""
    restricted = PageViewRestriction.objects.filter(StartsWith(OuterRef("path"), F("page__path")))
    queryset = model.objects.live().filter(~Exists(restricted))
    return queryset.descendant_of(index) if index is not None else queryset


def with_card_fields(queryset: PageQuerySet) -> PageQuerySet:
    """What a toolkit or case-study card shows: its themes in one query for the whole list (not
    one per card), and none of the page bodies, which a card never shows."""
    return queryset.defer_streamfields().prefetch_related("themes")


# --- Index pages ------------------------------------------------------------------------------


def toolkit_list(*, toolkits: QuerySet, filters: IndexFilters) -> QuerySet:
    return filter_by_facets(toolkits, specs=TOOLKIT_FACETS, filters=filters).order_by("title")


def case_study_list(*, case_studies: QuerySet, filters: IndexFilters) -> QuerySet:
    queryset = filter_by_facets(case_studies, specs=CASE_STUDY_FACETS, filters=filters)
    return queryset.order_by("-first_published_at", "title")


def toolkit_index_context(*, request, index: Page, toolkits: QuerySet) -> dict:
    """``toolkits``: the public toolkits under ``index``."""
    filters = toolkit_filters_from_params(request.GET)
    return _listing(
        request,
        queryset=with_card_fields(toolkit_list(toolkits=toolkits, filters=filters)),
        filters=filters,
        facets=facets_for(toolkits, specs=TOOLKIT_FACETS, filters=filters),
        base_url=index.get_url(request),
    )


def case_study_index_context(*, request, index, case_studies: QuerySet) -> dict:
    """``case_studies``: the public case studies under ``index`` (a ``CaseStudyIndexPage``)."""
    filters = case_study_filters_from_params(request.GET)
    queryset = case_study_list(case_studies=case_studies, filters=filters).defer_streamfields()
    context = _listing(
        request,
        queryset=queryset.prefetch_related("themes"),
        filters=filters,
        facets=facets_for(case_studies, specs=CASE_STUDY_FACETS, filters=filters),
        base_url=index.get_url(request),
    )
    context["map_points"] = case_study_map_points(case_studies=queryset, request=request)
    context["map_tiles"] = {"url": settings.MAP_TILE_URL, "attribution": settings.MAP_TILE_ATTRIBUTION}
    context["feed_url"] = index.get_url(request) + index.reverse_subpage("feed")
    context["rss_feed_url"] = index.get_url(request) + index.reverse_subpage("rss_feed")
    context["share_url"] = index.get_url(request) + index.reverse_subpage("share")
    return context


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


def case_study_map_points(*, case_studies, request=None) -> list[dict]:
    """What the map needs, for the case studies that have a position (the list shows them all)."""
    return [
        {
            "title": page.title,
            "url": page.get_url(request),
            "place": page.place_name,
            "lat": round(page.latitude, 5),
            "lng": round(page.longitude, 5),
        }
        for page in case_studies
        if page.has_location
    ]


def themes_in_use(themes: QuerySet, *, toolkits: QuerySet, case_studies: QuerySet) -> QuerySet:
    """Those of ``themes`` with at least one of the (public) toolkits or case studies."""
    return themes.filter(Q(toolkits__in=toolkits) | Q(case_studies__in=case_studies)).distinct()


# --- A toolkit or case study ------------------------------------------------------------------


def toolkit_page_context(*, toolkit, toolkits: QuerySet, case_studies: QuerySet) -> dict:
    """``toolkits`` and ``case_studies``: the public ones, to relate this toolkit to."""
    return {
        "related_toolkits": related_toolkits(toolkit=toolkit, toolkits=toolkits),
        "related_case_studies": toolkit_case_studies(toolkit=toolkit, case_studies=case_studies),
        "toc": table_of_contents(body=toolkit.body),
    }


def case_study_page_context(*, case_study, toolkits: QuerySet, case_studies: QuerySet) -> dict:
    """``toolkits`` and ``case_studies``: the public ones, to relate this case study to."""
    used = [link.toolkit_id for link in case_study.toolkit_links.all()]
    return {
        "toolkits_used": _in_order(with_card_fields(toolkits), used),
        "related_case_studies": related_case_studies(case_study=case_study, case_studies=case_studies),
        "spaces": case_study_spaces(case_study=case_study),
        "toc": table_of_contents(body=case_study.body),
    }


# Each list below is one query (plus one for its cards' themes), whatever the number of pages.


def related_toolkits(*, toolkit, toolkits: QuerySet, limit: int = 4) -> list:
    """Chosen by the editor first, in the editor's order, then toolkits that share most themes."""
    chosen = list(dict.fromkeys(link.toolkit_id for link in toolkit.related_toolkit_links.all()))
    # With nothing chosen a bare CASE would be the constant 0, which PostgreSQL reads as
    # "ORDER BY column 0" and refuses; order by shared themes alone then.
    editor_order = (
        [Case(*(When(pk=pk, then=Value(n)) for n, pk in enumerate(chosen)), default=Value(len(chosen)))]
        if chosen
        else []
    )
    pages = (
        with_card_fields(toolkits)
        .annotate(shared=_shared_themes(toolkit))
        .filter(Q(pk__in=chosen) | (Q(shared__gt=0) & ~Q(pk=toolkit.pk)))
        .order_by(*editor_order, "-shared", "title")
    )
    return list(pages[:limit])


def toolkit_case_studies(*, toolkit, case_studies: QuerySet, limit: int = 4) -> list:
    """Case studies that used this toolkit first (newest first), then ones that share its themes."""
    links = case_studies.model._meta.get_field("toolkit_links").related_model
    used = Exists(links.objects.filter(page=OuterRef("pk"), toolkit=toolkit.pk))
    pages = (
        with_card_fields(case_studies)
        .annotate(used=used, shared=_shared_themes(toolkit))
        # Among those used, newest first: their shared themes do not reorder them.
        .annotate(similarity=Case(When(used=True, then=Value(0)), default=F("shared")))
        .filter(Q(used=True) | Q(shared__gt=0))
        .order_by("-used", "-similarity", "-first_published_at")
    )
    return list(pages[:limit])


def related_case_studies(*, case_study, case_studies: QuerySet, limit: int = 3) -> list:
    return list(
        with_card_fields(case_studies)
        .exclude(pk=case_study.pk)
        .annotate(shared=_shared_themes(case_study))
        .filter(shared__gt=0)
        .order_by("-shared", "-first_published_at")[:limit]
    )


def _shared_themes(page):
    """How many of ``page``'s themes a page has (a conditional count: no row per theme)."""
    theme_ids = _theme_ids(page)
    if not theme_ids:
        return Value(0, output_field=IntegerField())
    return Count("themes", filter=Q(themes__in=theme_ids), distinct=True)


def case_study_spaces(*, case_study) -> list:
    """The published spaces the case study names (never a registry draft)."""
    from assets_registry.selectors import public_assets

    ids = [link.asset_id for link in case_study.asset_links.all()]
    by_id = {asset.pk: asset for asset in public_assets().filter(pk__in=ids)}
    return [by_id[pk] for pk in dict.fromkeys(ids) if pk in by_id]


def table_of_contents(*, body) -> list[dict]:
    """The page's sections, for an 'On this page' list that links to each h2."""
    return [
        {"heading": block.value["heading"], "anchor": section_anchor(block.value["heading"])}
        for block in body
        if block.block_type in ("section", "steps") and block.value["heading"]
    ]


def _in_order(queryset: QuerySet, ids: list[int]) -> list:
    by_id = {page.pk: page for page in queryset.filter(pk__in=ids)}
    return [by_id[pk] for pk in dict.fromkeys(ids) if pk in by_id]


def _theme_ids(page) -> list[int]:
    # ``theme_list`` reads the relation once per render; in preview it is the draft's in-memory one.
    return [theme.pk for theme in page.theme_list]
