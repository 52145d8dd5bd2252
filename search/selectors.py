"""Reads for the one search: toolkits, case studies and spaces from a few words and a place.

    parse_query(params) -> SearchQuery          the query string, "… near <place>" split off
    site_search(query=...) -> SearchResults     everything the search page shows
    autocomplete(text=...) -> list[Suggestion]  for the search box
    promotions_for(text=...) -> list[SearchPromotion]

Backends are chosen in settings only: pages go through Wagtail's default search backend
(database or Elasticsearch), spaces through the registry's ``asset_search`` selector
(``settings.ASSET_SEARCH_BACKEND``). Nothing here knows which one answers.

Pages are ranked by the backend's relevance; the best ``PAGE_MATCH_CAP`` matches of a query are
kept as ids, so facets (theme, stage, place…) are counted over them in SQL with the knowledge
hub's own facet definitions, on every backend alike. Spaces follow the registry's order
(nearest first with a place, else by name) and its facet counts.
"""

from __future__ import annotations

import contextvars
import dataclasses
import functools
import html
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Count, Q
from django.utils.safestring import SafeString

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.utils import normalise_query_string

from assets_registry.search_backends.hints import counting_up_to, without_facet_counts
from assets_registry.selectors import NEAR, AssetFilters, FilterError, asset_search, filters_from_params
from assets_registry.selectors import get_search_backend as get_asset_search_backend
from assets_registry.taxonomy import CATEGORIES, THIRD_SPACE_TYPES
from geocoding.exceptions import InvalidLocation
from geocoding.parsers import KIND_PLACE, classify
from geocoding.places import place_candidates
from search import highlight, spelling, synonyms
from toolkits.facets import CASE_STUDY_FACETS, TOOLKIT_FACETS, facets_for, filter_by_facets
from toolkits.filters import (
    Facet,
    FacetOption,
    IndexFilters,
    case_study_filters_from_params,
    toolkit_filters_from_params,
)
from toolkits.models import CaseStudyPage, Theme, ToolkitPage
from toolkits.selectors import public_case_studies, public_toolkits

PER_PAGE = 10
SPACES_PREVIEW = 5
PAGE_MATCH_CAP = 200  # pages of results beyond the 20th are not offered: add words instead
MAX_QUERY_LENGTH = 200
SECTIONS = {"toolkits": "Toolkits", "case-studies": "Case studies", "spaces": "Spaces"}
KINDS = {
    "toolkit": ("Toolkit", "toolkits"),
    "case_study": ("Case study", "case-studies"),
    "space": ("Space", "spaces"),
    "link": ("Recommended link", ""),
}
SPACE_PARAMS = (
    "type",
    "category",
    "kind",
    "setting",
    "free",
    "step_free",
    "open_to_all",
    "mixed_ages",
    "open_now",
)
_TAG = re.compile(r"<[^>]+>")


def _get(params: Mapping, name: str) -> str:
    if hasattr(params, "getlist"):
        values = params.getlist(name)
        return values[-1] if values else ""
    value = params.get(name, "")
    return value[-1] if isinstance(value, list | tuple) and value else str(value or "")


# --- the query ----------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchQuery:
    raw: str = ""  # the search box, as typed
    text: str = ""  # the words to search for
    location: str = ""  # the place: the location box, or what followed "near" in the box
    location_from_text: bool = False
    text_is_place: bool = False  # the box held only a place ("w52hl", "Chelmsford"): spaces near it
    radius_km: float | None = None
    section: str = ""  # "" (everything), "toolkits", "case-studies" or "spaces"
    page: int = 1
    params: Mapping = field(default_factory=dict, compare=False, repr=False)

    @property
    def is_empty(self) -> bool:
        return not self.text and not self.location

    def url_params(self, **changes) -> dict[str, str]:
        """Query parameters for a link to this search (facets are left out)."""
        params = {"q": self.raw, "location": "" if self.location_from_text else self.location}
        if self.radius_km is not None and self.location:
            params["radius"] = f"{self.radius_km:g}"
        params.update({k: v for k, v in changes.items() if v is not None})
        return {k: v for k, v in params.items() if v}

    def find_params(self) -> dict[str, str]:
        """Query parameters for Find a space (``/spaces/``) with this search's words and place."""
        params = {"q": "" if self.text_is_place else self.text, "location": self.location}
        if self.radius_km is not None and self.location:
            params["radius"] = f"{self.radius_km:g}"
        return {k: v for k, v in params.items() if v}


# A place typed alone: at most this many words, and a town big enough that its name is rarely
# what people mean as a word ("Friendship, MD" has 1,200 people; "potluck" is no place at all).
PLACE_MAX_WORDS = 4
PLACE_MIN_POPULATION = 10_000


def typed_place(text: str) -> bool:
    """Whether the search box holds only a place: a postcode, postcode district or ZIP code, or
    the name of a county, district, pilot place or town of 10,000 people in the offline gazetteer
    (never the online geocoder: this runs for every search)."""
    if not text or len(text.split()) > PLACE_MAX_WORDS:
        return False
    try:
        parsed = classify(text)
    except InvalidLocation:
        return False
    if parsed.kind != KIND_PLACE:
        return True
    return any(
        c.is_area or c.pilot or (c.population or 0) >= PLACE_MIN_POPULATION
        for c in place_candidates(parsed.value)
    )


def parse_query(params: Mapping) -> SearchQuery:
    """Read the search page's parameters: ``q``, ``location``, ``radius``, ``section``, ``page``."""
    raw = " ".join(_get(params, "q").split())[:MAX_QUERY_LENGTH]
    location = " ".join(_get(params, "location").split())[:100]
    text, from_text = raw, False
    if not location and (match := NEAR.match(raw)):
        text, location, from_text = match["what"].strip(" ,"), match["place"].strip(" ,."), True
    section = _get(params, "section")
    try:
        page = max(1, min(int(_get(params, "page") or 1), 10_000))
    except ValueError:
        page = 1
    try:
        radius = float(_get(params, "radius")) if _get(params, "radius") else None
    except ValueError:
        radius = None
    if radius is not None and not (0.1 <= radius <= 200 and math.isfinite(radius)):
        radius = None
    return SearchQuery(
        raw=raw,
        text=text,
        location=location,
        location_from_text=from_text,
        radius_km=radius,
        section=section if section in SECTIONS else "",
        page=page,
        params=params,
    )


# --- results ------------------------------------------------------------------------------


@dataclass
class Hit:
    kind: str  # toolkit, case_study, space, link
    title: SafeString
    url: str
    snippet: SafeString
    obj: Any = None
    distance: float | None = None
    promoted: bool = False
    themes: list[str] = field(default_factory=list)  # names, for pages

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind][0]


@dataclass
class SearchResults:
    query: SearchQuery
    text: str = ""  # what was searched (the correction, when one was applied)
    corrected_from: str = ""  # the words typed, when nothing matched them and a correction did
    suggestion: str = ""  # "Did you mean …?" when nothing matched at all
    any_words: bool = False  # no page had every word: these have some of them
    also_searched: list[str] = field(default_factory=list)  # editors' synonyms of the words typed
    promotions: list[Hit] = field(default_factory=list)
    hits: list[Hit] = field(default_factory=list)  # this page of the main list
    total: int = 0  # of the main list
    page: int = 1
    per_page: int = PER_PAGE
    spaces_preview: list[Hit] = field(default_factory=list)
    spaces_total: int = 0
    spaces_total_is_lower_bound: bool = False  # "1000+": the preview stops counting there
    counts: dict[str, int] = field(default_factory=dict)  # per section
    facets: list[Facet] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)
    location_label: str = ""
    radius_km: float | None = None
    themes: list[Theme] = field(default_factory=list)  # for "no results" suggestions

    @property
    def matched(self) -> int:
        """How many matched the main list (it offers the best PAGE_MATCH_CAP of them)."""
        if self.query.section == "spaces":
            return self.total
        if self.query.section:
            return self.counts.get(self.query.section, 0)
        return self.counts.get("toolkits", 0) + self.counts.get("case-studies", 0)

    @property
    def num_pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def start_index(self) -> int:
        return (self.page - 1) * self.per_page + 1 if self.total else 0

    @property
    def end_index(self) -> int:
        return min(self.total, self.page * self.per_page)

    @property
    def all_total(self) -> int:
        return sum(self.counts.values())

    @property
    def found_nothing(self) -> bool:
        return not (self.hits or self.promotions or self.spaces_preview)


# --- pages --------------------------------------------------------------------------------


@dataclass(frozen=True)
class PageMatch:
    id: int
    kind: str  # toolkit or case_study


def _kind_by_content_type() -> dict[int, str]:
    from django.contrib.contenttypes.models import ContentType

    return {
        ContentType.objects.get_for_model(ToolkitPage).pk: "toolkit",
        ContentType.objects.get_for_model(CaseStudyPage).pk: "case_study",
    }


class PageMatches(list):
    """The best matches (at most PAGE_MATCH_CAP), best first; ``counts`` has the exact number of
    matches of each kind, however many there are."""

    counts: dict[str, int]


PAGE_MODELS = {"toolkit": ToolkitPage, "case_study": CaseStudyPage}


def page_matches(
    text: str,
    *,
    operator: str = "and",
    exclude: set[int] = frozenset(),
    kinds: tuple[str, ...] = tuple(PAGE_MODELS),
) -> PageMatches:
    """Public toolkits and case studies matching ``text``, best first.

    Only the best PAGE_MATCH_CAP are fetched (their ids: the page of results and the facets
    come from them); when there may be more, one facet request counts them all exactly.

    Editors' synonyms (``search.synonyms``) widen the search the same way on every backend: the
    pages with the words as typed come first, in the backend's order, then the pages found only
    through a synonym ("potluck" finds "shared suppers"), so a synonym never outranks the words
    someone actually typed."""
    matches = PageMatches()
    matches.counts = dict.fromkeys(kinds, 0)
    if not text.strip():
        return matches
    queryset = (
        Page.objects.live().public().type(*(PAGE_MODELS[k] for k in kinds)).only("id", "content_type_id")
    )
    if exclude:
        queryset = queryset.exclude(pk__in=sorted(exclude))
    by_type = _kind_by_content_type()
    widened = synonyms.page_query(text, operator=operator)
    rows, counts = _best_rows(text, queryset, operator, by_type)
    if widened != text:
        as_typed = {pk for pk, _type in rows}
        more, counts = _best_rows(widened, queryset, operator, by_type)
        rows = (rows + [row for row in more if row[0] not in as_typed])[:PAGE_MATCH_CAP]
    for pk, content_type_id in rows:
        if kind := by_type.get(content_type_id):
            matches.append(PageMatch(pk, kind))
    for kind in kinds:
        matches.counts[kind] = counts.get(kind, 0)
    return matches


def _best_rows(query, queryset, operator: str, by_type: dict[int, str]) -> tuple[list[tuple], dict[str, int]]:
    """The best PAGE_MATCH_CAP (pk, content type) of one search, and how many match of each kind."""
    results = get_search_backend().search(query, queryset, operator=operator)
    best = results[:PAGE_MATCH_CAP]
    if hasattr(best, "rows_and_counts"):  # the best and the count of each kind, in one go
        rows, totals = best.rows_and_counts("content_type_id", list(by_type))
    else:
        rows, totals = _rows(best, "content_type_id"), None
    counts: dict[str, int] = {}
    for _pk, content_type_id in rows:
        if kind := by_type.get(content_type_id):
            counts[kind] = counts.get(kind, 0) + 1
    if len(rows) == PAGE_MATCH_CAP:
        counts = {}
        for content_type_id, count in (totals or results.facet("content_type_id")).items():
            if kind := by_type.get(content_type_id):
                counts[kind] = count
    return rows, counts


def _rows(results, *fields: str) -> list[tuple]:
    """(pk, *fields) of each search result: as values where the backend can (ours all can, see
    search.wagtail_backend), else from the instances."""
    if hasattr(results, "rows"):
        return results.rows(*fields)
    return [(obj.pk, *(getattr(obj, name) for name in fields)) for obj in results]


def page_themes(matches: list[PageMatch]) -> dict[int, list[tuple[str, str]]]:
    """{page id: [(theme slug, theme name), ...]} for the matched pages: the theme facet and the
    results' theme badges from two queries, whatever the number of matches."""
    themes: dict[int, list[tuple[str, str]]] = {}
    for model, kind in ((ToolkitPage, "toolkit"), (CaseStudyPage, "case_study")):
        ids = [m.id for m in matches if m.kind == kind]
        if not ids:
            continue
        column = f"{model._meta.model_name}_id"
        rows = model.themes.through.objects.filter(**{f"{column}__in": ids}).order_by("theme__name")
        for page_id, slug, name in rows.values_list(column, "theme__slug", "theme__name"):
            themes.setdefault(page_id, []).append((slug, name))
    return themes


def _theme_facet(
    matches: list[PageMatch], themes: dict[int, list[tuple[str, str]]], chosen: tuple[str, ...]
) -> tuple[Facet, set[int] | None]:
    """Themes of the matched pages with counts, and the pages that have a chosen theme."""
    pages_by_theme: dict[str, set[int]] = {}
    names: dict[str, str] = {}
    for match in matches:
        for slug, name in themes.get(match.id, ()):
            pages_by_theme.setdefault(slug, set()).add(match.id)
            names[slug] = name
    missing = set(chosen) - set(names)
    if missing:
        names |= dict(Theme.objects.filter(slug__in=missing).values_list("slug", "name"))
    options = [
        FacetOption(
            value=slug,
            label=names.get(slug, slug),
            count=len(pages_by_theme.get(slug, ())),
            selected=slug in chosen,
        )
        for slug in sorted(set(pages_by_theme) | set(chosen), key=lambda s: names.get(s, s))
    ]
    keep = set().union(*(pages_by_theme.get(slug, set()) for slug in chosen)) if chosen else None
    return Facet(param="theme", legend="Theme", options=options), keep


def _load_pages(matches: list[PageMatch], text: str, themes: dict[int, list[tuple[str, str]]]) -> list[Hit]:
    """The pages of one page of results (the ids come from a search over live, public pages)."""
    loaded = {}
    for model, kind in ((ToolkitPage, "toolkit"), (CaseStudyPage, "case_study")):
        ids = [m.id for m in matches if m.kind == kind]
        if ids:
            loaded |= {page.pk: page for page in model.objects.filter(pk__in=ids)}
    return [
        page_hit(loaded[m.id], text, themes=[name for _slug, name in themes.get(m.id, ())])
        for m in matches
        if m.id in loaded
    ]


def page_hit(page, text: str, *, promoted: bool = False, themes: list[str] | None = None) -> Hit:
    kind = "toolkit" if isinstance(page, ToolkitPage) else "case_study"
    if themes is None:
        themes = [theme.name for theme in page.themes.all()]
    texts = [page.summary, page.search_description]
    if kind == "case_study":
        texts.append(f"{page.place_name}. {_plain(page.outcomes_summary)}")
    texts.append(_LazyText(lambda: stream_text(page.body)))
    return Hit(
        kind=kind,
        title=highlight.mark(page.title, text),
        url=page.url,
        snippet=highlight.excerpt(texts, text),
        obj=page,
        promoted=promoted,
        themes=themes,
    )


def _plain(markup: str) -> str:
    """Text of a little HTML (rich text): tags become spaces, entities characters."""
    return html.unescape(_TAG.sub(" ", markup or ""))


class _LazyText:
    """Text made only when an earlier, shorter one did not mention the query."""

    def __init__(self, make):
        self.make = make

    def __str__(self) -> str:
        return self.make()


# Block values that are not prose: ids, links, choices, numbers.
_NOT_PROSE = {"id", "type", "url", "link", "page", "document", "image", "kind", "icon", "style", "unit"}


def stream_text(stream) -> str:
    """The words of a StreamField (headings, paragraphs, steps…) from its stored data, without
    rendering templates: a snippet source for pages whose summary does not mention the query."""
    words: list[str] = []

    def walk(value, key=""):
        if isinstance(value, str):
            if key not in _NOT_PROSE and not value.startswith(("http://", "https://", "/")):
                words.append(_plain(value))
        elif isinstance(value, dict):
            for k, v in value.items():
                walk(v, k)
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item, key)

    walk(list(getattr(stream, "raw_data", None) or []))
    return " ".join(" ".join(words).split())


# --- spaces -------------------------------------------------------------------------------


def space_hit(asset, distance: float | None, text: str) -> Hit:
    return Hit(
        kind="space",
        title=highlight.mark(asset.name, text),
        url=asset.get_absolute_url(),
        snippet=highlight.excerpt([asset.description], text, words=24),
        obj=asset,
        distance=distance,
    )


def _space_filters(
    query: SearchQuery, text: str, *, with_facets: bool
) -> tuple[AssetFilters, dict[str, str]]:
    params: dict[str, Any] = {"q": text}
    if query.location:
        params["location"] = query.location
        if query.radius_km is not None:
            params["radius"] = f"{query.radius_km:g}"
    if with_facets:
        for name in SPACE_PARAMS:
            values = (
                query.params.getlist(name) if hasattr(query.params, "getlist") else query.params.get(name)
            )
            if values:
                params[name] = values
    try:
        return filters_from_params(params), {}
    except FilterError as error:
        return error.filters, error.errors


def _space_facets(counts: dict[str, dict[str, int]], filters: AssetFilters) -> list[Facet]:
    facets = []
    for name, param, legend, vocabulary in (
        ("third_space_types", "type", "Brings people together by", THIRD_SPACE_TYPES),
        ("categories", "category", "Kind of space", CATEGORIES),
    ):
        chosen = set(filters.facet_values(name))
        options = [
            FacetOption(
                value=term.value,
                label=term.label,
                count=counts.get(name, {}).get(term.value, 0),
                selected=term.value in chosen,
            )
            for term in vocabulary.terms
            if counts.get(name, {}).get(term.value) or term.value in chosen
        ]
        facets.append(Facet(param=param, legend=legend, options=options))
    return facets


# --- promotions ---------------------------------------------------------------------------


def promotions_for(*, text: str) -> list[SearchPromotion]:
    """Editors' picks for this query whose page is live and public (or external links)."""
    if not text:
        return []
    query = Query.objects.filter(query_string=normalise_query_string(text)).first()
    if query is None:
        return []
    picks = list(query.editors_picks.select_related("page"))
    public = set(
        Page.objects.live()
        .public()
        .filter(pk__in=[p.page_id for p in picks if p.page_id])
        .values_list("pk", flat=True)
    )
    return [p for p in picks if (p.page_id in public) or (not p.page_id and p.external_link_url)]


def _promotion_hits(picks: list[SearchPromotion], text: str) -> list[Hit]:
    specific = {
        page.pk: page
        for page in Page.objects.filter(pk__in=[p.page_id for p in picks if p.page_id]).specific()
    }
    hits = []
    for pick in picks:
        page = specific.get(pick.page_id)
        if isinstance(page, ToolkitPage | CaseStudyPage):
            hit = page_hit(page, text, promoted=True)
            if pick.description:
                hit.snippet = highlight.excerpt([pick.description], text)
        elif page is not None:
            hit = Hit(
                kind="link",
                title=highlight.mark(page.title, text),
                url=page.url,
                snippet=highlight.excerpt([pick.description, page.search_description], text),
                obj=page,
                promoted=True,
            )
        else:
            hit = Hit(
                kind="link",
                title=highlight.mark(pick.external_link_text or pick.external_link_url, text),
                url=pick.external_link_url,
                snippet=highlight.excerpt([pick.description], text),
                promoted=True,
            )
        hits.append(hit)
    return hits


# --- the search ---------------------------------------------------------------------------


def site_search(*, query: SearchQuery, per_page: int = PER_PAGE) -> SearchResults:
    """Everything the search page shows for ``query``."""
    results = SearchResults(query=query, text=query.text, page=query.page, per_page=per_page)
    if query.is_empty:
        results.themes = popular_themes()
        return results
    in_spaces = query.section == "spaces"
    if not query.location and typed_place(query.text):
        # A place alone ("w52hl", "21201", "Chelmsford"): the spaces near it, nearest first, and
        # the pages that mention it. If it cannot be placed after all, it is searched as words.
        query = dataclasses.replace(query, location=query.text, location_from_text=True, text_is_place=True)
        results.query = query

    space_filters, errors = _space_filters(query, _space_text(query), with_facets=in_spaces)
    if errors.get("location") and query.location_from_text:
        # "near" was part of what they were looking for ("learning from near misses").
        query = dataclasses.replace(
            query, text=query.raw, location="", location_from_text=False, text_is_place=False
        )
        results.query, results.text = query, query.text
        space_filters, errors = _space_filters(query, query.text, with_facets=in_spaces)
    results.errors = errors
    results.location_label = space_filters.location_label
    if space_filters.near:
        results.radius_km = space_filters.effective_radius_m / 1000
    # A place we could not find: no spaces "everywhere" instead (the error says why).
    find_spaces = not (query.location and "location" in errors)

    def start_spaces(filters: AssetFilters):
        """The spaces of this search, asked for now and answered when called."""
        if not find_spaces:
            return lambda: None
        if in_spaces:
            return _start_asset_search(filters, page=query.page, per_page=per_page)
        # The preview: the newest few spaces (any index gives those without reading every
        # match; nearest first near a place) and how many, counted up to a limit, no facets.
        preview = filters if filters.near else dataclasses.replace(filters, sort="newest")
        with without_facet_counts(), counting_up_to(settings.SEARCH_SPACES_COUNT_UP_TO):
            return _start_asset_search(preview, page=1, per_page=SPACES_PREVIEW if query.page == 1 else 1)

    def spaces_for(filters: AssetFilters):
        return start_spaces(filters)()

    picks = promotions_for(text=query.text) if query.page == 1 and not query.section else []
    promoted_ids = {p.page_id for p in picks if p.page_id}
    pending_spaces = start_spaces(space_filters)  # in flight while the pages are searched
    matches = page_matches(query.text, exclude=promoted_ids)
    spaces = pending_spaces()
    space_text = query.text
    if spaces is not None and not spaces.total and _space_text(query):
        # Spaces match every word as typed; when none does, the editors' synonyms are tried in
        # turn ("food bank" -> "food pantry"), the same way on every backend.
        for variant in synonyms.variants(query.text):
            variant_filters = AssetFilters(**{**space_filters.__dict__, "text": variant})
            if (found := spaces_for(variant_filters)) and found.total:
                spaces, space_filters, space_text = found, variant_filters, variant
                break

    if query.text and not query.text_is_place and not (matches or picks or (spaces and spaces.total)):
        # Nothing at all: a spelling correction, then pages with some of the words, then both.
        correction = spelling.suggest(query.text)
        several_words = len(query.text.split()) > 1
        corrected_filters = AssetFilters(**{**space_filters.__dict__, "text": correction or ""})
        corrected_spaces = spaces_for(corrected_filters) if correction else None
        corrected_matches = page_matches(correction) if correction else []
        if corrected_matches or (corrected_spaces and corrected_spaces.total):
            results.corrected_from, results.text = query.text, correction
            matches, space_filters, spaces = corrected_matches, corrected_filters, corrected_spaces
        elif several_words and (any_matches := page_matches(query.text, operator="or")):
            matches, results.any_words = any_matches, True
        elif (
            correction
            and len(correction.split()) > 1
            and (any_matches := page_matches(correction, operator="or"))
        ):
            results.corrected_from, results.text = query.text, correction
            matches, results.any_words = any_matches, True
    text = results.text
    results.promotions = _promotion_hits(picks, text)
    clauses = [] if query.text_is_place else synonyms.expand(text)
    results.also_searched = [
        t for c in clauses for t in c.alternatives if synonyms.stems(t) != synonyms.stems(c.typed)
    ]
    # Excerpts mark the synonyms too: the reader sees why "potluck" found "shared suppers".
    marked = " ".join([*results.also_searched, text]) if results.also_searched else text

    themes = page_themes(matches)
    theme_facet, theme_pages = _theme_facet(matches, themes, _theme_values(query.params))
    shown = matches if theme_pages is None else [m for m in matches if m.id in theme_pages]
    exact = getattr(matches, "counts", None) if theme_pages is None else None
    results.counts = {
        "toolkits": exact["toolkit"] if exact else sum(m.kind == "toolkit" for m in shown),
        "case-studies": exact["case_study"] if exact else sum(m.kind == "case_study" for m in shown),
        "spaces": spaces.total if spaces else 0,
    }
    start = (query.page - 1) * per_page
    if in_spaces:
        if spaces:
            results.hits = [
                space_hit(asset, distance, _marked(text, space_text)) for asset, distance in spaces.hits
            ]
            results.total = spaces.total
            results.facets = _space_facets(spaces.facet_counts, space_filters)
    elif query.section:
        kind, specs, parse, public = (
            ("toolkit", TOOLKIT_FACETS, toolkit_filters_from_params, public_toolkits)
            if query.section == "toolkits"
            else ("case_study", CASE_STUDY_FACETS, case_study_filters_from_params, public_case_studies)
        )
        # The section's own facets (theme among them) apply to the best matches of its kind.
        filters: IndexFilters = parse(query.params)
        ranked = page_matches(text, operator="or" if results.any_words else "and", kinds=(kind,))
        base = public().filter(pk__in=[m.id for m in ranked])
        results.facets = facets_for(base, specs=specs, filters=filters)
        if filters:
            keep = set(filter_by_facets(base, specs=specs, filters=filters).values_list("pk", flat=True))
            ranked = [m for m in ranked if m.id in keep]
        results.total = len(ranked)
        results.counts[query.section] = len(ranked) if filters else ranked.counts[kind]
        results.hits = _load_pages(ranked[start : start + per_page], marked, themes)
    else:
        results.total = len(shown)
        results.hits = _load_pages(shown[start : start + per_page], marked, themes)
        results.facets = [theme_facet] if theme_facet.options else []
        if spaces and query.page == 1:
            results.spaces_preview = [
                space_hit(asset, distance, _marked(text, space_text)) for asset, distance in spaces.hits
            ]
        results.spaces_total = spaces.total if spaces else 0
        results.spaces_total_is_lower_bound = bool(spaces and spaces.total_is_lower_bound)
    if results.found_nothing:
        results.themes = popular_themes()
    return results


def _marked(text: str, space_text: str) -> str:
    """The words to mark in spaces: the synonym they were found by, when it was one."""
    return space_text if space_text != text and space_text else text


def _space_text(query: SearchQuery) -> str:
    """The words spaces must match: none when the box held only a place (every space near it)."""
    return "" if query.text_is_place else query.text


def popular_themes(*, limit: int = 12) -> list[Theme]:
    """Themes with the most public toolkits and case studies, for empty and "no results" pages."""
    live = {"live": True, "view_restrictions__isnull": True}
    return list(
        Theme.objects.annotate(
            pages=Count("toolkits", filter=Q(**{f"toolkits__{k}": v for k, v in live.items()}), distinct=True)
            + Count(
                "case_studies", filter=Q(**{f"case_studies__{k}": v for k, v in live.items()}), distinct=True
            )
        )
        .filter(pages__gt=0)
        .order_by("-pages", "name")[:limit]
    )


def _start_asset_search(filters: AssetFilters, *, page: int, per_page: int):
    """The registry's ``asset_search``, started now and answered when the result is called: a
    backend that can send its request ahead (``submit``: Elasticsearch, from a worker thread)
    does, so it runs while the pages are searched; any other answers when called."""
    submit = getattr(get_asset_search_backend(), "submit", None)
    if submit is None:  # answered later, with the hints in force now
        search = functools.partial(asset_search, filters=filters, page=page, per_page=per_page)
        return functools.partial(contextvars.copy_context().run, search)
    return submit(filters, page=page, per_page=per_page)


def _theme_values(params: Mapping) -> tuple[str, ...]:
    values = params.getlist("theme") if hasattr(params, "getlist") else params.get("theme", ())
    if isinstance(values, str):
        values = [values]
    return tuple(dict.fromkeys(v.strip()[:80] for v in values if v.strip()))[:20]


# --- the search box -----------------------------------------------------------------------


@dataclass(frozen=True)
class Suggestion:
    label: str
    kind: str  # toolkit, case_study, theme, category
    kind_label: str
    url: str = ""  # go straight there; otherwise search for the label


def autocomplete(*, text: str, limit: int = 8) -> list[Suggestion]:
    """Titles of toolkits and case studies, themes, and kinds of space that start like ``text``."""
    text = " ".join(text.split())[:MAX_QUERY_LENGTH]
    if len(text) < 2:
        return []
    suggestions: list[Suggestion] = []
    words = highlight.fold(text).split()
    queryset = Page.objects.live().public().type(ToolkitPage, CaseStudyPage).specific()
    # The backends also match summaries (AutocompleteField): suggest titles that visibly match.
    for page in get_search_backend().autocomplete(text, queryset)[:20]:
        if len(suggestions) < 5 and _starts_like(highlight.fold(page.title), words):
            kind = "toolkit" if isinstance(page, ToolkitPage) else "case_study"
            suggestions.append(Suggestion(page.title, kind, KINDS[kind][0], page.url))
    for theme in Theme.objects.order_by("name"):
        if _starts_like(highlight.fold(theme.name), words):
            suggestions.append(Suggestion(theme.name, "theme", "Theme", theme.get_absolute_url()))
    for vocabulary in (CATEGORIES, THIRD_SPACE_TYPES):
        for term in vocabulary.terms:
            if term.value != "other" and _starts_like(highlight.fold(term.label), words):
                suggestions.append(Suggestion(term.label, "category", "Kind of space"))
    return suggestions[:limit]


def _starts_like(label: str, words: list[str]) -> bool:
    """Every typed word starts a word of the label ("yo cl" -> "Youth club")."""
    label_words = highlight.WORD.findall(label)
    return all(any(w.startswith(typed) for w in label_words) for typed in words)
