"""Faceted lists of toolkits and case studies: which filters narrow a set of pages, and how many
pages each option would give.

Works on whatever public pages it is given and takes the page model from that queryset, so the
page models can use it (through ``page_context``) without an import loop; the one search reuses
the same specs on its results.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Model, Q, QuerySet

from assets_registry.fields import list_contains_any
from toolkits.filters import Facet, FacetOption, IndexFilters
from toolkits.taxonomy import Audience, Stage, ThirdSpaceType, country_name


@dataclass(frozen=True)
class FacetSpec:
    param: str
    legend: str
    match: Callable[[type[Model], tuple[str, ...]], Q]  # the page model and the chosen values -> a filter
    # Where a page keeps the facet's values: a text column, a JSON list column, or THEMES.
    field: str
    # Every option in this order (a vocabulary); None: the values the pages have, by label.
    choices: list[tuple[str, str]] | None = None
    label: Callable[[str], str] = str


THEMES = "themes"


def filter_by_facets(queryset: QuerySet, *, specs: list[FacetSpec], filters: IndexFilters) -> QuerySet:
    for spec in specs:
        values = filters.values(spec.param)
        if values:
            queryset = queryset.filter(spec.match(queryset.model, values))
    return queryset


def facets_for(base: QuerySet, *, specs: list[FacetSpec], filters: IndexFilters) -> list[Facet]:
    """Counts per option as if that option were ticked: each facet is counted over the set that
    the *other* facets select.

    The pages' facet values are read in two plain queries (their columns, then their themes) and
    counted here: one conditional count per option in SQL cost more to *build* than to run, and
    the number of queries does not grow with the facets, their options or the pages."""
    values_of, theme_names = _facet_values(base, specs)
    chosen = {spec.param: set(filters.values(spec.param)) for spec in specs}
    counts: dict[str, Counter] = {spec.param: Counter() for spec in specs}
    present: dict[str, set[str]] = {spec.param: set() for spec in specs}  # options whatever is chosen
    for page_values in values_of.values():
        for spec in specs:
            present[spec.param] |= page_values[spec.param]
        unmatched = [
            spec.param
            for spec in specs
            if chosen[spec.param] and not chosen[spec.param] & page_values[spec.param]
        ]
        for spec in specs:
            # Counted for this facet when every *other* facet's choice matches the page.
            if not unmatched or unmatched == [spec.param]:
                counts[spec.param].update(page_values[spec.param])
    facets = []
    for spec in specs:
        options = _options(spec, present[spec.param], theme_names)
        known = {value for value, _label in options}
        options += [(value, value) for value in filters.values(spec.param) if value not in known]
        facets.append(
            Facet(
                param=spec.param,
                legend=spec.legend,
                options=[
                    FacetOption(
                        value=value,
                        label=label,
                        count=counts[spec.param][value],
                        selected=value in chosen[spec.param],
                    )
                    for value, label in options
                ],
            )
        )
    return facets


def _facet_values(
    base: QuerySet, specs: list[FacetSpec]
) -> tuple[dict[int, dict[str, set[str]]], dict[str, str]]:
    """{page id: {facet param: the page's values}} for the pages of ``base``, and theme names."""
    columns = [spec for spec in specs if spec.field != THEMES]
    values_of: dict[int, dict[str, set[str]]] = {}
    for pk, *row in base.values_list("pk", *(spec.field for spec in columns)):
        page_values = values_of[pk] = {spec.param: set() for spec in specs}
        for spec, value in zip(columns, row, strict=True):
            page_values[spec.param] = (
                set(value or ()) if isinstance(value, list) else {value} if value else set()
            )
    theme_names: dict[str, str] = {}
    themed = [spec for spec in specs if spec.field == THEMES]
    if themed and values_of:
        through = base.model.themes.through
        page_column = f"{base.model._meta.model_name}_id"
        links = through.objects.filter(**{f"{page_column}__in": base.values("pk")})
        for pk, slug, name in links.values_list(page_column, "theme__slug", "theme__name"):
            theme_names[slug] = name
            for spec in themed:
                values_of[pk][spec.param].add(slug)
    return values_of, theme_names


def _options(spec: FacetSpec, present: set[str], theme_names: dict[str, str]) -> list[tuple[str, str]]:
    """A vocabulary's every term in order; otherwise the values pages have, sorted by label."""
    if spec.choices is not None:
        return list(spec.choices)
    label = theme_names.__getitem__ if spec.field == THEMES else spec.label
    return sorted(((value, label(value)) for value in present), key=lambda pair: pair[1])


def with_themes(model: type[Model], slugs: Iterable[str]) -> Q:
    """Pages of ``model`` tagged with any of the themes (a subquery: no duplicate rows)."""
    through = model.themes.through
    page_column = f"{model._meta.model_name}_id"
    return Q(pk__in=through.objects.filter(theme__slug__in=list(slugs)).values(page_column))


TOOLKIT_FACETS = [
    FacetSpec(
        "stage",
        "Programme stage",
        lambda model, values: list_contains_any("stages", values),
        "stages",
        choices=list(Stage.choices),
    ),
    FacetSpec("theme", "Theme", with_themes, THEMES),
    FacetSpec(
        "audience",
        "Who it is for",
        lambda model, values: list_contains_any("audiences", values),
        "audiences",
        choices=list(Audience.choices),
    ),
]

CASE_STUDY_FACETS = [
    FacetSpec("theme", "Theme", with_themes, THEMES),
    FacetSpec(
        "country", "Country", lambda model, values: Q(country__in=values), "country", label=country_name
    ),
    FacetSpec("place", "Place", lambda model, values: Q(area__in=values), "area"),
    FacetSpec(
        "stage",
        "Programme stage",
        lambda model, values: Q(stage__in=values),
        "stage",
        choices=list(Stage.choices),
    ),
    FacetSpec(
        "type",
        "Third-space type",
        lambda model, values: list_contains_any("third_space_types", values),
        "third_space_types",
        choices=list(ThirdSpaceType.choices),
    ),
]
