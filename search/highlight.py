"""Safe excerpts with the searched words marked, for every backend alike.

Wagtail's search backends do not return highlights, so the excerpt is made here from the text
the page or space shows anyway. Everything is HTML-escaped; only our own ``<mark>`` is markup.
Matching is forgiving in the same ways as the search: case, accents, simple English endings
("groups" marks "group"), and the last word typed as the start of a word.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape  # what Django's escape() calls, without its lazy-string wrapper per piece
from itertools import islice

from django.utils.safestring import SafeString, mark_safe

# One definition of a word and of folding, shared with the spelling correction.
from assets_registry.spelling import WORD, fold

SUFFIXES = ("ingly", "ings", "ing", "edly", "ies", "ied", "es", "ed", "s")
EXCERPT_WORDS = 32
LEAD_WORDS = 6


def stem(word: str) -> str:
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def query_terms(text: str) -> list[str]:
    return [fold(w) for w in WORD.findall(text)]


class Matcher:
    def __init__(self, terms: Iterable[str]):
        terms = [t for t in terms if t]
        self.stems = {stem(t) for t in terms if len(t) >= 2}
        self.prefix = terms[-1] if terms and len(terms[-1]) >= 3 else ""
        self._seen: dict[str, bool] = {}  # words recur within a text

    def __call__(self, word: str) -> bool:
        known = self._seen.get(word)
        if known is None:
            known = self._seen[word] = self._matches(word)
        return known

    def _matches(self, word: str) -> bool:
        folded = fold(word)
        if stem(folded) in self.stems or (self.prefix and folded.startswith(self.prefix)):
            return True
        # "bridging" marks "bridge" and "bridges" too (the stem plus a short ending).
        return any(len(s) >= 4 and folded.startswith(s) and len(folded) - len(s) <= 3 for s in self.stems)

    def __bool__(self) -> bool:
        return bool(self.stems or self.prefix)


def first_match(text: str, matcher: Matcher) -> int | None:
    """Index of the first matching word, or None."""
    if not matcher:
        return None
    for index, match in enumerate(WORD.finditer(text)):
        if matcher(match.group()):
            return index
    return None


def excerpt(texts: Iterable[str], query: str, *, words: int = EXCERPT_WORDS) -> SafeString:
    """A short, escaped excerpt of the first text that mentions the query, with matches in
    ``<mark>``; the start of the first non-empty text when none does."""
    matcher = Matcher(query_terms(query))
    fallback = ""
    for text in texts:
        text = " ".join(str(text or "").split())
        if not text:
            continue
        fallback = fallback or text
        position = first_match(text, matcher)
        if position is not None:
            return _render(text, matcher, start_word=max(0, position - LEAD_WORDS), words=words)
    return _render(fallback, matcher, start_word=0, words=words) if fallback else mark_safe("")


def _render(text: str, matcher: Matcher, *, start_word: int, words: int) -> SafeString:
    # The words shown and one more (to know whether the text goes on), not all of a long body.
    spans = [m.span() for m in islice(WORD.finditer(text), start_word + words + 1)]
    if not spans:
        return mark_safe(escape(text[:200]))
    start = spans[start_word][0] if start_word < len(spans) else 0
    last = min(len(spans), start_word + words) - 1
    end = spans[last][1] if last + 1 < len(spans) else len(text)
    parts = ["…" if start > 0 else ""]
    cursor = start
    for word_start, word_end in spans[start_word : last + 1]:
        parts.append(escape(text[cursor:word_start]))
        word = text[word_start:word_end]
        parts.append(f"<mark>{escape(word)}</mark>" if matcher(word) else escape(word))
        cursor = word_end
    parts.append(escape(text[cursor:end]))
    if end < len(text):
        parts.append("…")
    return mark_safe("".join(parts))


def mark(text: str, query: str) -> SafeString:
    """The whole (short) text, escaped, with matches marked: titles and names."""
    return _render(" ".join((text or "").split()), Matcher(query_terms(query)), start_word=0, words=10_000)
