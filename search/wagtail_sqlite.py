"""Relevance ranking for Wagtail's SQLite FTS5 backend in one full-text pass (see
``search.wagtail_backend``, which uses it on SQLite only)."""

from __future__ import annotations

import copy
from collections import OrderedDict

from modelsearch.backends.database.sqlite.query import (
    Lexeme,
    MatchExpression,
    SearchQueryExpression,
    normalize,
)
from modelsearch.backends.database.sqlite.sqlite import (
    SQLiteAutocompleteQueryCompiler,
    SQLiteFTSIndexEntry,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
    SQLiteSearchResults,
)
from modelsearch.query import MatchAll, Not, Phrase, PlainText
from modelsearch.utils import get_descendants_content_types_pks

from django.db.models import Case, Count, FloatField, Value, When


def without_double_quotes(query):
    """The query with every double quote a space. modelsearch puts words into FTS5 strings
    ("word") without doubling a quote inside them, and phrases unescaped, so one typed " made
    a syntax error (a 500). A quote is never part of a word (FTS5's tokenizer splits on it), so
    nothing is lost."""
    query = copy.copy(query)
    if hasattr(query, "query_string"):
        query.query_string = query.query_string.replace('"', " ")
    if hasattr(query, "subquery"):
        query.subquery = without_double_quotes(query.subquery)
    if hasattr(query, "subqueries"):
        query.subqueries = [without_double_quotes(sub) for sub in query.subqueries]
    return query


class RankedSQLiteSearchQueryCompiler(SQLiteSearchQueryCompiler):
    def __init__(self, queryset, query, *args, **kwargs):
        super().__init__(queryset, query, *args, **kwargs)
        self.query = without_double_quotes(self.query)

    def build_search_query_content(self, query, config=None):
        if isinstance(query, PlainText | Phrase) and not query.query_string.split():
            return SearchQueryExpression("")  # an empty FTS5 phrase: matches nothing, no error
        return super().build_search_query_content(query, config=config)

    def _entries(self, config):
        """The index entries matching the query, with their bm25 score; None when Wagtail's own
        path applies (match-all, negated queries, no relevance order)."""
        query = normalize(self.query)
        if isinstance(query, MatchAll | Not) or not self.order_by_relevance:
            return None
        match = MatchExpression(
            self.fields or self.FTS_TABLE_FIELDS, self.build_search_query(query, config=config)
        )
        return (
            SQLiteFTSIndexEntry.objects.filter(match)
            .filter(index_entry__content_type__in=get_descendants_content_types_pks(self.queryset.model))
            .annotate(score=self._build_rank_expression(self.get_search_vectors(), config))
        )

    def matching(self, config):
        """The source queryset narrowed to the matches (its own filters, e.g. live and public,
        decide what qualifies); None when Wagtail's own path applies."""
        entries = self._entries(config)
        if entries is None:
            return None
        return self.queryset.filter(pk__in=entries.values("index_entry__object_id"))

    def ranked(self, config) -> tuple[list, dict[str, float]] | None:
        """(every qualifying primary key, best first; {object id: score}), from one MATCH."""
        entries = self._entries(config)
        if entries is None:
            return None
        scores: dict[str, float] = {}
        for object_id, score in entries.values_list("index_entry__object_id", "score"):
            scores[object_id] = min(score, scores.get(object_id, score))
        matching = self.queryset.filter(pk__in=entries.values("index_entry__object_id"))
        pks = sorted(
            matching.order_by().values_list("pk", flat=True),
            key=lambda pk: (scores[str(pk)], _descending(pk)),  # Wagtail's order: score, then -pk
        )
        return pks, scores

    def search(self, config, start, stop, score_field=None):
        """A queryset, as Wagtail's compiler returns (facets use it); results and counts come
        from ``ranked()`` through RankedSQLiteSearchResults."""
        ranked = self.ranked(config)
        if ranked is None:
            return super().search(config, start, stop, score_field)
        pks, scores = ranked
        window = pks[start:stop]
        score_field = score_field or "_score"
        annotated = self.queryset.filter(pk__in=window).annotate(
            **{
                score_field: Case(
                    *[When(pk=pk, then=Value(scores[str(pk)])) for pk in window],
                    default=Value(0.0),
                    output_field=FloatField(),
                )
            }
        )
        return annotated.order_by(score_field, f"-{self.queryset.model._meta.pk.attname}")


def _descending(pk):
    return -pk if isinstance(pk, int) else tuple(-ord(c) for c in str(pk))


class StemTolerantPrefix(Lexeme):
    """The word being typed, as the start of a word in a Porter-stemmed FTS5 index.

    FTS5 stems a prefix too, and a partial word stems apart from the whole one: "communi"* finds
    nothing, as "community" is indexed as "commun". So the prefix is also tried shortened by up
    to three letters (never below three): 99.8% of the prefixes of 5,569 words found their word
    in our check, against 94% as typed. Callers filter suggestions by what visibly starts like the
    typed words (search.selectors.autocomplete), so the few extra candidates never show."""

    SHORTEST = 3

    def as_sql(self, compiler, connection):
        word = self.value.replace('"', '""')
        cuts = [word[: len(word) - n] for n in range(4) if len(word) - n >= self.SHORTEST] or [word]
        return "(" + " OR ".join('"%s"*' for _ in cuts) + ")", cuts


class RankedSQLiteAutocompleteQueryCompiler(RankedSQLiteSearchQueryCompiler, SQLiteAutocompleteQueryCompiler):
    def build_search_query_content(self, query, config=None):
        """Wagtail's query, with the last word a ``StemTolerantPrefix`` (the index stems: 0002)."""
        if not isinstance(query, PlainText) or not query.query_string.split():
            return super().build_search_query_content(query, config=config)
        *terms, last = query.query_string.split()
        lexemes = StemTolerantPrefix(last)
        for term in terms:
            lexemes = lexemes & Lexeme(term) if query.operator == "and" else lexemes | Lexeme(term)
        return SearchQueryExpression(lexemes, config=config)


class RankedSQLiteSearchResults(SQLiteSearchResults):
    def _ranked(self):
        compiler = self.query_compiler
        return compiler.ranked(compiler.get_config(self.backend))

    def _do_search(self):
        ranked = self._ranked()
        if ranked is None:
            return super()._do_search()
        pks, scores = ranked
        window = pks[self.start : self.stop]
        loaded = self.query_compiler.queryset.in_bulk(window)
        results = [loaded[pk] for pk in window if pk in loaded]
        if self._score_field:
            for obj in results:
                setattr(obj, self._score_field, scores[str(obj.pk)])
        return results

    def _do_count(self):
        ranked = self._ranked()
        if ranked is None:
            return super()._do_count()
        return len(ranked[0][self.start : self.stop])

    def rows(self, *fields: str) -> list[tuple]:
        """(pk, *fields) of each result, in order, without making model instances (see
        search.wagtail_backend)."""
        ranked = self._ranked() if self._results_cache is None else None
        if ranked is None:
            return [(obj.pk, *(getattr(obj, name) for name in fields)) for obj in self]
        window = ranked[0][self.start : self.stop]
        queryset = self.query_compiler.queryset.filter(pk__in=window)
        found = {row[0]: row for row in queryset.values_list("pk", *fields)}
        return [found[pk] for pk in window if pk in found]

    def facet(self, field_name):
        compiler = self.query_compiler
        matching = compiler.matching(compiler.get_config(self.backend))
        if matching is None or compiler._get_filterable_field(field_name) is None:
            return super().facet(field_name)  # Wagtail's answer, or its error for a bad field
        counts = matching.values(field_name).annotate(count=Count("pk")).order_by("-count")
        return OrderedDict((row[field_name], row["count"]) for row in counts)


class RankedSQLiteSearchBackend(SQLiteSearchBackend):
    query_compiler_class = RankedSQLiteSearchQueryCompiler
    autocomplete_query_compiler_class = RankedSQLiteAutocompleteQueryCompiler
    results_class = RankedSQLiteSearchResults
