"""The registry's search hints (``assets_registry.search_backends.hints``), where the search
page and the Elasticsearch asset backend have always imported them from."""

from assets_registry.search_backends.hints import (  # noqa: F401
    counting_up_to,
    facet_counts_wanted,
    total_limit,
    without_facet_counts,
)
