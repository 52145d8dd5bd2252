"""Anonymous pages from the shared cache (home/page_cache.py): who gets a stored page, what is
never stored, and that no visitor sees a page after the content it shows has changed, whether
the change is made in this process or in another one sharing the database cache."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import uuid
from pathlib import Path

import pytest

from django.db import connection
from django.test import Client

from wagtail.models import PageViewRestriction

from home import page_cache
from home.models import FooterSettings, NavigationSettings
from tests.assets_registry.factories import AssetFactory
from tests.factories import UserFactory
from tests.toolkits.factories import ToolkitPageFactory, make_knowledge_hub

BASE_DIR = Path(__file__).resolve().parents[2]


@pytest.fixture
def hub(db):
    home, toolkit_index, _case_studies = make_knowledge_hub()
    toolkit = ToolkitPageFactory(parent=toolkit_index, title="Mapping what a place has")
    # The settings rows, which the first page would otherwise create (a change, as an edit is).
    for model in (FooterSettings, NavigationSettings):
        model.for_site(home.get_site())
    return {"home": home, "toolkit": toolkit}


def stored(client, url: str):
    """Ask twice: the first fills the cache, the second is what the next visitor gets."""
    client.get(url)
    return client.get(url)


def publish_title(page, title: str) -> None:
    page.title = title
    page.save_revision().publish()


@pytest.mark.django_db
def test_second_anonymous_visitor_gets_the_stored_page_without_rendering(
    client, hub, cache_on, django_assert_max_num_queries
):
    url = hub["toolkit"].url
    first = client.get(url)
    assert first["X-Cache"] == "miss"
    with django_assert_max_num_queries(1):  # one cache read: no route, no page, no settings
        second = Client().get(url)
    assert second["X-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


@pytest.mark.django_db
def test_cache_off_stores_nothing(client, hub, settings):
    settings.PAGE_CACHE_SECONDS = 0
    assert "X-Cache" not in stored(client, "/")


@pytest.mark.django_db
def test_query_strings_are_keyed_on_the_sorted_parameters(client, hub, cache_on):
    client.get("/toolkits/?stage=mapping&audience=residents")
    assert client.get("/toolkits/?audience=residents&stage=mapping")["X-Cache"] == "hit"
    assert client.get("/toolkits/?stage=convening&audience=residents")["X-Cache"] == "miss"


@pytest.mark.django_db
def test_signed_in_editor_never_gets_nor_fills_the_cache(client, hub, cache_on):
    url = hub["toolkit"].url
    assert stored(client, url)["X-Cache"] == "hit"
    editor = Client()
    editor.force_login(UserFactory(username="editor", is_superuser=True, is_staff=True))
    response = editor.get(url)
    assert "X-Cache" not in response
    assert "<wagtail-userbar" in response.content.decode()  # the editor's own page, not the stored one
    assert "private" in response["Cache-Control"]

    page_cache.forget_all()
    editor.get(url)
    assert Client().get(url)["X-Cache"] == "miss"  # the editor's visit stored nothing


@pytest.mark.django_db
def test_messages_cookie_skips_the_cache(client, hub, cache_on):
    assert stored(client, "/")["X-Cache"] == "hit"
    client.cookies["messages"] = "anything"
    assert "X-Cache" not in client.get("/")


@pytest.mark.django_db
def test_a_form_page_never_stores_its_csrf_token(client, hub, cache_on):
    first, second = client.get("/spaces/add/"), Client().get("/spaces/add/")
    assert first.status_code == second.status_code == 200
    assert "csrfmiddlewaretoken" in second.content.decode()
    assert second["X-Cache"] == "miss"
    assert "csrftoken" in second.cookies  # the second visitor got a token of its own
    assert "private" in second["Cache-Control"]


@pytest.mark.django_db
def test_not_found_is_never_stored(client, hub, cache_on):
    for _ in range(2):
        response = client.get("/no-such-page/")
        assert response.status_code == 404
        assert response["X-Cache"] == "miss"


@pytest.mark.django_db
def test_submission_status_pages_are_never_stored(client, hub, cache_on):
    response = client.get("/spaces/submissions/not-a-real-token/")
    assert "X-Cache" not in response


@pytest.mark.django_db
def test_headers_of_a_shared_and_a_private_page(client, hub, cache_on, settings):
    response = client.get("/")
    assert response["Cache-Control"] == "public, max-age=0"
    vary = {part.strip() for part in response["Vary"].split(",")}
    assert {"Cookie", "Accept-Encoding"} <= vary
    assert client.get("/")["Cache-Control"] == "public, max-age=0"  # the stored copy too

    settings.PAGE_CACHE_CDN_SECONDS = 300
    settings.PAGE_CACHE_BROWSER_SECONDS = 30
    page_cache.forget_all()
    assert client.get("/")["Cache-Control"] == "public, max-age=30, s-maxage=300"

    editor = Client()
    editor.force_login(UserFactory(username="editor2"))
    assert editor.get("/")["Cache-Control"] == "private, no-cache"
    assert client.get("/robots.txt")["Cache-Control"] == "max-age=86400, public"  # the view's own


@pytest.mark.django_db
def test_random_query_strings_cannot_evict_the_sites_pages(client, hub, cache_on, settings):
    settings.CACHES = {
        **settings.CACHES,
        "page_queries": {
            **settings.CACHES["page_queries"],
            "OPTIONS": {"MAX_ENTRIES": 5, "CULL_FREQUENCY": 2},
        },
    }
    assert stored(client, "/")["X-Cache"] == "hit"
    for _ in range(30):
        client.get(f"/toolkits/?stage={uuid.uuid4().hex}")
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM cph_page_query_cache")
        assert cursor.fetchone()[0] <= 6  # culled within its own bound
    assert client.get("/")["X-Cache"] == "hit"
    assert "X-Cache" not in client.get("/toolkits/?q=" + "x" * 2000)  # too long to be a key


@pytest.mark.django_db
def test_publishing_a_toolkit_shows_at_once(client, hub, cache_on, django_capture_on_commit_callbacks):
    toolkit = hub["toolkit"]
    assert stored(client, toolkit.url)["X-Cache"] == "hit"
    assert stored(client, "/toolkits/")["X-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        publish_title(toolkit, "Mapping, second edition")
    for url in (toolkit.url, "/toolkits/"):
        response = client.get(url)
        assert response["X-Cache"] == "miss"
        assert "Mapping, second edition" in response.content.decode()


@pytest.mark.django_db
def test_a_change_not_yet_committed_empties_nothing(
    client, hub, cache_on, django_capture_on_commit_callbacks
):
    assert stored(client, "/")["X-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=False):
        page_cache.content_changed("rolled back later")
    assert client.get("/")["X-Cache"] == "hit"


@pytest.mark.django_db(transaction=True)  # the registry sends spaces_changed once per real commit
def test_approving_a_space_shows_at_once(client, hub, cache_on):
    space = AssetFactory(name="Southall Community Kitchen", live=False)
    assert "Southall Community Kitchen" not in stored(client, "/spaces/").content.decode()
    space.latest_revision.publish()  # what the moderator's approval does last
    response = client.get("/spaces/")
    assert response["X-Cache"] == "miss"
    assert "Southall Community Kitchen" in response.content.decode()


@pytest.mark.django_db
def test_editing_the_footer_shows_at_once(client, hub, cache_on, django_capture_on_commit_callbacks):
    assert stored(client, "/spaces/")["X-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        FooterSettings.objects.update_or_create(
            site=hub["home"].get_site(), defaults={"about": "Run by the Ealing convening team."}
        )
    assert "Run by the Ealing convening team." in client.get("/spaces/").content.decode()


@pytest.mark.django_db
def test_a_page_made_private_is_no_longer_served(client, hub, cache_on, django_capture_on_commit_callbacks):
    toolkit = hub["toolkit"]
    assert stored(client, toolkit.url)["X-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=toolkit, restriction_type="password", password="s3cret")
    for _ in range(2):
        response = client.get(toolkit.url)
        assert "Mapping what a place has" not in response.content.decode()
        assert response["X-Cache"] == "miss"  # the password form carries a CSRF token


def run_in_another_process(code: str) -> str:
    """Run Python in a new process on this test's database, as a second app server would."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"sqlite:///{connection.settings_dict['NAME']}",
        "PAGE_CACHE_SECONDS": "600",
    }
    script = "import django; django.setup()\n" + textwrap.dedent(code)
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=BASE_DIR,
        env={**env, "PYTHONPATH": f"{BASE_DIR / 'site'}{os.pathsep}{BASE_DIR}"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.django_db(transaction=True)
def test_a_change_in_another_process_empties_this_ones_pages(client, hub, cache_on):
    if connection.vendor != "sqlite":
        pytest.skip("the other process finds this test's database by its SQLite file")
    toolkit = hub["toolkit"]
    assert stored(client, toolkit.url)["X-Cache"] == "hit"

    run_in_another_process(f"""
        from toolkits.models import ToolkitPage
        page = ToolkitPage.objects.get(pk={toolkit.pk})
        page.title = "Published from elsewhere"
        page.save_revision().publish()
    """)
    response = client.get(toolkit.url)
    assert response["X-Cache"] == "miss"
    assert "Published from elsewhere" in response.content.decode()

    out = run_in_another_process(f"""
        from django.test import Client
        response = Client().get({toolkit.url!r})
        print(response["X-Cache"], "Published from elsewhere" in response.content.decode())
    """)
    assert out.split() == ["hit", "True"]  # the page this process stored, served over there
