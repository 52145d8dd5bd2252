"""Anonymous visitors' pages from the shared cache (docs/deployment.md, "Caching").

``PageCacheMiddleware`` answers a GET from an anonymous visitor (no session, messages or
Authorization) with the page another visitor's request stored, and stores a page only when it is
the same for every anonymous visitor: a 200 that sets no cookie, used no CSRF token and does not
say ``private``/``no-store``/``no-cache`` (a view's own ``max-age`` shortens its stay). The key
is the page's normalised URL (scheme, host, path, parameters sorted by name); pages without a
query string go to the ``pages`` cache, pages with one to ``page_queries``, so random query
strings can evict only each other, never the site's pages (the database cache bounds each table
with ``MAX_ENTRIES``; Redis evicts the least recently used with ``maxmemory-policy allkeys-lru``).

Invalidation is a generation: ``content_changed(reason)`` writes a new random generation after
the transaction commits; every stored page carries the generation it was rendered under and is
served only while that is current. One write empties every page at once, on every process and
machine that shares the cache, and a page rendered from data read before a change can never be
served after it. Less precise than a purge per URL (a footer edit and a new space each empty
every page, and nearly every change shows on several listings, the footer or the search), but
it costs one cache write. Who calls it: ``home.page_cache_invalidation``.

``PAGE_CACHE_SECONDS=0`` turns the cache off (the default outside production); the
``Cache-Control`` and ``Vary`` headers are set either way.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_max_age, patch_cache_control, patch_vary_headers

logger = logging.getLogger(__name__)

PAGES, PAGE_QUERIES = "pages", "page_queries"
GENERATION_KEY = "page-cache-generation"
# Query strings longer than this are served uncached: no form of ours makes one.
MAX_QUERY_LENGTH = 1000
# A response bigger than this (an export) is not worth a cache entry.
MAX_BYTES = 1_000_000
# Pages that differ per visitor or carry private data, whatever their headers say.
EXCLUDED_PREFIXES = ("/admin/", "/django-admin/", "/spaces/submissions/", "/documents/", "/media/")
# Cookies that mean this visitor's page may differ: signed in, a session, messages to show.
PERSONAL_COOKIES = (settings.SESSION_COOKIE_NAME, "messages")
NOT_SHARED = ("private", "no-store", "no-cache")


def page_cache_seconds() -> int:
    return settings.PAGE_CACHE_SECONDS


def content_changed(reason: str) -> None:
    """Something public pages show has changed: no page stored before it is served again.

    Runs after the surrounding transaction commits (a request reading before the commit could
    otherwise store the old content under the new generation); outside one, at once.
    """

    def bump() -> None:
        generation = uuid.uuid4().hex
        for alias in (PAGES, PAGE_QUERIES):
            try:
                caches[alias].set(GENERATION_KEY, generation, None)
            except Exception:  # a cache outage must not fail the change itself
                # Stale pages would then be served until the cache answers again and times out.
                logger.exception("Page cache: could not record a change (%s)", reason)
        logger.info("Page cache emptied: %s", reason)

    transaction.on_commit(bump, robust=True)


def forget_all() -> None:
    """Drop every stored page (tests, maintenance)."""
    for alias in (PAGES, PAGE_QUERIES):
        caches[alias].clear()


def normalised_url(request: HttpRequest) -> str:
    query = request.META.get("QUERY_STRING", "")
    pairs = sorted(parse_qsl(query, keep_blank_values=True), key=lambda pair: pair[0])  # stable
    url = f"{request.scheme}://{request.get_host()}{request.path}"
    return f"{url}?{urlencode(pairs)}" if pairs else url


def _alias_and_key(request: HttpRequest) -> tuple[str, str]:
    alias = PAGE_QUERIES if request.META.get("QUERY_STRING") else PAGES
    return alias, "page:" + hashlib.sha256(normalised_url(request).encode()).hexdigest()


def anonymous_and_safe(request: HttpRequest) -> bool:
    """Whether this request may get (or give) the page every anonymous visitor gets."""
    return (
        request.method in ("GET", "HEAD")
        and not any(name in request.COOKIES for name in PERSONAL_COOKIES)
        and "HTTP_AUTHORIZATION" not in request.META
        and not request.path.startswith(EXCLUDED_PREFIXES)
    )


def shareable(request: HttpRequest, response: HttpResponse) -> bool:
    """Whether the response is the same for every anonymous visitor."""
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")  # the page holds a CSRF token
        and not any(word in cache_control for word in NOT_SHARED)
    )


def set_headers(request: HttpRequest, response: HttpResponse, *, shared: bool) -> None:
    """Public (with ``Vary``) for a page every anonymous visitor shares; ``private, no-cache``
    for another HTML page. A view's own ``Cache-Control`` stays."""
    if shared:
        patch_vary_headers(response, ("Cookie", "Accept-Encoding"))
        if "Cache-Control" not in response:
            # Browsers ask again every time (max-age 0 by default), so a change is seen at once;
            # a CDN keeps the page for s-maxage only when Wagtail purges it (FRONTEND_CACHE_*).
            directives = {"public": True, "max_age": settings.PAGE_CACHE_BROWSER_SECONDS}
            if settings.PAGE_CACHE_CDN_SECONDS:
                directives["s_maxage"] = settings.PAGE_CACHE_CDN_SECONDS
            patch_cache_control(response, **directives)
    elif "Cache-Control" not in response and response.get("Content-Type", "").startswith("text/html"):
        patch_cache_control(response, private=True, no_cache=True)


@dataclass(frozen=True)
class StoredPage:
    generation: str
    status: int
    headers: tuple[tuple[str, str], ...]
    content: bytes

    def response(self) -> HttpResponse:
        response = HttpResponse(self.content, status=self.status)
        for name, value in self.headers:
            response[name] = value
        return response


class PageCacheMiddleware:
    """Early in the stack (after the security and CORS middleware, before sessions), so a hit
    skips everything else and a stored page has every header the inner middleware set (CSP,
    which uses no nonce, so a stored page's policy stays valid)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        seconds = page_cache_seconds()
        eligible = anonymous_and_safe(request)
        if not (seconds and eligible and len(request.META.get("QUERY_STRING", "")) <= MAX_QUERY_LENGTH):
            response = self.get_response(request)
            set_headers(request, response, shared=eligible and shareable(request, response))
            return response

        alias, key = _alias_and_key(request)
        cache = caches[alias]
        try:
            found = cache.get_many([GENERATION_KEY, key])  # one query or round trip
        except Exception:  # without the cache, pages are rendered as without it
            logger.warning("Page cache unavailable: rendering %s", request.path, exc_info=True)
            return self.get_response(request)
        generation, stored = found.get(GENERATION_KEY), found.get(key)
        if stored is not None and generation is not None and stored.generation == generation:
            response = stored.response()
            response["X-Cache"] = "hit"
            return response

        response = self.get_response(request)
        shared = shareable(request, response)
        # A view that says how long its page stays true (a public max-age) shortens its stay.
        view_max_age = get_max_age(response)
        if view_max_age is not None:
            seconds = min(seconds, view_max_age)
        set_headers(request, response, shared=shared)
        response["X-Cache"] = "miss"
        if not shared or not seconds or request.method != "GET" or len(response.content) > MAX_BYTES:
            return response
        if generation is None:  # first use, or evicted: start one (a change since wins the race)
            generation = uuid.uuid4().hex
            if not cache.add(GENERATION_KEY, generation, None):
                return response
        headers = tuple((name, value) for name, value in response.items() if name != "X-Cache")
        try:
            cache.set(key, StoredPage(generation, response.status_code, headers, response.content), seconds)
        except Exception:
            logger.warning("Page cache: could not store %s", request.path, exc_info=True)
        return response
