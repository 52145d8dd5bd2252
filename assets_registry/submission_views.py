"""The resident's private status page for a submission, and erasing their e-mail from it."""

from __future__ import annotations

import re

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from assets_registry.models import SubmitterContact
from assets_registry.personal_data import erase_by_token
from assets_registry.submission_status import submission_status

TOKEN = re.compile(r"[A-Za-z0-9_-]{20,64}")


@require_http_methods(["GET", "POST"])
def submission_status_view(request: HttpRequest, token: str) -> HttpResponse:
    template = "assets_registry/submission_status.html"
    if request.method == "POST" and request.POST.get("erase"):
        erased = TOKEN.fullmatch(token) is not None and erase_by_token(token)
        return render(request, template, {"title": "Your e-mail address", "erased": erased})
    well_formed = TOKEN.fullmatch(token) is not None  # what secrets.token_urlsafe makes, nothing odd
    contact = (
        SubmitterContact.objects.filter(token=token).select_related("content_type").first()
        if well_formed
        else None
    )
    status = submission_status(contact) if contact else None
    if status is None:
        context = {"title": "Link not found", "missing": True}
        return render(request, template, context, status=404)
    return render(request, template, {"title": f"Your submission {status.reference}", "status": status})
