"""Editors' synonyms, applied to what people type, the same way on every backend.

    groups() -> list[tuple[str, ...]]        the editors' groups (cached; cleared on every change)
    expand(text) -> list[Clause]             the words, with the synonyms of the ones in a group
    variants(text) -> list[str]              the text with synonyms in place (for spaces)
    page_query(text, operator=...)           a Wagtail search query: the text, or the expanded query

One rule in one place, at query time: a word or phrase of a group in the search box matches any
term of its group ("potluck" finds "shared suppers"). Query-time expansion needs no index
rebuild when editors change a group, and reads the same on SQLite, PostgreSQL and Elasticsearch
(Wagtail's ``Or`` and ``Phrase`` queries, each stemmed by the backend). Terms are compared by
their Snowball English stems, so "potlucks" is "potluck" and "Youth Clubs" is "youth club".
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from dataclasses import dataclass

import snowballstemmer
from modelsearch.query import And, Or, Phrase, PlainText

from django.core.cache import cache

CACHE_KEY = "search:synonym-groups:v1"
CACHE_SECONDS = 60 * 60  # changes clear it at once (search.signals); this only bounds a stale copy
WORD = re.compile(r"\w+", re.UNICODE)


@functools.cache
def _stemmer():
    return snowballstemmer.stemmer("english")


def words(text: str) -> list[str]:
    """Lower-case words without accents: "Café Clubs" -> ["cafe", "clubs"]."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return WORD.findall("".join(c for c in decomposed if not unicodedata.combining(c)))


def stems(text: str) -> tuple[str, ...]:
    return tuple(_stemmer().stemWords(words(text)))


def groups() -> list[tuple[str, ...]]:
    """Every group's terms, as editors wrote them."""
    cached = cache.get(CACHE_KEY)
    if cached is None:
        from search.models import SynonymGroup

        cached = [tuple(g.term_list) for g in SynonymGroup.objects.all()]
        cached = [g for g in cached if len(g) > 1]
        cache.set(CACHE_KEY, cached, CACHE_SECONDS)
    return cached


def forget() -> None:
    cache.delete(CACHE_KEY)


@dataclass(frozen=True)
class Clause:
    """One word typed (``alternatives`` empty), or a term of a group and the group's other terms."""

    typed: str
    alternatives: tuple[str, ...] = ()


def _index(all_groups: list[tuple[str, ...]]) -> dict[tuple[str, ...], tuple[str, ...]]:
    """{stems of a term: every term of its groups} (a term in two groups takes both)."""
    index: dict[tuple[str, ...], tuple[str, ...]] = {}
    for group in all_groups:
        for term in group:
            key = stems(term)
            if key:
                index[key] = tuple(dict.fromkeys((*index.get(key, ()), *group)))
    return index


def expand(text: str) -> list[Clause]:
    """The words of ``text``; a run of them that is a term of a group (longest first) becomes one
    clause with its group's terms. Without any group matched, every clause is a plain word."""
    typed = words(text)
    if not typed:
        return []
    index = _index(groups())
    longest = max((len(key) for key in index), default=0)
    typed_stems = _stemmer().stemWords(typed)
    clauses, i = [], 0
    while i < len(typed):
        for size in range(min(longest, len(typed) - i), 0, -1):
            found = index.get(tuple(typed_stems[i : i + size]))
            if found:
                clauses.append(Clause(" ".join(typed[i : i + size]), found))
                i += size
                break
        else:
            clauses.append(Clause(typed[i]))
            i += 1
    return clauses


def has_synonyms(clauses: list[Clause]) -> bool:
    return any(c.alternatives for c in clauses)


def variants(text: str, *, limit: int = 4) -> list[str]:
    """``text`` with the synonyms of its terms in their place, for a search that matches words
    only as given (spaces): "food bank Baltimore" -> ["food pantry baltimore"]. At most ``limit``."""
    clauses = expand(text)
    if not has_synonyms(clauses):
        return []
    typed = " ".join(c.typed for c in clauses)
    found: list[str] = []
    for choice in itertools.product(*[c.alternatives or (c.typed,) for c in clauses]):
        variant = " ".join(choice)
        if stems(variant) != stems(typed) and variant not in found:
            found.append(variant)
            if len(found) == limit:
                break
    return found


def page_query(text: str, *, operator: str = "and"):
    """What to give Wagtail's ``search()``: ``text`` itself when no group applies (so ranking is
    exactly the backend's own), else the typed words AND (or OR) one ``Or`` per group matched,
    its multi-word terms as phrases."""
    clauses = expand(text)
    if not has_synonyms(clauses):
        return text
    plain = " ".join(c.typed for c in clauses if not c.alternatives)
    parts = [PlainText(plain, operator=operator)] if plain else []
    for clause in clauses:
        if clause.alternatives:
            parts.append(Or([Phrase(t) if len(t.split()) > 1 else PlainText(t) for t in clause.alternatives]))
    if len(parts) == 1:
        return parts[0]
    return And(parts) if operator == "and" else Or(parts)
