"""Elasticsearch stopped: pages and search keep answering from the database, with a notice; index
updates are kept and replayed when it answers again (issue 18, item 5).

The app reaches the shared node through a TCP proxy the test owns (``tests.tcp_proxy``):
stopping the proxy is the outage, never the node other runs use.
"""

from __future__ import annotations

import io
import time
from urllib.parse import urlparse

import pytest

from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.urls import reverse

from assets_registry.models import Asset
from assets_registry.search_backends import elasticsearch_index as asset_index
from assets_registry.search_backends.elasticsearch_outage import breaker
from search.middleware import SIMPLER_MODE_HEADER
from search.models import PendingIndexUpdate
from tests.assets_registry.factories import AssetFactory
from tests.assets_registry.test_submissions import form_data
from tests.factories import UserFactory
from tests.services import elasticsearch_url, missing_service
from tests.tcp_proxy import TcpProxy
from tests.toolkits.factories import ToolkitPageFactory, make_knowledge_hub

from .conftest import DATABASE, ELASTICSEARCH_ASSETS
from .test_search_page import titles

pytestmark = [pytest.mark.django_db, pytest.mark.elasticsearch]
NOTICE = "Search is running in a simpler mode; results may be less relevant."
RESET_SECONDS = 1


@pytest.fixture
def proxy(settings, es_prefix):
    """Every Elasticsearch client of the app goes through a proxy this test can stop."""
    url = elasticsearch_url()
    if not url:
        missing_service("Elasticsearch: set ELASTICSEARCH_URL (scripts/services.sh start)")
    node = urlparse(url)
    proxy = TcpProxy(node.hostname, node.port or 9200).start()
    through = f"http://127.0.0.1:{proxy.port}"
    prefix = f"{es_prefix}_down"  # under the run's prefix: deleted with it
    settings.ELASTICSEARCH_URL = through
    settings.ELASTICSEARCH_INDEX_PREFIX = prefix
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.wagtail_elasticsearch",
            "URLS": [through],
            "INDEX_PREFIX": f"{prefix}_",
            "TIMEOUT": 10,
            "INDEX_SETTINGS": settings.ELASTICSEARCH_INDEX_SETTINGS,
        },
        "database": DATABASE,
    }
    settings.ASSET_SEARCH_BACKEND = ELASTICSEARCH_ASSETS
    settings.ASSET_INDEX_AUTO_UPDATE = True
    settings.ELASTICSEARCH_BREAKER_FAILURES = 2
    settings.ELASTICSEARCH_BREAKER_RESET_SECONDS = RESET_SECONDS
    cb, watcher = breaker()
    cb.close()  # a breaker is per process: start closed whatever an earlier test left
    watcher.recovered = False
    cache.clear()
    yield proxy
    proxy.stop()
    cb.close()
    watcher.recovered = False
    cache.clear()


def index_everything() -> None:
    call_command("update_index", backend_name="default", stdout=io.StringIO(), verbosity=0)
    asset_index.rebuild(progress=False)
    refresh()


def refresh() -> None:
    from django.conf import settings

    from wagtail.search.backends import get_search_backend

    asset_index.refresh()
    get_search_backend().es.indices.refresh(index=f"{settings.ELASTICSEARCH_INDEX_PREFIX}_*")


def approve(asset: Asset) -> None:
    moderator = UserFactory(username="moderator", is_superuser=True, is_staff=True)
    asset.current_workflow_task.on_action(asset.current_workflow_task_state, moderator, "approve")


def wait_for_the_breaker() -> None:
    time.sleep(RESET_SECONDS + 0.2)  # the circuit lets a trial request through after this


def kept() -> set[tuple[str, str, str]]:
    return set(PendingIndexUpdate.objects.values_list("target", "model", "object_id"))


def test_everything_answers_while_it_is_down_and_catches_up_when_it_is_back(
    client, proxy, gazetteer, django_capture_on_commit_callbacks
):
    _home, toolkits, _case_studies = make_knowledge_hub()
    ToolkitPageFactory(parent=toolkits, title="Audit your third spaces")
    AssetFactory(name="Acton Hall", description="Tea dances")
    index_everything()
    up = client.get("/search/", {"q": "audit"})
    assert titles(up) == ["Audit your third spaces"]
    assert NOTICE not in up.content.decode() and SIMPLER_MODE_HEADER not in up

    proxy.stop()
    # An editor publishes a toolkit; a resident adds a space and a moderator approves it.
    with django_capture_on_commit_callbacks(execute=True):
        toolkit = ToolkitPageFactory(parent=toolkits, title="Zither circles for neighbours")
        toolkit.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        submitted = client.post(reverse("assets_registry:add"), form_data(name="Zither Club"))
    assert submitted.status_code == 302  # saved, as always
    space = Asset.objects.get(name="Zither Club")
    with django_capture_on_commit_callbacks(execute=True):
        approve(space)
    assert Asset.objects.get(pk=space.pk).live
    # What Elasticsearch missed is kept, for both indexes.
    assert {
        ("wagtail", "toolkits.toolkitpage", str(toolkit.pk)),
        ("wagtail", "assets_registry.asset", str(space.pk)),
        ("spaces", "assets_registry.asset", str(space.pk)),
    } <= kept()
    # The circuit is open: until its reset time passes, requests do not wait on the node.
    assert breaker()[0].current_state == "open"

    # Every page answers; search answers from the database, and says so.
    search = client.get("/search/", {"q": "zither"})
    assert search.status_code == 200
    assert {"Zither circles for neighbours", "Zither Club"} <= set(titles(search))
    assert NOTICE in search.content.decode()
    assert search[SIMPLER_MODE_HEADER] == "simpler" and "no-store" in search["Cache-Control"]
    find = client.get("/spaces/", {"q": "zither"})
    assert find.status_code == 200 and "Zither Club" in find.content.decode()
    assert NOTICE in find.content.decode()
    api = client.get("/api/v1/spaces", {"q": "zither"})
    assert api.status_code == 200 and api[SIMPLER_MODE_HEADER] == "simpler"
    suggestions = client.get(reverse("search:autocomplete"), {"q": "zith"}).json()["suggestions"]
    assert "Zither circles for neighbours" in [s["label"] for s in suggestions]
    for url in ("/", toolkits.url, Asset.objects.get(pk=space.pk).get_absolute_url()):
        assert client.get(url, follow=True).status_code == 200, url
    assert NOTICE not in client.get("/").content.decode()  # no search there: nothing to say

    proxy.start()
    wait_for_the_breaker()
    # The first request that reaches the node again queues the replay (run on commit here).
    with django_capture_on_commit_callbacks(execute=True):
        first = client.get("/search/", {"q": "audit"})
    assert first.status_code == 200 and NOTICE not in first.content.decode()
    assert kept() == set()
    refresh()

    # Found through Elasticsearch: no notice, no header.
    back = client.get("/search/", {"q": "zither"})
    assert SIMPLER_MODE_HEADER not in back and NOTICE not in back.content.decode()
    assert {"Zither circles for neighbours", "Zither Club"} <= set(titles(back))
    find = client.get("/spaces/", {"q": "zither"})
    assert SIMPLER_MODE_HEADER not in find and "Zither Club" in find.content.decode()


def test_the_replay_command_keeps_what_it_cannot_send_and_replays_once(
    client, proxy, django_capture_on_commit_callbacks
):
    _home, toolkits, _case_studies = make_knowledge_hub()
    gone = ToolkitPageFactory(parent=toolkits, title="Quilting bees retired")
    stays = ToolkitPageFactory(parent=toolkits, title="Quilting bees for everyone")
    closing = AssetFactory(name="Quilting Hall")
    index_everything()
    assert set(titles(client.get("/search/", {"q": "quilting"}))) == {
        "Quilting bees retired",
        "Quilting bees for everyone",
        "Quilting Hall",
    }

    proxy.stop()
    with django_capture_on_commit_callbacks(execute=True):
        gone.delete()
    with django_capture_on_commit_callbacks(execute=True):
        Asset.objects.get(pk=closing.pk).unpublish()
    assert kept()

    out = io.StringIO()
    with pytest.raises(CommandError, match="still unavailable"):
        call_command("replay_index_updates", stdout=out)
    assert kept(), "nothing is dropped while the node is down"

    proxy.start()
    wait_for_the_breaker()
    waiting = PendingIndexUpdate.objects.count()
    call_command("replay_index_updates", stdout=out)
    assert f"Replayed {waiting} kept index update(s); 0 still waiting." in out.getvalue()
    call_command("replay_index_updates", stdout=out)  # again: nothing left, nothing changes
    assert out.getvalue().endswith("Replayed 0 kept index update(s); 0 still waiting.\n")
    refresh()

    answer = client.get("/search/", {"q": "quilting"})
    assert SIMPLER_MODE_HEADER not in answer  # answered by Elasticsearch
    assert titles(answer) == [stays.title]
