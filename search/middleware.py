"""Each request starts with a fresh note of how its searches were answered
(``elasticsearch_outage.begin_request``). A response built while Elasticsearch was down is never
cached (the next visitor should get full search as soon as it is back) and says so in a header,
``X-Search-Mode: simpler``, for API clients; pages show a notice (``context_processors``)."""

from __future__ import annotations

from django.utils.cache import add_never_cache_headers

from assets_registry.search_backends.elasticsearch_outage import begin_request

SIMPLER_MODE_HEADER = "X-Search-Mode"


class SearchModeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        mode = begin_request()
        response = self.get_response(request)
        if mode.simpler:
            add_never_cache_headers(response)
            response[SIMPLER_MODE_HEADER] = "simpler"
        return response
