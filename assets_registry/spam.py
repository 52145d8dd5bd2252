"""Spam controls for residents' forms: a honeypot field and a per-client rate limit.

The limit is a fixed-window counter per client address, kept in the database (`RateWindow`) so
that every server process shares it, and taken with one conditional UPDATE so that a burst of
concurrent requests cannot all pass a check made before any of them is counted. A request takes
its slot before the slow work and gives it back if nothing was submitted.

The client address is REMOTE_ADDR unless `TRUSTED_PROXY_COUNT` says how many reverse proxies we
own stand in front of the site: then it is the address the outermost of them saw, read from the
right of X-Forwarded-For (entries further left are whatever the client chose to send).
"""

from __future__ import annotations

import ipaddress
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F

from assets_registry.models import RateWindow

HONEYPOT_FIELD = "organisation_fax"


def client_address(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    forwarded = [
        part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()
    ]
    if len(forwarded) < proxies:
        return remote  # not through all our proxies: the direct peer is the best we know
    candidate = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


@dataclass(frozen=True)
class RateLimit:
    allowed: bool
    retry_after: int  # seconds until the window resets (0 when allowed)
    key: str = ""
    starts: int = 0  # the window the slot was taken in, to give it back there

    @property
    def retry_after_minutes(self) -> int:
        return max(1, -(-self.retry_after // 60))


def _window(now: float) -> tuple[int, int]:
    """(the current window's start, seconds until it ends)."""
    length = settings.ASSET_SUBMISSION_RATE_WINDOW
    starts = int(now // length * length)
    return starts, max(1, int(starts + length - now))


def rate_limit_take(*, scope: str, address: str) -> RateLimit:
    """Take one of this client's slots in the current window, if one is left."""
    limit = settings.ASSET_SUBMISSION_RATE_LIMIT
    starts, remaining = _window(time.time())
    key = f"{scope}:{address}"[:200]
    for _attempt in range(3):
        rows = RateWindow.objects.filter(key=key, starts=starts)
        if rows.filter(count__lt=limit).update(count=F("count") + 1):
            return RateLimit(True, 0, key, starts)
        if rows.exists():
            return RateLimit(False, remaining)
        try:
            with transaction.atomic():
                RateWindow.objects.create(key=key, starts=starts, count=1 if limit > 0 else 0)
        except IntegrityError:
            continue  # another request created the window first: take a slot in it
        RateWindow.objects.filter(starts__lt=starts - settings.ASSET_SUBMISSION_RATE_WINDOW).delete()
        return RateLimit(limit > 0, 0 if limit > 0 else remaining, key, starts)
    return RateLimit(False, remaining)


def rate_limit_give_back(taken: RateLimit) -> None:
    """Return a slot taken for a request that submitted nothing (a form with errors)."""
    if taken.allowed:
        RateWindow.objects.filter(key=taken.key, starts=taken.starts, count__gt=0).update(
            count=F("count") - 1
        )
