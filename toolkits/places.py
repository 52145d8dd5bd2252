"""Where a case study happened: a map point for its place name, found through the geocoder.

Called by the editor form (``forms.CaseStudyPageForm``); imports no model of this app.
"""

from __future__ import annotations

import logging

logger = logging.getLogger(__name__)


def case_study_locate(*, place_name: str, area: str = "", country: str = ""):
    """A point for a case study's place through the geocoder (the `geocoding` app), or None.

    Tries the place as written, then each part of it, then the wider area: "Southall Broadway,
    Ealing", "Southall Broadway", "Ealing"; so a specific place still gets an approximate point.
    Never raises: a geocoder outage or an unrecognised place leaves the case study unmapped, not
    unsaved; the editor can type coordinates in.
    """
    try:
        from geocoding.services import GeocodingUnavailable, InvalidLocation, geocode
    except ImportError:  # the registry's geocoder is optional for the knowledge hub
        return None
    queries = [place_name, *place_name.split(","), area]
    for query in dict.fromkeys(q.strip() for q in queries if q and q.strip()):
        try:
            result = geocode(query, country=country or None)
        except (GeocodingUnavailable, InvalidLocation) as error:
            logger.info("Could not geocode case-study place %r: %s", query, error)
            continue
        if result is not None:
            return result
    return None
