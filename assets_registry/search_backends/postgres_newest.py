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
Both paths are bounded: the walk reads at most ``MAX_WALK_IDS`` ids, and the index is only
asked when matches are rare near the top of the table, where it is fast. The walk ranges over
ids (``id > n``), not over a number of rows, so other filters cannot make it longer.
"""

from __future__ import annotations

import math

from django.db import connection
from django.db.models import Max, QuerySet

from assets_registry.models import Asset

PROBE_IDS = 4_000
MAX_WALK_IDS = 50_000  # about 25-45 ms: past this the index is the cheaper way
MIN_PROBE_MATCHES = 20  # fewer matches in the probe are too few to extrapolate from
WALK_MARGIN = 1.25  # matches are not spread evenly; walk a little further than the estimate


def text_vector_matches(queryset: QuerySet, tsquery: str, *, indexed: bool = True) -> QuerySet:
    """``queryset`` narrowed to rows whose stored vector (migration 0006) matches ``tsquery``.

    ``indexed=False`` states the same condition as a function call (``ts_match_vq`` is what
    ``@@`` calls), which no index answers: for a walk along the primary key, where PostgreSQL
    might otherwise combine the text index with the id range and build the whole bitmap."""
    table = connection.ops.quote_name(Asset._meta.db_table)
    query = "to_tsquery('english'::regconfig, %s)"
    condition = f"{table}.text_vector @@ {query}" if indexed else f"ts_match_vq({table}.text_vector, {query})"
    return queryset.extra(where=[condition], params=[tsquery])


def newest_matches(
    queryset: QuerySet, tsquery: str, *, start: int, count: int, count_up_to: int
) -> tuple[list[int], int]:
    """Ids of ``queryset``'s rows matching ``tsquery``, highest id first (``count`` of them
    from ``start``), and how many match, counting no further than ``count_up_to + 1`` (so the
    caller can tell "more than count_up_to")."""
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

    every = list(text_vector_matches(queryset, tsquery).order_by().values_list("id", flat=True)[:wanted])
    if len(every) < wanted:  # all of them: the newest are picked here
        return sorted(every, reverse=True)[start : start + count], len(every)
    if len(found) >= start + count:  # the newest ids hold the page
        return found[start : start + count], len(every)
    # Many matches, few of them among the newest ids: PostgreSQL chooses between walking the ids
    # and sorting the index's matches (it has their number as an estimate).
    page = text_vector_matches(queryset, tsquery).order_by("-id")[start : start + count]
    return list(page.values_list("id", flat=True)), len(every)


def _walk(queryset: QuerySet, tsquery: str, *, above: int, up_to: int, limit: int) -> list[int]:
    """Matching ids in ``(above, up_to]``, highest first, at most ``limit``."""
    walk = text_vector_matches(queryset.filter(id__gt=above, id__lte=up_to), tsquery, indexed=False)
    return list(walk.order_by("-id").values_list("id", flat=True)[:limit])
