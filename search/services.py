"""Writes for search: the query log that editors read in Wagtail's "Search terms" report."""

from __future__ import annotations

from wagtail.contrib.search_promotions.models import Query
from wagtail.search.utils import MAX_QUERY_STRING_LENGTH, normalise_query_string


def query_record(*, text: str) -> Query | None:
    """Count one search for ``text`` today (Wagtail's search promotions keep daily hits)."""
    normalised = normalise_query_string(text)[:MAX_QUERY_STRING_LENGTH]
    if not normalised:
        return None
    query = Query.get(normalised)
    query.add_hit()
    return query
