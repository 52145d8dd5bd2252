"""Site-wide admin hooks: documents stay private until something public uses them."""

from __future__ import annotations

from django.http import Http404

from wagtail import hooks

from home.document_privacy import may_download


@hooks.register("before_serve_document")
def documents_of_unpublished_pages_are_private(document, request):
    if not may_download(document, request.user):
        raise Http404("No such document")  # the same answer as for a document that never existed
