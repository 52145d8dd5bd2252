"""Reads for the knowledge hub. Everything public starts from ``public_toolkits`` or
``public_case_studies``: live pages without view restrictions. Drafts and submissions waiting
for moderation are never live, so they never reach a listing, a theme page, the map or the feed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from wagtail.models import Page

from toolkits.blocks import section_anchor
from toolkits.fields import list_contains_any
from toolkits.filters import Facet, FacetOption, IndexFilters
from toolkits.models import CaseStudyPage, Theme, ToolkitPage
from toolkits.taxonomy import Audience, Stage, ThirdSpaceType, country_name

# --- Base querysets ---------------------------------------------------------------------------


def public_toolkits(*, index: Page | None = None) -> QuerySet[ToolkitPage]:
    queryset = ToolkitPage.objects.live().public()
    return queryset.descendant_of(index) if index is not None else queryset


def public_case_studies(*, index: Page | None = None) -> QuerySet[CaseStudyPage]:
    queryset = CaseStudyPage.objects.live().public()
    return queryset.descendant_of(index) if index is not None else queryset


def _with_themes(model, slugs: Iterable[str]) -> Q:
    through = model.themes.through
    page_column = f"{model._meta.model_name}_id"
    return Q(pk__in=through.objects.filter(theme__slug__in=list(slugs)).values(page_column))


# --- Faceted lists ----------------------------------------------------------------------------


@dataclass(frozen=True)
class FacetSpec:
    param: str
    legend: str
    match: Callable[[tuple[str, ...]], Q]  # the chosen values -> a filter
    options: Callable[[QuerySet], list[tuple[str, str]]]  # the base set -> (value, label) pairs


def _apply(queryset: QuerySet, specs: list[FacetSpec], filters: IndexFilters, skip: str | None = None):
    for spec in specs:
        values = filters.values(spec.param)
        if values and spec.param != skip:
            queryset = queryset.filter(spec.match(values))
    return queryset


def _facets(base: QuerySet, specs: list[FacetSpec], filters: IndexFilters) -> list[Facet]:
    """Counts per option as if that option were ticked: each facet is counted over the set that
    the *other* facets select (one conditional-count query per facet)."""
    facets = []
    for spec in specs:
        chosen = filters.values(spec.param)
        options = spec.options(base)
        known = {value for value, _label in options}
        options += [(value, value) for value in chosen if value not in known]
        scope = _apply(base, specs, filters, skip=spec.param)
        counts = scope.aggregate(
            **{f"o{i}": Count("pk", filter=spec.match((value,))) for i, (value, _l) in enumerate(options)}
        )
        facets.append(
            Facet(
                param=spec.param,
                legend=spec.legend,
                options=[
                    FacetOption(value=value, label=label, count=counts[f"o{i}"], selected=value in chosen)
                    for i, (value, label) in enumerate(options)
                ],
            )
        )
    return facets


def _theme_options(model) -> Callable[[QuerySet], list[tuple[str, str]]]:
    def options(base: QuerySet) -> list[tuple[str, str]]:
        used = Theme.objects.filter(**{f"{_theme_relation(model)}__in": base}).distinct()
        return list(used.order_by("name").values_list("slug", "name"))

    return options


def _theme_relation(model) -> str:
    return "toolkits" if model is ToolkitPage else "case_studies"


TOOLKIT_FACETS = [
    FacetSpec(
        "stage",
        "Programme stage",
        lambda values: list_contains_any("stages", values),
        lambda base: list(Stage.choices),
    ),
    FacetSpec(
        "theme", "Theme", lambda values: _with_themes(ToolkitPage, values), _theme_options(ToolkitPage)
    ),
    FacetSpec(
        "audience",
        "Who it is for",
        lambda values: list_contains_any("audiences", values),
        lambda base: list(Audience.choices),
    ),
]


def _distinct_values(field_name: str, label: Callable[[str], str] = str):
    def options(base: QuerySet) -> list[tuple[str, str]]:
        values = (
            base.exclude(**{field_name: ""})
            .order_by(field_name)
            .values_list(field_name, flat=True)
            .distinct()
        )
        return sorted(((v, label(v)) for v in values), key=lambda pair: pair[1])

    return options


CASE_STUDY_FACETS = [
    FacetSpec(
        "theme", "Theme", lambda values: _with_themes(CaseStudyPage, values), _theme_options(CaseStudyPage)
    ),
    FacetSpec(
        "country", "Country", lambda values: Q(country__in=values), _distinct_values("country", country_name)
    ),
    FacetSpec("place", "Place", lambda values: Q(area__in=values), _distinct_values("area")),
    FacetSpec(
        "stage", "Programme stage", lambda values: Q(stage__in=values), lambda base: list(Stage.choices)
    ),
    FacetSpec(
        "type",
        "Third-space type",
        lambda values: list_contains_any("third_space_types", values),
        lambda base: list(ThirdSpaceType.choices),
    ),
]


# Public names for other apps (the one search reuses the same facets on its results).
def filter_by_facets(queryset: QuerySet, *, specs: list[FacetSpec], filters: IndexFilters) -> QuerySet:
    return _apply(queryset, specs, filters)


def facets_for(base: QuerySet, *, specs: list[FacetSpec], filters: IndexFilters) -> list[Facet]:
    return _facets(base, specs, filters)


def toolkit_list(*, filters: IndexFilters, index: Page | None = None) -> QuerySet[ToolkitPage]:
    return _apply(public_toolkits(index=index), TOOLKIT_FACETS, filters).order_by("title")


def toolkit_facets(*, filters: IndexFilters, index: Page | None = None) -> list[Facet]:
    return _facets(public_toolkits(index=index), TOOLKIT_FACETS, filters)


def case_study_list(*, filters: IndexFilters, index: Page | None = None) -> QuerySet[CaseStudyPage]:
    queryset = _apply(public_case_studies(index=index), CASE_STUDY_FACETS, filters)
    return queryset.order_by("-first_published_at", "title")


def case_study_facets(*, filters: IndexFilters, index: Page | None = None) -> list[Facet]:
    return _facets(public_case_studies(index=index), CASE_STUDY_FACETS, filters)


def case_study_map_points(*, case_studies: Iterable[CaseStudyPage], request=None) -> list[dict]:
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


# --- Themes -----------------------------------------------------------------------------------


def themes_in_use() -> QuerySet[Theme]:
    """Themes with at least one public toolkit or case study."""
    return Theme.objects.filter(
        Q(toolkits__in=public_toolkits()) | Q(case_studies__in=public_case_studies())
    ).distinct()


def theme_summaries() -> list[tuple[Theme, int, int]]:
    """Every theme with its number of public toolkits and case studies."""

    def per_theme(pages: QuerySet) -> dict[int, int]:
        # order_by() first: a page ordering would otherwise split the groups.
        rows = pages.order_by().values("themes").annotate(n=Count("pk", distinct=True))
        return {row["themes"]: row["n"] for row in rows}

    toolkit_counts, case_counts = per_theme(public_toolkits()), per_theme(public_case_studies())
    return [
        (theme, toolkit_counts.get(theme.pk, 0), case_counts.get(theme.pk, 0))
        for theme in Theme.objects.all()
    ]


def theme_content(*, theme: Theme) -> tuple[QuerySet[ToolkitPage], QuerySet[CaseStudyPage]]:
    return (
        public_toolkits().filter(_with_themes(ToolkitPage, [theme.slug])).order_by("title"),
        public_case_studies()
        .filter(_with_themes(CaseStudyPage, [theme.slug]))
        .order_by("-first_published_at"),
    )


# --- Related content --------------------------------------------------------------------------


def _in_order(queryset: QuerySet, ids: list[int]) -> list:
    by_id = {page.pk: page for page in queryset.filter(pk__in=ids)}
    return [by_id[pk] for pk in dict.fromkeys(ids) if pk in by_id]


def _theme_ids(page) -> list[int]:
    # Works for a draft in preview too (the in-memory relation), not only for saved pages.
    return [theme.pk for theme in page.themes.all()]


def toolkit_related_toolkits(*, toolkit: ToolkitPage, limit: int = 4) -> list[ToolkitPage]:
    """Chosen by the editor first, then toolkits that share most themes."""
    chosen = _in_order(public_toolkits(), [link.toolkit_id for link in toolkit.related_toolkit_links.all()])
    if len(chosen) >= limit:
        return chosen[:limit]
    similar = (
        public_toolkits()
        .exclude(pk__in=[toolkit.pk, *(page.pk for page in chosen)])
        .filter(themes__in=_theme_ids(toolkit))
        .annotate(shared=Count("themes"))
        .order_by("-shared", "title")
    )
    return chosen + list(similar[: limit - len(chosen)])


def toolkit_related_case_studies(*, toolkit: ToolkitPage, limit: int = 4) -> list[CaseStudyPage]:
    """Case studies that used this toolkit first, then ones that share its themes."""
    used = list(
        public_case_studies()
        .filter(toolkit_links__toolkit=toolkit.pk)
        .distinct()
        .order_by("-first_published_at")
    )
    if len(used) >= limit:
        return used[:limit]
    similar = (
        public_case_studies()
        .exclude(pk__in=[page.pk for page in used])
        .filter(themes__in=_theme_ids(toolkit))
        .annotate(shared=Count("themes"))
        .order_by("-shared", "-first_published_at")
    )
    return used + list(similar[: limit - len(used)])


def case_study_toolkits(*, case_study: CaseStudyPage) -> list[ToolkitPage]:
    return _in_order(public_toolkits(), [link.toolkit_id for link in case_study.toolkit_links.all()])


def case_study_related_case_studies(*, case_study: CaseStudyPage, limit: int = 3) -> list[CaseStudyPage]:
    return list(
        public_case_studies()
        .exclude(pk=case_study.pk)
        .filter(themes__in=_theme_ids(case_study))
        .annotate(shared=Count("themes"))
        .order_by("-shared", "-first_published_at")[:limit]
    )


def case_study_spaces(*, case_study: CaseStudyPage) -> list:
    """The published community spaces the case study names (never a registry draft)."""
    from assets_registry.selectors import public_assets

    ids = [link.asset_id for link in case_study.asset_links.all()]
    by_id = {asset.pk: asset for asset in public_assets().filter(pk__in=ids)}
    return [by_id[pk] for pk in dict.fromkeys(ids) if pk in by_id]


def fellow_case_studies(*, fellow) -> QuerySet[CaseStudyPage]:
    return public_case_studies().filter(author_links__fellow=fellow).distinct()


def recent_case_studies(*, index: Page | None = None, limit: int = 20) -> QuerySet[CaseStudyPage]:
    return public_case_studies(index=index).order_by("-first_published_at")[:limit]


def table_of_contents(*, body) -> list[dict]:
    """The page's sections, for an 'On this page' list that links to each h2."""
    return [
        {"heading": block.value["heading"], "anchor": section_anchor(block.value["heading"])}
        for block in body
        if block.block_type in ("section", "steps") and block.value["heading"]
    ]
