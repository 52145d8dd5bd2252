"""PostgreSQL: the newest spaces matching some words, and how many (up to a limit).

A GIN index cannot stop early: it builds the bitmap of every match before the first row comes
out, and each prefix term (``club:*``) is gathered into its own bitmap first. For the common
words of a million spaces that is most of the time: 250,000 matches of "older people lunch"
take 130 ms to list, however few are wanted. Walking the primary key backwards and testing each
row's stored vector costs about 0.5 µs a row, so when a query matches a few percent of the
spaces, the newest ``limit`` matches are found sooner by the walk than by the index; when it
matches few, the index is quick.

Which one, is decided from the newest ids themselves: a probe of the newest ``PROBE_IDS`` ids
(2-4 ms) tells how often the query matches there. A query that matches often enough is walked
for as many ids as it should need; any other, or one the walk did not satisfy, asks the index.
The walk reads at most ``MAX_WALK_IDS`` ids; it ranges over ids (``id > n``), not over a number
of rows, so other filters cannot make it longer. The index is asked when matches are rare among
the newest ids. If one word is rare there and the others are not, the index is asked for that
word alone and its rows are tested against the whole query: a GIN scan gathers every prefix
term's matches in full before combining them (95 ms for "faith groups bridging", where "group"
is in 600,000 spaces), and testing the 2,300 rows of "bridging" takes 5 ms.
"""

from __future__ import annotations

import math

from django.db import connection
from django.db.models import Count, IntegerField, Max, QuerySet, Sum
from django.db.models.expressions import RawSQL

from assets_registry.models import Asset

PROBE_IDS = 4_000
MAX_WALK_IDS = 80_000  # 35-70 ms at most: past this the index is the cheaper way
MIN_PROBE_MATCHES = 20  # fewer matches in the probe are too few to extrapolate from
WALK_MARGIN = 1.25  # matches are not spread evenly; walk a little further than the estimate
RARE_SHARE = 0.01  # a word in at most this share of the newest ids may lead the index scan
TABLE = connection.ops.quote_name(Asset._meta.db_table)
TSQUERY = "to_tsquery('english'::regconfig, %s)"


def prefix_tsquery(words: list[str]) -> str:
    """Every word, as the start of a (stemmed) word: "commun choi" finds "Community Choir"."""
    return " & ".join(f"{word}:*" for word in words)


def text_vector_matches(queryset: QuerySet, tsquery: str, *, indexed: bool = True) -> QuerySet:
    """``queryset`` narrowed to rows whose stored vector (migration 0006) matches ``tsquery``.

    ``indexed=False`` states the same condition as a function call (``ts_match_vq`` is what
    ``@@`` calls), which no index answers: for a walk along the primary key, where PostgreSQL
    might otherwise combine the text index with the id range and build the whole bitmap."""
    vector = f"{TABLE}.text_vector"
    condition = f"{vector} @@ {TSQUERY}" if indexed else f"ts_match_vq({vector}, {TSQUERY})"
    return queryset.extra(where=[condition], params=[tsquery])


def newest_matches(
    queryset: QuerySet, words: list[str], *, start: int, count: int, count_up_to: int
) -> tuple[list[int], int]:
    """Ids of ``queryset``'s rows matching ``words`` (``prefix_tsquery``), highest id first
    (``count`` of them from ``start``), and how many match, counting no further than
    ``count_up_to + 1`` (so the caller can tell "more than count_up_to")."""
    tsquery = prefix_tsquery(words)
    wanted = max(count_up_to + 1, start + count)
    top = Asset.objects.aggregate(top=Max("id"))["top"]
    if top is None:
        return [], 0
    found = _walk(queryset, tsquery, above=top - PROBE_IDS, up_to=top, limit=wanted)
    walked = PROBE_IDS
    if len(found) < wanted and len(found) >= MIN_PROBE_MATCHES:
        needed = math.ceil(wanted * PROBE_IDS / len(found) * WALK_MARGIN)
        if needed <= MAX_WALK_IDS:
            found += _walk(
                queryset, tsquery, above=top - needed, up_to=top - PROBE_IDS, limit=wanted - len(found)
            )
            walked = needed
    if len(found) >= wanted or top - walked <= 0:  # enough, or every id was walked
        return found[start : start + count], len(found)

    matching = _through_the_index(queryset, words, newest=queryset.filter(id__gt=top - PROBE_IDS))
    every = list(matching.order_by().values_list("id", flat=True)[:wanted])
    if len(every) < wanted:  # all of them: the newest are picked here
        return sorted(every, reverse=True)[start : start + count], len(every)
    if len(found) >= start + count:  # the newest ids hold the page
        return found[start : start + count], len(every)
    # Many matches, few of them among the newest ids: PostgreSQL chooses between walking the ids
    # and sorting the index's matches (it has their number as an estimate).
    page = text_vector_matches(queryset, tsquery).order_by("-id")[start : start + count]
    return list(page.values_list("id", flat=True)), len(every)


def _through_the_index(queryset: QuerySet, words: list[str], *, newest: QuerySet) -> QuerySet:
    """``queryset``'s matches, found through the text index: led by the word that is rarest
    among the ``newest`` rows when it is rare there and another word is not."""
    whole = prefix_tsquery(words)
    terms = sorted({prefix_tsquery([word]) for word in words})
    if len(terms) > 1:
        share = {
            f"t{i}": Sum(RawSQL(f"ts_match_vq({TABLE}.text_vector, {TSQUERY})::int", [term]), default=0)
            for i, term in enumerate(terms)
        }
        # A stop word ("and") is no lexeme: asked alone it would match nothing.
        lexemes = {
            f"n{i}": Max(RawSQL(f"numnode({TSQUERY})", [term], output_field=IntegerField()), default=0)
            for i, term in enumerate(terms)
        }
        found = newest.aggregate(rows=Count("id"), **share, **lexemes)
        usable = [(found[f"t{i}"], term) for i, term in enumerate(terms) if found[f"n{i}"]]
        if len(usable) > 1:
            (rarest, lead), (commonest, _) = min(usable), max(usable)
            if rarest <= found["rows"] * RARE_SHARE < commonest:
                return text_vector_matches(text_vector_matches(queryset, lead), whole, indexed=False)
    return text_vector_matches(queryset, whole)


def _walk(queryset: QuerySet, tsquery: str, *, above: int, up_to: int, limit: int) -> list[int]:
    """Matching ids in ``(above, up_to]``, highest first, at most ``limit``."""
    walk = text_vector_matches(queryset.filter(id__gt=above, id__lte=up_to), tsquery, indexed=False)
    return list(walk.order_by("-id").values_list("id", flat=True)[:limit])
