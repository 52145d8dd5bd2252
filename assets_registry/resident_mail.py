"""Residents hear back: an e-mail when their submission arrives (with its reference and a private
link to its status), when it is published (with the public link) and when it is not (with the
moderator's reason). Templates: templates/assets_registry/email/ (override them to reword).

Sent as a task (``tasks.send_resident_mail``) so that a queued backend keeps SMTP out of requests.
Only submissions that came with an e-mail (``SubmitterContact``) send anything; once it is
erased, nothing more is sent.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse

from assets_registry.models import SubmitterContact

RECEIVED, PUBLISHED, NOT_PUBLISHED = "received", "published", "not_published"
SUBJECTS = {
    RECEIVED: "We have received “{name}” (reference {reference})",
    PUBLISHED: "“{name}” is now on the map",
    NOT_PUBLISHED: "“{name}” has not been published",
}


def site_url(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def status_url(contact: SubmitterContact) -> str:
    return site_url(reverse("assets_registry:submission_status", args=[contact.token]))


def resident_mail(contact: SubmitterContact, event: str, *, reason: str = "") -> None:
    obj = contact.content_type.get_object_for_this_type(pk=contact.object_id)
    asset = getattr(obj, "asset", obj)  # a suggestion or closure report is about a space
    context = {
        "name": asset.name,
        "reference": obj.pk,
        "kind": obj._meta.verbose_name,
        "status_url": status_url(contact),
        "public_url": site_url(asset.get_absolute_url()) if asset.live else "",
        "reason": reason,
        "retention_days": settings.PERSONAL_DATA_RETENTION_DAYS,
    }
    body = render_to_string(f"assets_registry/email/{event}.txt", context)
    send_mail(SUBJECTS[event].format(**context), body, None, [contact.email])
