"""What a caller of ``asset_search`` can do without, for backends able to skip the work.

The search page's spaces preview shows a few spaces and how many there are. It never reads
``facet_counts``, and "1,000+" tells a reader as much as "359,593": counting facets and every
match is most of the work of a text search over a million spaces, on every backend. So the
preview runs inside ``without_facet_counts()`` and ``counting_up_to(n)``:

* a backend that honours the first leaves ``facet_counts`` without counts;
* one that honours the second may stop counting past ``n`` and then answers ``total == n``
  with ``total_is_lower_bound`` set (Elasticsearch's ``track_total_hits``, a LIMIT in SQL).

A backend that ignores them still answers correctly; only the saving is lost. Callers that
defer the search (a request sent now, answered later) must carry these hints with it
(``contextvars.copy_context``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_facet_counts_wanted: ContextVar[bool] = ContextVar("facet_counts_wanted", default=True)
_total_limit: ContextVar[int | None] = ContextVar("total_limit", default=None)


@contextmanager
def without_facet_counts() -> Iterator[None]:
    token = _facet_counts_wanted.set(False)
    try:
        yield
    finally:
        _facet_counts_wanted.reset(token)


def facet_counts_wanted() -> bool:
    return _facet_counts_wanted.get()


@contextmanager
def counting_up_to(limit: int) -> Iterator[None]:
    token = _total_limit.set(limit)
    try:
        yield
    finally:
        _total_limit.reset(token)


def total_limit() -> int | None:
    """Past how many matches the backend may stop counting (None: count them all)."""
    return _total_limit.get()
