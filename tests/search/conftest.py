"""One search suite for every backend.

``search_backend`` parametrizes a test over the configured backends: "database" always (SQLite
FTS5 or PostgreSQL full-text, whichever DATABASE_URL names) and "elasticsearch" (Wagtail's
elasticsearch8 backend for pages, our elasticsearch-dsl index for spaces). Without
ELASTICSEARCH_URL the Elasticsearch runs are skipped locally and FAIL under CI=true.

Elasticsearch indexes of this run are named ``cph_test_<random>_...`` and deleted at the end.
Each test builds the indexes from what it created (``search_backend.index()``), so what a test
sees is only its own content, on every backend.
"""

from __future__ import annotations

import io
import uuid
from dataclasses import dataclass

import pytest

from django.core.management import call_command

from tests.services import elasticsearch_url, missing_service

DATABASE = {"BACKEND": "search.wagtail_backend", "SEARCH_CONFIG": "english"}
DATABASE_ASSETS = "assets_registry.search_backends.database.DatabaseAssetSearch"
ELASTICSEARCH_ASSETS = "assets_registry.search_backends.elasticsearch.ElasticsearchAssetSearch"
BACKENDS = ["database", "elasticsearch"]


@pytest.fixture(scope="session")
def es_prefix():
    """A prefix of index names unique to this test run; every index under it is deleted at the end."""
    prefix = f"cph_test_{uuid.uuid4().hex[:10]}"
    yield prefix
    url = elasticsearch_url()
    if not url:
        return
    from elasticsearch import Elasticsearch

    client = Elasticsearch(url, request_timeout=30)
    for name in client.indices.get(index=f"{prefix}_*", allow_no_indices=True, expand_wildcards="all"):
        client.indices.delete(index=name, ignore_unavailable=True)
    client.close()


@dataclass
class SearchBackend:
    name: str
    settings: object

    @property
    def is_elasticsearch(self) -> bool:
        return self.name == "elasticsearch"

    def index(self, *, pages: bool = True) -> None:
        """Build the search indexes from the database, as a deployment would, and make them
        searchable (``pages=False``: only the find-a-space index)."""
        if pages:
            call_command("update_index", backend_name="default", stdout=io.StringIO(), verbosity=0)
        if self.is_elasticsearch:
            from assets_registry.search_backends import elasticsearch_index as asset_index

            asset_index.rebuild(progress=False)
            self.refresh()

    def refresh(self) -> None:
        if self.is_elasticsearch:
            from wagtail.search.backends import get_search_backend

            from assets_registry.search_backends import elasticsearch_index as asset_index

            asset_index.refresh()
            get_search_backend().es.indices.refresh(index=f"{self.settings.ELASTICSEARCH_INDEX_PREFIX}_*")


def configure(name: str, settings, prefix: str) -> SearchBackend:
    """Point the settings at one backend (pytest-django's ``settings`` undoes it after the test)."""
    if name == "elasticsearch":
        url = elasticsearch_url()
        if not url:
            missing_service("Elasticsearch: set ELASTICSEARCH_URL (scripts/services.sh start)")
        settings.ELASTICSEARCH_URL = url
        settings.ELASTICSEARCH_INDEX_PREFIX = prefix
        settings.WAGTAILSEARCH_BACKENDS = {
            "default": {
                "BACKEND": "search.wagtail_elasticsearch",
                "URLS": [url],
                "INDEX_PREFIX": f"{prefix}_",
                "TIMEOUT": 30,
                "INDEX_SETTINGS": settings.ELASTICSEARCH_INDEX_SETTINGS,
                # Tests build the index from what they created (``index()``), as Wagtail's do.
                "AUTO_UPDATE": False,
            },
            "database": DATABASE,
        }
        settings.ASSET_SEARCH_BACKEND = ELASTICSEARCH_ASSETS
        settings.ASSET_INDEX_AUTO_UPDATE = True
    else:
        settings.WAGTAILSEARCH_BACKENDS = {"default": DATABASE}
        settings.ASSET_SEARCH_BACKEND = DATABASE_ASSETS
        settings.ASSET_INDEX_AUTO_UPDATE = False
    return SearchBackend(name=name, settings=settings)


@pytest.fixture(params=BACKENDS)
def search_backend(request, settings, es_prefix):
    from django.core.cache import cache

    cache.clear()  # cached vocabularies and time zones belong to one backend's content
    backend = configure(request.param, settings, es_prefix)
    yield backend
    cache.clear()


@pytest.fixture
def elasticsearch_backend(settings, es_prefix):
    """For what only Elasticsearch has (its own find-a-space index): skipped locally without it,
    a failure under CI=true."""
    from django.core.cache import cache

    cache.clear()
    backend = configure("elasticsearch", settings, es_prefix)
    yield backend
    cache.clear()


@pytest.fixture
def corpus(search_backend):
    """The judged corpus (corpus.py) and the fixture gazetteer, indexed on each backend."""
    from tests.geocoding.gazetteer_fixture import load_fixture_gazetteer

    from .corpus import build_corpus

    load_fixture_gazetteer()
    build_corpus()
    search_backend.index()
    return search_backend
