"""Reads for the knowledge hub. Everything public starts from ``public_toolkits`` or
``public_case_studies`` (searchable) or ``page_context.listed_pages`` (the same pages, for
rendering): live pages without view restrictions. Drafts and submissions waiting
for moderation are never live, so they never reach a listing, a theme page, the map or the feed.

What the pages themselves show is built in ``page_context`` (which the models call); these are
the same reads bound to the page models, for views, other apps and tests.
"""

from __future__ import annotations

from django.db.models import Count, QuerySet

from wagtail.models import Page

from toolkits import page_context
from toolkits.facets import CASE_STUDY_FACETS, TOOLKIT_FACETS, facets_for, with_themes
from toolkits.filters import Facet, IndexFilters
from toolkits.models import CaseStudyPage, Theme, ToolkitPage


def public_toolkits(*, index: Page | None = None) -> QuerySet[ToolkitPage]:
    return page_context.public_pages(ToolkitPage, index=index)


def public_case_studies(*, index: Page | None = None) -> QuerySet[CaseStudyPage]:
    return page_context.public_pages(CaseStudyPage, index=index)


def listed_toolkits() -> QuerySet[ToolkitPage]:
    """The public toolkits, for rendering: no query of their own for view restrictions and no
    bodies; not searchable (search from ``public_toolkits``)."""
    return page_context.listed_pages(ToolkitPage).defer_streamfields()


def listed_case_studies() -> QuerySet[CaseStudyPage]:
    """The public case studies, for rendering (as ``listed_toolkits``)."""
    return page_context.listed_pages(CaseStudyPage).defer_streamfields()


# --- Faceted lists ----------------------------------------------------------------------------


def toolkit_list(*, filters: IndexFilters, index: Page | None = None) -> QuerySet[ToolkitPage]:
    return page_context.toolkit_list(toolkits=public_toolkits(index=index), filters=filters)


def toolkit_facets(*, filters: IndexFilters, index: Page | None = None) -> list[Facet]:
    return facets_for(public_toolkits(index=index), specs=TOOLKIT_FACETS, filters=filters)


def case_study_list(*, filters: IndexFilters, index: Page | None = None) -> QuerySet[CaseStudyPage]:
    return page_context.case_study_list(case_studies=public_case_studies(index=index), filters=filters)


def case_study_facets(*, filters: IndexFilters, index: Page | None = None) -> list[Facet]:
    return facets_for(public_case_studies(index=index), specs=CASE_STUDY_FACETS, filters=filters)


# --- Themes -----------------------------------------------------------------------------------


def themes_in_use() -> QuerySet[Theme]:
    """Themes with at least one public toolkit or case study."""
    return page_context.themes_in_use(
        Theme.objects.all(),
        toolkits=page_context.listed_pages(ToolkitPage),
        case_studies=page_context.listed_pages(CaseStudyPage),
    )


def theme_summaries() -> list[tuple[Theme, int, int]]:
    """Every theme with its number of public toolkits and case studies."""

    def per_theme(pages: QuerySet) -> dict[int, int]:
        # order_by() first: a page ordering would otherwise split the groups.
        rows = pages.order_by().values("themes").annotate(n=Count("pk", distinct=True))
        return {row["themes"]: row["n"] for row in rows}

    toolkit_counts = per_theme(page_context.listed_pages(ToolkitPage))
    case_counts = per_theme(page_context.listed_pages(CaseStudyPage))
    return [
        (theme, toolkit_counts.get(theme.pk, 0), case_counts.get(theme.pk, 0))
        for theme in Theme.objects.all()
    ]


def theme_content(*, theme: Theme) -> tuple[QuerySet[ToolkitPage], QuerySet[CaseStudyPage]]:
    toolkits = page_context.with_card_fields(page_context.listed_pages(ToolkitPage))
    case_studies = page_context.with_card_fields(page_context.listed_pages(CaseStudyPage))
    return (
        toolkits.filter(with_themes(ToolkitPage, [theme.slug])).order_by("title"),
        case_studies.filter(with_themes(CaseStudyPage, [theme.slug])).order_by("-first_published_at"),
    )
