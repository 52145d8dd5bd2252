"""'Did you mean…?' for the site search: the registry's spelling engine (``assets_registry.spelling``)
over a larger vocabulary, the site's own words.

The vocabulary is the registry's (space names, categories, kinds, places) and the knowledge hub's:
titles and summaries of public toolkits and case studies, their places, themes. Cached for a few
minutes. The rules (one typo, two in long words, the site's accents) are the engine's.
"""

from __future__ import annotations

from django.core.cache import cache

from assets_registry import spelling as engine

CACHE_KEY = "search:vocabulary:v2"
CACHE_SECONDS = 900


def build_vocabulary() -> dict[str, str]:
    """{folded word: the site's most common spelling of it}."""
    from toolkits.models import Theme
    from toolkits.selectors import public_case_studies, public_toolkits

    texts: list[str] = engine.registry_texts()
    texts += [f"{t} {s}" for t, s in public_toolkits().values_list("title", "summary")]
    texts += [
        " ".join(row) for row in public_case_studies().values_list("title", "summary", "place_name", "area")
    ]
    texts += [f"{n} {d}" for n, d in Theme.objects.values_list("name", "description")]
    return engine.vocabulary_from(texts)


def vocabulary() -> dict[str, str]:
    words = cache.get(CACHE_KEY)
    if words is None:
        words = build_vocabulary()
        cache.set(CACHE_KEY, words, CACHE_SECONDS)
    return words


def suggest(text: str) -> str | None:
    """A corrected query, or None when every word is one the site uses."""
    return engine.correct(text, vocabulary())
