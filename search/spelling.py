"""'Did you mean…?' for every backend: the words the site actually uses, and the closest one.

Neither SQLite FTS5 nor PostgreSQL's full-text search corrects spelling, so suggestions come from
a vocabulary of the site's own words (titles and summaries of public toolkits and case studies,
themes, the registry's category names, the places of case studies and spaces), cached for a few
minutes. A word that is not in it is replaced by the nearest word with the same first letter, at most
one typo away (two for words of eight letters or more); a word that differs only by accents
takes the site's spelling ("cafe" -> "café").
"""

from __future__ import annotations

import difflib
from collections import Counter, defaultdict

from django.core.cache import cache

from search.highlight import WORD, fold

CACHE_KEY = "search:vocabulary:v1"
CACHE_SECONDS = 900
MIN_WORD = 3


def _words(texts) -> Counter:
    # One pass of the pattern over all the text (ten thousand pages' titles and summaries).
    words = WORD.findall("\n".join(text or "" for text in texts).lower())
    return Counter(word for word in words if len(word) >= MIN_WORD and not word.isdigit())


def build_vocabulary() -> dict[str, str]:
    """{folded word: the site's most common spelling of it}."""
    from assets_registry.selectors import public_assets
    from assets_registry.taxonomy import CATEGORIES, KINDS, SETTINGS, THIRD_SPACE_TYPES
    from toolkits.models import Theme
    from toolkits.selectors import public_case_studies, public_toolkits

    texts: list[str] = []
    texts += [f"{t} {s}" for t, s in public_toolkits().values_list("title", "summary")]
    texts += [
        " ".join(row) for row in public_case_studies().values_list("title", "summary", "place_name", "area")
    ]
    texts += [f"{n} {d}" for n, d in Theme.objects.values_list("name", "description")]
    for vocabulary in (CATEGORIES, THIRD_SPACE_TYPES, SETTINGS, KINDS):
        texts += [term.label for term in vocabulary.terms]
    # order_by(): without it the model's ordering (name) joins the DISTINCT, which then keeps
    # (locality, name) pairs: the first 20,000 names' places only, and 8 s over a million spaces.
    # The (locality, live) index of migration 0007 answers it alone: 0.1 s instead of 0.6 s.
    localities = public_assets().exclude(locality="").order_by().values_list("locality", flat=True)
    texts += list(localities.distinct()[:20_000])
    spellings: dict[str, Counter] = defaultdict(Counter)
    for word, count in _words(texts).items():
        spellings[fold(word)][word] += count
    return {folded: counts.most_common(1)[0][0] for folded, counts in spellings.items()}


def vocabulary() -> dict[str, str]:
    words = cache.get(CACHE_KEY)
    if words is None:
        words = build_vocabulary()
        cache.set(CACHE_KEY, words, CACHE_SECONDS)
    return words


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


def suggest(text: str) -> str | None:
    """A corrected query, or None when every word is one the site uses."""
    words = vocabulary()
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
                    replacement = known  # the same word with the site's accents
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
