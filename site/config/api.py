"""The read API at /api/v1/ (django-ninja, which Wagtail 8 ships): one object, routers per app.

OpenAPI description at /api/v1/openapi.json, its reference page at /api/v1/docs
(config.api_docs: rendered on the server in the site's template).
"""

from assets_registry.api.errors import DescribedNinjaAPI
from assets_registry.api.hsds import hsds_api
from config.api_docs import ApiReferencePage

api = DescribedNinjaAPI(
    title="Connected Places Hub API",
    version="1",
    description="Open data about community spaces, toolkits and case studies. No personal data.",
    urls_namespace="api-v1",
    docs=ApiReferencePage(),
)

# Each app adds its router here, e.g. api.add_router("/spaces", "assets_registry.api.spaces.router").
api.add_router("", "assets_registry.api.geocode.router")  # /api/v1/geocode, /api/v1/geocode/reverse
api.add_router("", "assets_registry.api.spaces.router")  # /api/v1/spaces, /api/v1/spaces/{id}
api.add_router("", "assets_registry.api.taxonomy.router")  # /api/v1/taxonomy, /api/v1/taxonomy/{name}

# The HSDS API (assets_registry) cannot import the site shell, so the shell gives it the same
# reference page: /api/hsds/docs.
hsds_api.docs = ApiReferencePage()
