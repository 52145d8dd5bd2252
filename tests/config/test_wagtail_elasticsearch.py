"""Wagtail's own Elasticsearch backend builds its indexes on our node and autocompletes from them."""

import uuid

import pytest

from wagtail.search.backends import get_search_backend

from home.models import HomePage
from tests.factories import make_site_home
from tests.services import elasticsearch_url, missing_service

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]


@pytest.fixture
def backend():
    url = elasticsearch_url()
    if not url:
        missing_service("ELASTICSEARCH_URL is not set (start one with `make services`)")
    # A private prefix: this test resets its indexes, and other runs may share the node.
    backend = get_search_backend(
        "wagtail.search.backends.elasticsearch8",
        URLS=[url],
        INDEX_PREFIX=f"cph_test_{uuid.uuid4().hex[:8]}_",
    )
    yield backend
    # Elasticsearch 8 refuses wildcard deletes (action.destructive_requires_name): name each one.
    for name in backend.es.indices.get(index=f"{backend.index_prefix}*"):
        backend.es.indices.delete(index=name)


def test_wagtail_indexes_and_autocompletes_pages(backend):
    home = make_site_home()
    home.title = "Connected Places Café"
    home.save_revision().publish()

    index = backend.get_index_for_model(HomePage)
    index.reset()
    index.add_model(HomePage)
    index.add_item(home)
    index.refresh()

    assert list(backend.autocomplete("conn", HomePage)) == [home.page_ptr.specific]
    assert list(backend.autocomplete("cafe", HomePage)) == [home.page_ptr.specific]  # folded accents
    assert list(backend.search("places", HomePage)) == [home.page_ptr.specific]
    assert list(backend.autocomplete("zzz", HomePage)) == []
