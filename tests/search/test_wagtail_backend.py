"""search.wagtail_backend: Wagtail's database backend, ranked in one full-text pass on SQLite.

It must answer exactly as Wagtail's own backend does (order, scores, counts, slices, facets);
only faster. Its autocomplete finds at least what Wagtail's does, and also a word typed past
the end of its Porter stem ("communi" for "community"). On PostgreSQL it is Wagtail's backend
itself. Both also give results as rows (``rows(*fields)``) without making model instances.
"""

import pytest

from django.db import connection

from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from search.wagtail_backend import SearchBackend
from toolkits.models import CaseStudyPage, ToolkitPage

from .corpus import build_corpus

pytestmark = pytest.mark.django_db
QUERIES = ["bridging", "youth club", "measure connection", "baltimore sports", "residents", "zzz nothing"]


def test_it_is_wagtails_backend_except_for_ranking_on_sqlite():
    backend = SearchBackend({"SEARCH_CONFIG": "english"})
    wagtails = get_search_backend("wagtail.search.backends.database")
    if connection.vendor == "sqlite":
        assert type(backend).__name__ == "RankedSQLiteSearchBackend"
    else:
        assert type(backend).__name__ == "RowsPostgresSearchBackend"
    assert isinstance(backend, type(wagtails))


def test_same_answers_as_wagtails_own_backend():
    build_corpus()
    ours = SearchBackend({"SEARCH_CONFIG": "english"})
    wagtails = get_search_backend("wagtail.search.backends.database")
    pages = Page.objects.live().public().type(ToolkitPage, CaseStudyPage)
    for text in QUERIES:
        for operator in ("and", "or"):
            mine = ours.search(text, pages, operator=operator).annotate_score("_score")
            theirs = wagtails.search(text, pages, operator=operator).annotate_score("_score")
            assert [(p.pk, round(p._score, 6)) for p in mine] == [(p.pk, round(p._score, 6)) for p in theirs]
            assert mine.count() == theirs.count()
            # Rows: the same results as values, for a slice or all of them.
            search = ours.search(text, pages, operator=operator)
            assert search[:200].rows("content_type_id") == [(p.pk, p.content_type_id) for p in theirs]
            assert search[2:5].rows("title") == [(p.pk, p.title) for p in theirs[2:5]]
            assert [p.pk for p in mine[2:5]] == [p.pk for p in theirs[2:5]]
            assert ours.search(text, pages, operator=operator)[2:5].count() == theirs[2:5].count()
            assert dict(ours.search(text, pages, operator=operator).facet("content_type_id")) == dict(
                wagtails.search(text, pages, operator=operator).facet("content_type_id")
            )
        if connection.vendor == "sqlite":  # ours also finds words cut mid-stem (below)
            assert {p.pk for p in wagtails.autocomplete(text[:4], pages)} <= {
                p.pk for p in ours.autocomplete(text[:4], pages)
            }
        else:
            assert [p.pk for p in ours.autocomplete(text[:4], pages)] == [
                p.pk for p in wagtails.autocomplete(text[:4], pages)
            ]
    if connection.vendor == "postgresql":  # searches ran without nested loops, then put them back
        with connection.cursor() as cursor:
            cursor.execute("SHOW enable_nestloop")
            assert cursor.fetchone()[0] == "on"
    # Unordered and negated searches keep Wagtail's own path.
    assert sorted(p.pk for p in ours.search("bridging", pages, order_by_relevance=False)) == sorted(
        p.pk for p in wagtails.search("bridging", pages, order_by_relevance=False)
    )


def test_the_page_index_stems_and_autocomplete_still_finds_words_being_typed():
    """Stemming (migration search 0002 on SQLite; 'english' on PostgreSQL): "evaluate" finds
    "evaluation". Autocomplete still finds a title from the start of any of its words, however
    far into the word the typing has got."""
    build_corpus()
    backend = SearchBackend({"SEARCH_CONFIG": "english"})
    pages = Page.objects.live().public().type(ToolkitPage, CaseStudyPage)
    titles = {p.title for p in backend.search("evaluate", pages)}
    assert titles == {"Measure connection: a simple evaluation plan"}
    community = "Map your community's assets"
    for typed in ("co", "comm", "commun", "communi", "communit", "community"):
        assert community in {p.title for p in backend.autocomplete(typed, pages)}, typed
    # SQLite folds accents (remove_diacritics); PostgreSQL's configurations keep them.
    typed = "cafe conv" if connection.vendor == "sqlite" else "café conv"
    assert "Café conversations for newcomers" in {p.title for p in backend.autocomplete(typed, pages)}
