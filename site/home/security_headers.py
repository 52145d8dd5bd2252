"""Content-Security-Policy (django-csp) and Permissions-Policy (django-permissions-policy).

The public site runs only its own scripts and style sheets (no inline script; style attributes
only), loads map tiles from the configured tile server and embedded video from the embed
providers, and is framed only by itself (Wagtail's preview). Wagtail's admin is held to the same
policy except where its own pages need more (``ADMIN_EXTRA``, added by
``home.middleware.SiteAndAdminCSPMiddleware``). Browser tests fail on any violation: the page
sweep on every public page (tests/home/test_page_sweep.py), and the admin's main views
(tests/home/test_security_headers.py).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from csp.constants import NONE, SELF, UNSAFE_INLINE

EMBED_ORIGINS = [
    "https://www.youtube.com",
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
]
# What Wagtail's admin pages need beyond the site's policy: its editors and explorer still write
# inline scripts and style elements (Wagtail 8). Only signed-in staff reach them.
ADMIN_EXTRA: dict[str, list[str]] = {"script-src": [UNSAFE_INLINE], "style-src": [UNSAFE_INLINE]}


def origin_of(url_template: str) -> str:
    """'https://{s}.tile.example.org/{z}/{x}/{y}.png' -> 'https://*.tile.example.org'."""
    parts = urlsplit(url_template.replace("{s}", "*"))
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def site_policy(map_tile_url: str) -> dict:
    tiles = origin_of(map_tile_url)
    return {
        "DIRECTIVES": {
            "default-src": [SELF],
            "script-src": [SELF],
            "style-src": [SELF],
            # Style attributes carry data (a legend's colours, a bar's width); they cannot run code.
            "style-src-attr": [UNSAFE_INLINE],
            "img-src": [SELF, "data:", *([tiles] if tiles else [])],
            "font-src": [SELF],
            "connect-src": [SELF],
            "frame-src": [SELF, *EMBED_ORIGINS],
            "object-src": [NONE],
            "base-uri": [SELF],
            "form-action": [SELF],
            "frame-ancestors": [SELF],  # Wagtail's preview frames our own pages; nobody else may
        }
    }


PERMISSIONS_POLICY = {
    "geolocation": ["self"],  # "Use my location" on Find a space
    "camera": [],
    "microphone": [],
    "payment": [],
    "usb": [],
    "accelerometer": [],
    "gyroscope": [],
    "magnetometer": [],
}
