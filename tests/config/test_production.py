"""Production settings: refuse to start half-configured, pass `check --deploy` with the documented
variables (docs/deployment.md), and serve static files through gunicorn and whitenoise.

Settings are read once per process, so each case runs manage.py or gunicorn in a subprocess with
its own environment.
"""

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

REPO_DIR = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
# The variables these tests set; removed from the inherited environment so a developer's shell
# (or .env, which never overrides a variable that is set, even to "") cannot change the outcome.
# DJANGO_ALLOW_ASYNC_UNSAFE is the test harness's own (tests/conftest.py), never a deployment's.
CONTROLLED = (
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "DEBUG",
    "DATABASE_URL",
    "STATIC_ROOT",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
)


def production_env(tmp_path: Path, **overrides: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in CONTROLLED}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        # What docs/deployment.md tells a deployer to set.
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="hub.example.org",
        CSRF_TRUSTED_ORIGINS="https://hub.example.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'production.sqlite3'}",
        STATIC_ROOT=str(tmp_path / "staticfiles"),
    )
    env.update(overrides)
    return env


def manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_deploy_check_passes_with_no_warnings(tmp_path):
    result = manage(production_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues" in output, output
    assert "WARNING" not in output and "?: (" not in output, output


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_production_refuses_to_start_without(tmp_path, missing):
    result = manage(production_env(tmp_path, **{missing: ""}), "check")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert f"Set {missing}" in result.stderr, result.stderr


def test_debug_stays_off_in_production_whatever_the_environment_says(tmp_path):
    result = manage(
        production_env(tmp_path, DEBUG="true"),
        "shell",
        "-c",
        "from django.conf import settings; print('DEBUG', settings.DEBUG)",
    )
    assert result.returncode == 0, result.stderr
    assert "DEBUG False" in result.stdout


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(url: str, headers: dict[str, str] | None = None):
    opener = urllib.request.build_opener(NoRedirect)
    try:
        return opener.open(urllib.request.Request(url, headers=headers or {}), timeout=60)
    except urllib.error.HTTPError as error:
        return error


def test_gunicorn_serves_hashed_static_files_and_redirects_to_https(tmp_path):
    """The documented deployment: collectstatic, then `gunicorn --pythonpath site config.wsgi`.

    --preload loads Django before the port opens, so a busy machine cannot time the first request out.
    """
    env = production_env(tmp_path, ALLOWED_HOSTS="127.0.0.1")
    collected = manage(env, "collectstatic", "--no-input", "-v", "0")
    assert collected.returncode == 0, collected.stderr
    manifest = json.loads((tmp_path / "staticfiles" / "staticfiles.json").read_text())
    hashed_css = manifest["paths"]["css/site.css"]
    assert hashed_css != "css/site.css"

    port = free_port()
    log = (tmp_path / "gunicorn.log").open("w")
    command = ["gunicorn", "--pythonpath", "site", "config.wsgi", "--preload", "--bind", f"127.0.0.1:{port}"]
    server = subprocess.Popen(
        [VENV_BIN / command[0], *command[1:]],
        cwd=REPO_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert server.poll() is None, (tmp_path / "gunicorn.log").read_text()
                assert time.monotonic() < deadline, "gunicorn did not listen within 120s"
                time.sleep(0.3)

        css = fetch(f"{base}/static/{hashed_css}", {"X-Forwarded-Proto": "https"})
        assert css.status == 200
        assert css.headers["Content-Type"].startswith("text/css")
        # whitenoise marks hashed files as cacheable for ever.
        assert "immutable" in css.headers["Cache-Control"]
        assert b".wrap" in css.read()

        plain = fetch(f"{base}/", {})
        assert plain.status == 301
        assert plain.headers["Location"].startswith("https://127.0.0.1")
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
