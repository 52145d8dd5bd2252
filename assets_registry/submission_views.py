"""The resident's private status page for a submission, and erasing their e-mail from it."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from assets_registry.personal_data import contact_for_token, erase_by_token
from assets_registry.submission_status import submission_status


@require_http_methods(["GET", "POST"])
def submission_status_view(request: HttpRequest, token: str) -> HttpResponse:
    template = "assets_registry/submission_status.html"
    if request.method == "POST" and request.POST.get("erase"):
        erased = erase_by_token(token)
        return render(request, template, {"title": "Your e-mail address", "erased": erased})
    contact = contact_for_token(token)
    status = submission_status(contact) if contact else None
    if status is None:
        context = {"title": "Link not found", "missing": True}
        return render(request, template, context, status=404)
    return render(request, template, {"title": f"Your submission {status.reference}", "status": status})
