"""Helpers for the site-wide browser tests."""

from django.conf import settings
from django.test import Client


def sign_in(context, live_server, user) -> None:
    """Give a Playwright browser context the session of a signed-in user (no login form)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
