"""Spam controls for residents' forms: a honeypot field and a per-address rate limit.

The rate limit keeps a fixed-window counter per client address in Django's cache. With several
server processes, configure a shared cache (Redis, Memcached or the database cache) so they
share counts; the default local-memory cache counts per process.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

HONEYPOT_FIELD = "organisation_fax"


def client_address(request) -> str:
    """The client's address. Behind a proxy, set the proxy to pass REMOTE_ADDR through (e.g.
    with a middleware you trust); X-Forwarded-For is not read because clients can forge it."""
    return request.META.get("REMOTE_ADDR", "") or "unknown"


@dataclass(frozen=True)
class RateLimit:
    allowed: bool
    retry_after: int  # seconds until the window resets (0 when allowed)

    @property
    def retry_after_minutes(self) -> int:
        return max(1, -(-self.retry_after // 60))


def _key(scope: str, address: str) -> str:
    return f"assets_registry:rate:{scope}:{address}"


def rate_limit_check(*, scope: str, address: str) -> RateLimit:
    limit = settings.ASSET_SUBMISSION_RATE_LIMIT
    state = cache.get(_key(scope, address))
    if state is None or state["count"] < limit:
        return RateLimit(True, 0)
    return RateLimit(False, max(1, int(state["reset_at"] - time.time())))


def rate_limit_record(*, scope: str, address: str) -> None:
    window = settings.ASSET_SUBMISSION_RATE_WINDOW
    key = _key(scope, address)
    state = cache.get(key)
    now = time.time()
    if state is None or state["reset_at"] <= now:
        state = {"count": 0, "reset_at": now + window}
    state["count"] += 1
    cache.set(key, state, timeout=max(1, int(state["reset_at"] - now)))
