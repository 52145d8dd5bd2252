"""Faceted lists of toolkits and case studies: which filters narrow a set of pages, and how many
pages each option would give.

Works on whatever public pages it is given and takes the page model from that queryset, so the
page models can use it (through ``page_context``) without an import loop; the one search reuses
the same specs on its results.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Count, Model, Q, QuerySet

from assets_registry.fields import list_contains_any
from toolkits.filters import Facet, FacetOption, IndexFilters
from toolkits.taxonomy import Audience, Stage, ThirdSpaceType, country_name


@dataclass(frozen=True)
class FacetSpec:
    param: str
    legend: str
    match: Callable[[type[Model], tuple[str, ...]], Q]  # the page model and the chosen values -> a filter
    options: Callable[[QuerySet], list[tuple[str, str]]]  # the base set -> (value, label) pairs


def filter_by_facets(queryset: QuerySet, *, specs: list[FacetSpec], filters: IndexFilters) -> QuerySet:
    return _apply(queryset, specs, filters)


def facets_for(base: QuerySet, *, specs: list[FacetSpec], filters: IndexFilters) -> list[Facet]:
    """Counts per option as if that option were ticked: each facet is counted over the set that
    the *other* facets select. Every option of every facet is one conditional count in a single
    query, so the number of queries does not grow with the facets or their options."""
    options_per_facet = []
    counts = {}
    for n, spec in enumerate(specs):
        chosen = filters.values(spec.param)
        options = spec.options(base)
        known = {value for value, _label in options}
        options += [(value, value) for value in chosen if value not in known]
        options_per_facet.append(options)
        scope = _chosen_q(base.model, specs, filters, skip=spec.param)
        for i, (value, _label) in enumerate(options):
            counts[f"f{n}o{i}"] = Count("pk", filter=scope & spec.match(base.model, (value,)))
    counts = base.aggregate(**counts) if counts else {}
    return [
        Facet(
            param=spec.param,
            legend=spec.legend,
            options=[
                FacetOption(
                    value=value,
                    label=label,
                    count=counts[f"f{n}o{i}"],
                    selected=value in filters.values(spec.param),
                )
                for i, (value, label) in enumerate(options)
            ],
        )
        for n, (spec, options) in enumerate(zip(specs, options_per_facet, strict=True))
    ]


def _chosen_q(model: type[Model], specs: list[FacetSpec], filters: IndexFilters, skip: str) -> Q:
    """What the chosen values of every facet but ``skip`` select."""
    q = Q()
    for spec in specs:
        values = filters.values(spec.param)
        if values and spec.param != skip:
            q &= spec.match(model, values)
    return q


def _apply(queryset: QuerySet, specs: list[FacetSpec], filters: IndexFilters, skip: str | None = None):
    for spec in specs:
        values = filters.values(spec.param)
        if values and spec.param != skip:
            queryset = queryset.filter(spec.match(queryset.model, values))
    return queryset


def with_themes(model: type[Model], slugs: Iterable[str]) -> Q:
    """Pages of ``model`` tagged with any of the themes (a subquery: no duplicate rows)."""
    through = model.themes.through
    page_column = f"{model._meta.model_name}_id"
    return Q(pk__in=through.objects.filter(theme__slug__in=list(slugs)).values(page_column))


def _theme_options(base: QuerySet) -> list[tuple[str, str]]:
    themes = base.model._meta.get_field("themes")
    used = themes.related_model.objects.filter(**{f"{themes.related_query_name()}__in": base}).distinct()
    return list(used.order_by("name").values_list("slug", "name"))


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


TOOLKIT_FACETS = [
    FacetSpec(
        "stage",
        "Programme stage",
        lambda model, values: list_contains_any("stages", values),
        lambda base: list(Stage.choices),
    ),
    FacetSpec("theme", "Theme", with_themes, _theme_options),
    FacetSpec(
        "audience",
        "Who it is for",
        lambda model, values: list_contains_any("audiences", values),
        lambda base: list(Audience.choices),
    ),
]

CASE_STUDY_FACETS = [
    FacetSpec("theme", "Theme", with_themes, _theme_options),
    FacetSpec(
        "country",
        "Country",
        lambda model, values: Q(country__in=values),
        _distinct_values("country", country_name),
    ),
    FacetSpec("place", "Place", lambda model, values: Q(area__in=values), _distinct_values("area")),
    FacetSpec(
        "stage",
        "Programme stage",
        lambda model, values: Q(stage__in=values),
        lambda base: list(Stage.choices),
    ),
    FacetSpec(
        "type",
        "Third-space type",
        lambda model, values: list_contains_any("third_space_types", values),
        lambda base: list(ThirdSpaceType.choices),
    ),
]
