"""Template context for every page."""

from wagtail.contrib.settings.context_processors import settings as wagtail_settings
from wagtail.models import Site


def site_settings(request) -> dict:
    """Wagtail's ``settings`` for the request's site, or nothing when no site answers for its host
    name (every Site deleted, no default): the footer then shows its defaults instead of every
    page failing. ``find_for_request`` caches the site on the request, so this costs no query."""
    if Site.find_for_request(request) is None:
        return {}
    return wagtail_settings(request)
