"""'Did you mean…?': the nearest word a vocabulary knows, for any backend.

Neither SQLite FTS5 nor PostgreSQL's full-text search corrects spelling, so corrections come
from a vocabulary of the words actually used. This module is the engine (a vocabulary from
texts, and the nearest word in it) and the registry's own vocabulary (space names, categories,
kinds, places), which find-a-space uses; the site search (``search.spelling``) builds a larger
vocabulary with the same engine.

A word the vocabulary lacks becomes the nearest word with the same first letter, at most one typo
away (two for words of eight letters or more); a word that differs only by accents takes the
vocabulary's spelling ("cafe" -> "café").
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import replace

from django.core.cache import cache

from assets_registry.selectors import AssetFilters, AssetSearchPage, asset_search, public_assets
from assets_registry.taxonomy import CATEGORIES, KINDS, SETTINGS, THIRD_SPACE_TYPES

WORD = re.compile(r"\w+(?:['’]\w+)*", re.UNICODE)
MIN_WORD = 3
CACHE_KEY = "assets_registry:vocabulary:v1"
CACHE_SECONDS = 900
# Distinct names and places read for the vocabulary: enough for a borough's every space, bounded
# for a million (the cache keeps the result for CACHE_SECONDS).
MAX_DISTINCT = 20_000


def fold(text: str) -> str:
    """Lower case without accents: "Café" -> "cafe"."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def vocabulary_from(texts: Iterable[str]) -> dict[str, str]:
    """{folded word: its most common spelling in ``texts``}."""
    # One pass of the pattern over all the text (ten thousand titles and summaries).
    words = WORD.findall("\n".join(text or "" for text in texts).lower())
    spellings: dict[str, Counter] = defaultdict(Counter)
    for word in words:
        if len(word) >= MIN_WORD and not word.isdigit():
            spellings[fold(word)][word] += 1
    return {folded: counts.most_common(1)[0][0] for folded, counts in spellings.items()}


def edit_distance(a: str, b: str) -> int:
    """Optimal string alignment distance: insertions, deletions, substitutions and swaps of two
    neighbouring letters each cost one ("bridgng" -> "bridging" = 1, "boxing" -> "bonding" = 2)."""
    previous2, previous = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if previous2 is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def allowed_edits(word: str) -> int:
    """One typo in a short word, two in a long one."""
    return 1 if len(word) < 8 else 2


def correct(text: str, words: dict[str, str]) -> str | None:
    """``text`` with each word the vocabulary ``words`` lacks replaced by its nearest word, or None
    when every word is known (or nothing is near)."""
    if not words:
        return None
    by_initial: dict[str, list[str]] = defaultdict(list)
    changed = False
    corrected = []
    for word in WORD.findall(text):
        folded = fold(word)
        replacement = word
        if len(folded) >= MIN_WORD and not folded.isdigit():
            if folded in words:
                known = words[folded]
                if fold(known) == folded and known.lower() != word.lower():
                    replacement = known  # the same word with the vocabulary's accents
            else:
                if not by_initial:
                    for candidate in words:
                        by_initial[candidate[0]].append(candidate)
                limit = allowed_edits(folded)
                pool = [c for c in by_initial.get(folded[0], ()) if abs(len(c) - len(folded)) <= limit]
                scored = [(edit_distance(folded, c), c) for c in pool]
                scored = [(d, c) for d, c in scored if d <= limit]
                if scored:
                    # Fewest edits; among equals, the most similar overall.
                    best = min(
                        scored, key=lambda dc: (dc[0], -difflib.SequenceMatcher(None, folded, dc[1]).ratio())
                    )
                    replacement = words[best[1]]
        changed |= replacement.lower() != word.lower()
        corrected.append(replacement)
    return " ".join(corrected) if changed else None


def registry_texts() -> list[str]:
    """The registry's own words: its vocabularies' labels, and public spaces' names and places."""
    texts = [term.label for terms in (CATEGORIES, THIRD_SPACE_TYPES, SETTINGS, KINDS) for term in terms.terms]
    spaces = public_assets().order_by()  # no ordering: DISTINCT over the one column alone
    # The (locality, live) index of migration 0007 answers the places alone.
    texts += list(spaces.exclude(locality="").values_list("locality", flat=True).distinct()[:MAX_DISTINCT])
    texts += list(spaces.values_list("name", flat=True).distinct()[:MAX_DISTINCT])
    return texts


def registry_vocabulary() -> dict[str, str]:
    words = cache.get(CACHE_KEY)
    if words is None:
        words = vocabulary_from(registry_texts())
        cache.set(CACHE_KEY, words, CACHE_SECONDS)
    return words


def suggest(text: str) -> str | None:
    """Find-a-space's correction of ``text`` from the registry's vocabulary, or None."""
    return correct(text, registry_vocabulary())


def asset_search_or_correction(
    *, filters: AssetFilters, page: int = 1, per_page: int = 20
) -> tuple[AssetSearchPage, str]:
    """``selectors.asset_search``; when its words match nothing, the search for their correction,
    if that finds spaces. Returns (the page of results, the words as typed when corrected, else "")."""
    result = asset_search(filters=filters, page=page, per_page=per_page)
    if result.total or not filters.text:
        return result, ""
    correction = suggest(filters.text)
    if not correction:
        return result, ""
    corrected = asset_search(filters=replace(filters, text=correction), page=page, per_page=per_page)
    return (corrected, filters.text) if corrected.total else (result, "")
