"""Background work for geocoding (django-tasks): online lookups a page asked for (`lookups`)."""

from __future__ import annotations

from django_tasks import task

from .chain import default_chain
from .exceptions import GeocodingError


@task()
def look_up_online(query: str, country: str | None = None) -> bool:
    """Ask the online geocoder and cache its answer (found or not); False if it failed."""
    try:
        default_chain().geocode(query, country=country, wait=True)
    except GeocodingError:
        return False
    return True
