"""PostgreSQL goes away under load and comes back: requests fail fast while it is down, the app
recovers without a restart (``CONN_HEALTH_CHECKS``), and no submission acknowledged as saved is
lost (issue 18, item 5).

gunicorn (production settings, bench/harness.py) reaches this test's PostgreSQL database through
a TCP proxy the test owns (``tests.tcp_proxy``); cutting the proxy resets every open connection
and refuses new ones, as a restart does, without touching the shared cluster. bench/faults.py
does the same with a real ``pg_ctl`` restart of a throwaway cluster and records the figures.
"""

from __future__ import annotations

import os
import time

import pytest

from django.db import connection

from assets_registry.models import Asset
from bench.faults import Load
from bench.harness import PLAIN_HTTP_PRODUCTION_SETTINGS, ROOT, Site
from tests.services import missing_service
from tests.tcp_proxy import TcpProxy

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres]


@pytest.fixture
def proxied_site(tmp_path):
    if connection.vendor != "postgresql":
        missing_service("PostgreSQL: set DATABASE_URL=postgres://... (scripts/services.sh start)")
    db = connection.settings_dict
    proxy = TcpProxy(db["HOST"] or "127.0.0.1", int(db["PORT"] or 5432)).start()
    (tmp_path / "restart_settings.py").write_text(PLAIN_HTTP_PRODUCTION_SETTINGS)
    env = {k: v for k, v in os.environ.items() if k not in {"ELASTICSEARCH_URL", "REDIS_URL"}}
    env.update(
        PYTHONPATH=os.pathsep.join([str(tmp_path), str(ROOT), str(ROOT / "site")]),
        DJANGO_SETTINGS_MODULE="restart_settings",
        DATABASE_URL=f"postgres://{db['USER']}:{db['PASSWORD']}@127.0.0.1:{proxy.port}/{db['NAME']}",
        SECRET_KEY="database-restart-test-not-secret",
        ALLOWED_HOSTS="127.0.0.1",
        TRUSTED_PROXY_COUNT="1",
        ASSET_SUBMISSION_RATE_LIMIT="1000000",
        GEOCODER_ONLINE="",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        CONN_MAX_AGE="60",
        CONN_HEALTH_CHECKS="true",
    )
    site = Site(env, workers=2)
    yield site, proxy
    site.stop()
    proxy.stop()
    # Cutting the proxy must end the server's sessions too: one left "idle in transaction" keeps
    # its locks and the next test's flush waits for ever (it did, in CI).
    deadline = time.monotonic() + 10
    while (left := sessions_in_transaction()) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not left, f"sessions still in a transaction after the proxy was cut: {left}"


def sessions_in_transaction() -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid() AND state LIKE 'idle in transaction%%'"
        )
        return [row[0] for row in cursor.fetchall()]


def failed(event) -> bool:
    return event.status == 0 or event.status >= 500


def test_requests_fail_fast_while_it_is_down_and_recover_without_a_restart(proxied_site):
    site, proxy = proxied_site
    load = Load(site, clients=3)
    threads = load.run()
    time.sleep(2)
    down_at = time.monotonic()
    proxy.stop()
    time.sleep(3)
    proxy.start()
    up_at = time.monotonic()
    time.sleep(4)
    load.stop.set()
    for thread in threads:
        thread.join(timeout=120)

    events = sorted(load.events, key=lambda e: e.started)
    before = [e for e in events if e.started + e.seconds < down_at]
    during = [e for e in events if down_at <= e.started < up_at - 1]
    after = [e for e in events if e.started >= up_at]
    assert before and not [e for e in before if failed(e)]
    # While it is down the site answers "503, back in a moment" (send it again), it does not hang:
    # every request sent then got its answer before the database was back.
    assert during and all(e.status == 503 for e in during), sorted({e.status for e in during})
    assert all(e.started + e.seconds < up_at for e in during)
    # Back without restarting gunicorn: once one request succeeds, none fails (each worker's dead
    # persistent connection is replaced before a request uses it).
    first_ok = next(i for i, e in enumerate(after) if not failed(e))
    assert not [e for e in after[first_ok:] if failed(e)]
    # Every submission the site acknowledged (the redirect to the thanks page) is in the database.
    assert load.acknowledged
    stored = set(Asset.objects.filter(name__in=load.acknowledged).values_list("name", flat=True))
    assert stored == set(load.acknowledged)
