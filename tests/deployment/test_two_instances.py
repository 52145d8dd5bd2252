"""Two app instances on one database and one shared cache, as docs/deployment.md's production
topology runs them: what one instance changes, the other shows at once, and a resident's
submission limit holds across both.

Each instance is the Procfile's ``web`` command (gunicorn) under the production settings (over
plain HTTP, bench/harness.py), on its own port, against this test's database (committed rows:
``transaction=True``): SQLite's file in the embedded pass, PostgreSQL in CI's services pass. Both
are sent the same ``Host``, as a proxy in front of them would send it, so they share the anonymous
page cache's entries. The shared cache is the database cache (the default) or Redis
(``REDIS_URL``).
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
import time
from http.cookiejar import CookieJar
from pathlib import Path
from urllib import parse, request

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.urls import reverse

from assets_registry.services import moderation_workflow
from bench.abuse import NoRedirect, Resident, fetch
from bench.harness import PLAIN_HTTP_PRODUCTION_SETTINGS, ROOT, free_port
from tests.assets_registry.factories import AssetFactory
from tests.factories import make_site_home
from tests.services import missing_service, redis_reachable, redis_url
from tests.tasks.worker_process import database_url

pytestmark = pytest.mark.django_db(transaction=True)

HOST = "127.0.0.1"  # what the proxy forwards to every instance
LIMIT = 3
EDITOR_PASSWORD = secrets.token_urlsafe(16)


@pytest.fixture(params=["database cache", "redis"])
def shared_cache(request) -> dict[str, str]:
    if request.param == "database cache":
        return {}
    url = redis_url()
    if not redis_reachable(url):
        missing_service(f"Redis not reachable at {url} (apt-get install redis-server)")
    return {"REDIS_URL": url}


@pytest.fixture
def two_instances(tmp_path, shared_cache):
    (tmp_path / "two_instances_settings.py").write_text(PLAIN_HTTP_PRODUCTION_SETTINGS)
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"ELASTICSEARCH_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "REDIS_URL"}
    }
    env.update(
        PYTHONPATH=os.pathsep.join([str(tmp_path), str(ROOT), str(ROOT / "site")]),
        DJANGO_SETTINGS_MODULE="two_instances_settings",
        DATABASE_URL=database_url(),
        SECRET_KEY="two-instances-test-not-secret",  # one key: a session made on A is valid on B
        ALLOWED_HOSTS=HOST,
        TRUSTED_PROXY_COUNT="1",
        ASSET_SUBMISSION_RATE_LIMIT=str(LIMIT),
        GEOCODER_ONLINE="",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        **shared_cache,
    )
    sites = []
    try:
        for _ in range(2):
            sites.append(ProcfileWeb(env, tmp_path / f"web-{len(sites) + 1}.log"))
        yield sites
    finally:
        for site in sites:
            site.stop()


class ProcfileWeb:
    """One app instance, started with the Procfile's ``web`` command as a newcomer would run it."""

    def __init__(self, env: dict[str, str], log: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        command = next(
            line.removeprefix("web:").strip()
            for line in (ROOT / "Procfile").read_text().splitlines()
            if line.startswith("web:")
        )
        path = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
        with log.open("wb") as out:
            self.process = subprocess.Popen(
                ["sh", "-c", f"exec {command}"],
                cwd=ROOT,
                env={**env, "PORT": str(self.port), "WEB_CONCURRENCY": "1", "PATH": path},
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 120
        while True:
            try:
                request.urlopen(self.url + "/robots.txt", timeout=5).read()
                return
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    pytest.fail(f"the Procfile's web command did not serve:\n{log.read_text()}")
                time.sleep(0.3)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def _editor():
    editor = get_user_model().objects.create_superuser("editor", "editor@example.org")
    # Hashed as production checks it (the test settings' fast MD5 hasher is not in its list).
    hasher = PBKDF2PasswordHasher()
    editor.password = hasher.encode(EDITOR_PASSWORD, hasher.salt())
    editor.save(update_fields=["password"])


class Browser:
    """One visitor's cookies, talking to one instance with the proxy's Host header."""

    def __init__(self, site: ProcfileWeb):
        self.site = site
        self.cookies = CookieJar()
        self.opener = request.build_opener(request.HTTPCookieProcessor(self.cookies), NoRedirect())

    def get(self, path: str):
        req = request.Request(self.site.url + path, headers={"Host": HOST})
        with self.opener.open(req, timeout=120) as response:
            return response.status, response.headers, response.read().decode()

    def post(self, path: str, data: dict) -> int:
        token = next(cookie.value for cookie in self.cookies if cookie.name == "csrftoken")
        body = parse.urlencode({**data, "csrfmiddlewaretoken": token}).encode()
        req = request.Request(self.site.url + path, data=body, headers={"Host": HOST})
        return fetch(self.opener, req)[0]

    def log_in(self, username: str, password: str) -> None:
        self.get("/admin/login/")  # sets the CSRF cookie
        assert self.post("/admin/login/", {"username": username, "password": password}) == 302


def test_a_space_approved_through_one_instance_shows_at_once_through_the_other(two_instances):
    a, b = two_instances
    name = f"Harbour Lights {secrets.token_hex(4)} Hall"  # a query no earlier run has cached
    make_site_home()
    space = AssetFactory(name=name, live=False)
    moderation_workflow().start(space, None)
    _editor()
    search = "/spaces/?" + parse.urlencode({"q": name})
    result = f'href="{space.get_absolute_url()}"'  # the space's card among the results

    visitor_b = Browser(b)
    # The first page served makes the site's settings rows (a change: the page cache empties once).
    visitor_b.get("/")
    status, headers, html = visitor_b.get(search)
    assert status == 200 and result not in html
    assert headers.get("X-Cache") == "miss"
    # A stored that page in the shared cache for A too: one cache, not one per instance.
    status, headers, html = Browser(a).get(search)
    assert headers.get("X-Cache") == "hit" and result not in html

    moderator_a = Browser(a)
    moderator_a.log_in("editor", EDITOR_PASSWORD)
    task_state = space.current_workflow_task_state
    approve = reverse(
        space.snippet_viewset.get_url_name("workflow_action"), args=[space.pk, "approve", task_state.pk]
    )
    assert moderator_a.post(approve, {"comment": ""}) == 302
    space.refresh_from_db()
    assert space.live

    status, headers, html = visitor_b.get(search)
    assert status == 200 and result in html, "B served the page cached before the approval"
    assert headers.get("X-Cache") == "miss"
    assert visitor_b.get(space.get_absolute_url())[0] == 200


def test_the_submission_limit_is_shared_by_both_instances(two_instances):
    a, b = two_instances
    make_site_home()
    address = "203.0.113.77"
    via_a, via_b = Resident(a, address), Resident(b, address)
    statuses = [via_a.submit(1), via_b.submit(2), via_a.submit(3), via_b.submit(4), via_a.submit(5)]
    assert statuses == [302, 302, 302, 429, 429]
    # Another resident behind the same proxy has a limit of their own.
    assert Resident(b, "203.0.113.78").submit(6) == 302
