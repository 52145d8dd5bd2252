"""``search_simpler_mode`` in every template: true when a search of this request was answered by
the database because Elasticsearch is down (templates/includes/search_simpler_mode.html)."""

from assets_registry.search_backends.elasticsearch_outage import simpler_mode


def search_mode(request) -> dict:
    # The function itself: the template asks when it reaches the notice, after the view's searches.
    return {"search_simpler_mode": simpler_mode}
