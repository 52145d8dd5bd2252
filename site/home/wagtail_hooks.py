"""Site-wide admin hooks: documents stay private until something public uses them (upload_privacy);
the superusers' report of background tasks (task_report)."""

from __future__ import annotations

from django.http import Http404

from wagtail import hooks

from home.task_report import menu_item, urlpatterns
from home.upload_privacy import may_see


@hooks.register("before_serve_document")
def documents_of_unpublished_pages_are_private(document, request):
    if not may_see(document, request.user):
        raise Http404("No such document")  # the same answer as for a document that never existed


@hooks.register("register_admin_urls")
def task_report_urls():
    return urlpatterns


@hooks.register("register_reports_menu_item")
def task_report_menu_item():
    return menu_item()
