from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader


def section_placeholder(request, title: str):
    """Stands for a section that its own app has not filled in yet."""
    return render(request, "home/section_placeholder.html", {"title": title})


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No request context: whatever broke may be a context processor or the database.
    return HttpResponseServerError(loader.get_template("500.html").render())
