from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from assets_registry.api.hsds import hsds_api
from config.api import api
from home.views import media_file, page_not_found, robots_txt, root_icon, sitemap

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("favicon.ico", root_icon, {"name": "favicon.ico"}),
    path("apple-touch-icon.png", root_icon, {"name": "apple-touch-icon.png"}),
    path("apple-touch-icon-precomposed.png", root_icon, {"name": "apple-touch-icon.png"}),
    path("api/v1/", api.urls),
    path("api/hsds/", hsds_api.urls),  # Open Referral HSDS 3.0 (assets_registry/api/hsds.py)
    # Any other address under /api/: a JSON 404, not a page (nor a redirect to one with a slash).
    re_path(r"^api/", page_not_found),
    path("search/", include("search.urls")),
    path("atlas/", include("atlas.urls")),
    path("", include("connections.urls")),  # /my-connections/…, surveys and their results
    path("", include("coalitions.urls")),  # /coalitions/, /places/<slug>/coalition/…
    path("", include("assets_registry.exporters.urls")),  # /spaces.csv, /spaces/export.geojson
    path("", include("assets_registry.urls")),
    path("", include("toolkits.urls")),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
if settings.DEBUG or settings.SERVE_MEDIA:
    # Uploaded images, through a view that keeps an unpublished page's images private; documents
    # go through Wagtail's view (/documents/). Both: home/upload_privacy.py. A web server serving
    # /media/ itself loses that check (docs/deployment.md).
    urlpatterns += [re_path(r"^media/(?P<path>.*)$", media_file)]

# Wagtail serves everything else (home, toolkits, case studies): keep this last.
urlpatterns += [path("", include(wagtail_urls))]

handler404 = "home.views.page_not_found"
handler500 = "home.views.server_error"
