"""Site-wide admin hooks: documents stay private until something public uses them (upload_privacy)."""

from __future__ import annotations

from django.http import Http404

from wagtail import hooks

from home.upload_privacy import may_see


@hooks.register("before_serve_document")
def documents_of_unpublished_pages_are_private(document, request):
    if not may_see(document, request.user):
        raise Http404("No such document")  # the same answer as for a document that never existed
