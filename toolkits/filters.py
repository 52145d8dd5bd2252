"""Index filters as plain GET parameters, so every filtered list is a shareable URL and works
without JavaScript: ``/toolkits/?stage=mapping&theme=third-spaces&audience=funders``.

Within one facet the chosen values are alternatives (OR); across facets they narrow (AND).
Unknown values are ignored rather than failing, so an old shared link still opens.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from toolkits.taxonomy import Audience, Stage, ThirdSpaceType


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class Facet:
    param: str
    legend: str
    options: list[FacetOption]

    @property
    def selected(self) -> list[FacetOption]:
        return [option for option in self.options if option.selected]


@dataclass(frozen=True)
class ActiveFilter:
    param: str
    label: str
    remove_url: str


@dataclass(frozen=True)
class IndexFilters:
    """Chosen values per GET parameter, e.g. {"stage": ("mapping",), "theme": ("third-spaces",)}."""

    chosen: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def values(self, param: str) -> tuple[str, ...]:
        return self.chosen.get(param, ())

    def without(self, param: str, value: str | None = None) -> IndexFilters:
        chosen = dict(self.chosen)
        if value is None:
            chosen.pop(param, None)
        else:
            chosen[param] = tuple(v for v in chosen.get(param, ()) if v != value)
        return IndexFilters({k: v for k, v in chosen.items() if v})

    def querystring(self) -> str:
        return urlencode([(param, value) for param, values in self.chosen.items() for value in values])

    def __bool__(self) -> bool:
        return any(self.chosen.values())


def _clean(params, param: str, allowed: set[str] | None, max_values: int = 20) -> tuple[str, ...]:
    values = []
    for raw in params.getlist(param)[:max_values]:
        value = raw.strip()[:100]
        if value and (allowed is None or value in allowed) and value not in values:
            values.append(value)
    return tuple(values)


def toolkit_filters_from_params(params) -> IndexFilters:
    return IndexFilters(
        {
            param: values
            for param, values in {
                "stage": _clean(params, "stage", set(Stage.values)),
                "theme": _clean(params, "theme", None),  # slugs; unknown ones simply match nothing
                "audience": _clean(params, "audience", set(Audience.values)),
            }.items()
            if values
        }
    )


def case_study_filters_from_params(params) -> IndexFilters:
    return IndexFilters(
        {
            param: values
            for param, values in {
                "theme": _clean(params, "theme", None),
                "country": tuple(v.upper() for v in _clean(params, "country", None) if len(v) == 2),
                "place": _clean(params, "place", None),
                "stage": _clean(params, "stage", set(Stage.values)),
                "type": _clean(params, "type", set(ThirdSpaceType.values)),
            }.items()
            if values
        }
    )


def active_filters(*, filters: IndexFilters, facets: list[Facet], base_url: str) -> list[ActiveFilter]:
    """One 'remove' link per chosen value, labelled for screen readers."""
    labels = {(facet.param, o.value): (facet.legend, o.label) for facet in facets for o in facet.options}
    active = []
    for param, values in filters.chosen.items():
        for value in values:
            legend, label = labels.get((param, value), (param, value))
            query = filters.without(param, value).querystring()
            active.append(
                ActiveFilter(
                    param=param,
                    label=f"{legend}: {label}",
                    remove_url=f"{base_url}?{query}" if query else base_url,
                )
            )
    return active
