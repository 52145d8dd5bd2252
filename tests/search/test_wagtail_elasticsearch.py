"""search.wagtail_elasticsearch: Wagtail's elasticsearch8 backend, a search page in one request.

It must answer exactly as Wagtail's own backend does on the same index (order, slices, counts,
facets); only in fewer round trips. And the search page's spaces preview, which never reads
facet counts, must get the same spaces and total without them (assets_registry.search_backends.hints).
"""

import pytest
from elastic_transport import Transport

from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from assets_registry.search_backends.hints import without_facet_counts
from assets_registry.selectors import AssetFilters, asset_search
from search.selectors import PAGE_MATCH_CAP, page_matches
from tests.assets_registry.factories import AssetFactory
from toolkits.models import CaseStudyPage, ToolkitPage

from .corpus import build_corpus

pytestmark = pytest.mark.django_db
QUERIES = ["bridging", "youth club", "measure connection", "baltimore sports", "residents", "zzz nothing"]


class RequestLog:
    """The HTTP requests every Elasticsearch client sends (the transport itself is real)."""

    def __init__(self, monkeypatch):
        self.targets: list[str] = []
        send = Transport.perform_request

        def perform_request(transport, method, target, *args, **kwargs):
            self.targets.append(target.split("?")[0])
            return send(transport, method, target, *args, **kwargs)

        monkeypatch.setattr(Transport, "perform_request", perform_request)


def test_same_answers_as_wagtails_own_backend_in_one_request(elasticsearch_backend, monkeypatch):
    build_corpus()
    elasticsearch_backend.index()
    ours = get_search_backend()
    assert type(ours).__name__ == "OneRequestElasticsearch8SearchBackend"
    params = elasticsearch_backend.settings.WAGTAILSEARCH_BACKENDS["default"]
    wagtails = get_search_backend(
        "wagtail.search.backends.elasticsearch8", **{k: v for k, v in params.items() if k != "BACKEND"}
    )
    assert ours.get_index_for_model(Page).name == wagtails.get_index_for_model(Page).name
    pages = Page.objects.live().public().type(ToolkitPage, CaseStudyPage)
    index = ours.get_index_for_model(Page).name
    log = RequestLog(monkeypatch)
    for text in QUERIES:
        for operator in ("and", "or"):
            for window in (slice(0, 200), slice(3, 150), slice(0, 10), slice(None)):
                mine = ours.search(text, pages, operator=operator)
                log.targets.clear()
                found = [p.pk for p in mine[window]]
                facet = dict(mine.facet("content_type_id"))
                if window in (slice(0, 200), slice(3, 150)):
                    # One search, no scroll; the facet came with it.
                    assert log.targets == [f"/{index}/_search"]
                theirs = wagtails.search(text, pages, operator=operator)
                assert found == [p.pk for p in theirs[window]]
                assert facet == dict(theirs.facet("content_type_id"))
            assert ours.search(text, pages, operator=operator).count() == theirs.count()
            log.targets.clear()
            rows = ours.search(text, pages, operator=operator)[:200].rows("content_type_id")
            assert log.targets == [f"/{index}/_search"]
            assert rows == [
                (p.pk, p.content_type_id) for p in wagtails.search(text, pages, operator=operator)
            ]


def test_page_matches_is_one_request(elasticsearch_backend, monkeypatch):
    build_corpus()
    elasticsearch_backend.index()
    log = RequestLog(monkeypatch)
    matches = page_matches("bridging")
    assert log.targets == [f"/{get_search_backend().get_index_for_model(Page).name}/_search"]
    assert 0 < len(matches) < PAGE_MATCH_CAP
    assert sum(matches.counts.values()) == len(matches)


def test_the_spaces_preview_skips_facet_counts_only(search_backend):
    for i in range(12):
        AssetFactory(name=f"Riverside Youth Club {i:02}", categories=["youth_club"])
    AssetFactory(name="Riverside Library", categories=["library"])
    search_backend.index(pages=False)
    filters = AssetFilters(text="riverside")
    full = asset_search(filters=filters, per_page=5)
    with without_facet_counts():
        preview = asset_search(filters=filters, per_page=5)
    assert [a.pk for a, _d in preview.hits] == [a.pk for a, _d in full.hits]
    assert preview.total == full.total == 13
    assert full.facet_counts["categories"] == {"youth_club": 12, "library": 1}
    if search_backend.is_elasticsearch:  # the registry's database backend ignores the hint
        assert preview.facet_counts["categories"] == {}
