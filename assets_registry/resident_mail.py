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
from assets_registry.submission_status import submission_kind

RECEIVED, PUBLISHED, NOT_PUBLISHED = "received", "published", "not_published"
SUBJECTS = {
    RECEIVED: "We have received your {kind} about “{name}” (reference {reference})",
    PUBLISHED: "Your {kind} about “{name}” has been approved",
    NOT_PUBLISHED: "Your {kind} about “{name}” has not been accepted",
}
# A new space's own words (the others are suggestions and closure reports about a listed space).
NEW_SPACE_SUBJECTS = {
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
    new_space = obj is asset
    context = {
        "new_space": new_space,
        "name": asset.name,
        "reference": obj.pk,
        "kind": submission_kind(obj),
        "status_url": status_url(contact),
        "public_url": site_url(asset.get_absolute_url()) if asset.live else "",
        "reason": reason,
        "retention_days": settings.PERSONAL_DATA_RETENTION_DAYS,
    }
    body = render_to_string(f"assets_registry/email/{event}.txt", context)
    subjects = NEW_SPACE_SUBJECTS if new_space else SUBJECTS
    send_mail(subjects[event].format(**context), body, None, [contact.email])
