"""Real services the suite can use: skipped locally when absent, a failure when CI=true."""

import os
import shutil

import pytest

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
# .ci/run's first pass runs on the embedded default (SQLite, database search) and sets this; its
# second pass has every service configured and fails on any that is missing.
SERVICES_DEFERRED = os.environ.get("CPH_TEST_SERVICES", "") == "deferred"
DEFERRED_REASON = "deferred to CI's services pass"


def missing_service(reason: str) -> None:
    """A test that needs a service or browser that is not here: fail in CI, skip elsewhere."""
    if IN_CI and SERVICES_DEFERRED:
        pytest.skip(f"{DEFERRED_REASON}: {reason}")
    if IN_CI:
        pytest.fail(f"CI requires this service: {reason}", pytrace=False)
    pytest.skip(reason)


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def elasticsearch_url() -> str:
    return os.environ.get("ELASTICSEARCH_URL", "")


def redis_url() -> str:
    """The Redis the suite may use: TEST_REDIS_URL, or database 15 of the one .ci/run starts."""
    return os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def redis_reachable(url: str) -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=2).ping())
    except redis.RedisError:
        return False
