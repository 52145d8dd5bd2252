import sys

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.storage import default_storage
from django.db import InterfaceError, OperationalError
from django.http import (
    FileResponse,
    Http404,
    HttpResponse,
    HttpResponseRedirect,
    HttpResponseServerError,
    JsonResponse,
)
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from django.views.static import serve as serve_file

from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.models import Site

from home.upload_privacy import image_for_media_path, may_see


def page_not_found(request, exception=None):
    if request.path.startswith("/api/"):  # API clients read JSON, as every documented error is
        detail = "No API operation or object at this address. The operations are listed at /api/v1/docs."
        return JsonResponse({"detail": detail}, status=404)
    return render(request, "404.html", status=404)


DATABASE_RETRY_AFTER_SECONDS = 30


def server_error(request):
    # No request context: whatever broke may be a context processor or the database. Django calls
    # this inside its `except`, so the exception is at hand: a database that cannot be reached
    # (restarting, failing over) is "unavailable, send it again shortly", not a bug.
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = str(DATABASE_RETRY_AFTER_SECONDS)
        return response
    return HttpResponseServerError(loader.get_template("500.html").render())


def sitemap(request):
    """Wagtail's sitemap of the request's site. With no site for the host name and no default
    site there are no pages to list: 404, where Wagtail's own view fails with a 500."""
    if Site.find_for_request(request) is None:
        raise Http404("No site answers for this host name.")
    return wagtail_sitemap(request)


# Private paths crawlers should leave alone: the Wagtail and Django admin sites.
ROBOTS_DISALLOW = ("/admin/", "/django-admin/")


@require_safe
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    """robots.txt: keep crawlers out of the admin and point them at the sitemap."""
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOW)]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
@cache_control(max_age=86400, public=True)
def root_icon(request, name: str):
    """/favicon.ico and /apple-touch-icon.png, which browsers ask for at the root whatever the
    page links to: a redirect to the (hashed, long-cached) static file."""
    return HttpResponseRedirect(staticfiles_storage.url(f"icons/{name}"))


def media_file(request, path: str):
    """Uploaded images, served by the app (``SERVE_MEDIA``): an image nothing public uses yet is
    private (``upload_privacy``). Documents are never served here: Wagtail's view checks them."""
    if path.startswith("documents/"):
        raise Http404("Documents are served at /documents/")
    image = image_for_media_path(path)
    if image is not None and not may_see(image, request.user):
        raise Http404("No such file")
    try:
        default_storage.path(path)
    except NotImplementedError:  # object storage (MEDIA_STORAGE=s3): stream it from the bucket
        try:
            return FileResponse(default_storage.open(path, "rb"))
        except FileNotFoundError:
            raise Http404("No such file") from None
    return serve_file(request, path, document_root=settings.MEDIA_ROOT)
