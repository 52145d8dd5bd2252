"""The read API at /api/v1/ (django-ninja, which Wagtail 8 ships): one object, routers per app.

OpenAPI description at /api/v1/openapi.json, interactive docs at /api/v1/docs.
"""

from ninja import NinjaAPI

api = NinjaAPI(
    title="Connected Places Hub API",
    version="1",
    description="Open data about community spaces, toolkits and case studies. No personal data.",
    urls_namespace="api-v1",
)

# Each app adds its router here, e.g. api.add_router("/spaces", "assets_registry.api.spaces.router").
api.add_router("", "assets_registry.api.geocode.router")  # /api/v1/geocode, /api/v1/geocode/reverse
api.add_router("", "assets_registry.api.spaces.router")  # /api/v1/spaces, /api/v1/spaces/{id}
api.add_router("", "assets_registry.api.taxonomy.router")  # /api/v1/taxonomy, /api/v1/taxonomy/{name}
