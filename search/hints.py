"""What a caller of the registry's ``asset_search`` can do without, for backends able to skip it.

The search page's spaces preview shows five spaces and how many there are: it never reads
``facet_counts``. Counting facets is most of the work of a text search over a million spaces
(Elasticsearch's terms aggregations over every match), so the preview runs inside
``without_facet_counts()`` and a backend that honours it leaves ``facet_counts`` empty. A
backend that ignores it still answers correctly; only the hint is lost.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_facet_counts_wanted: ContextVar[bool] = ContextVar("facet_counts_wanted", default=True)


@contextmanager
def without_facet_counts() -> Iterator[None]:
    token = _facet_counts_wanted.set(False)
    try:
        yield
    finally:
        _facet_counts_wanted.reset(token)


def facet_counts_wanted() -> bool:
    return _facet_counts_wanted.get()
