from django.http import Http404, HttpResponseServerError
from django.shortcuts import render
from django.template import loader

from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.models import Site


def section_placeholder(request, title: str):
    """Stands for a section that its own app has not filled in yet."""
    return render(request, "home/section_placeholder.html", {"title": title})


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No request context: whatever broke may be a context processor or the database.
    return HttpResponseServerError(loader.get_template("500.html").render())


def sitemap(request):
    """Wagtail's sitemap of the request's site. With no site for the host name and no default
    site there are no pages to list: 404, where Wagtail's own view fails with a 500."""
    if Site.find_for_request(request) is None:
        raise Http404("No site answers for this host name.")
    return wagtail_sitemap(request)
