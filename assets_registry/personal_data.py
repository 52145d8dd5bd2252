"""Residents' contact details: recorded apart from their submissions, erased for good.

A resident may give an e-mail with a new space, a suggested edit or a closure report, so that a
moderator can ask a question and the resident hears back. It is stored in ``SubmitterContact``,
never on the space or suggestion, so Wagtail's revisions, log entries, exports and search indexes
never see it. It is erased:

* ``PERSONAL_DATA_RETENTION_DAYS`` (default 90) after the submission was decided (approved or
  rejected), by ``manage.py purge_personal_data`` (run it daily from cron);
* at once when the resident asks, through the link in their e-mail (``erase_by_token``);
* with its submission, when that is deleted.

Each erasure writes a log entry on the submission that holds no personal data ("contact details
erased", and why).
"""

from __future__ import annotations

import datetime as dt
import re
import secrets

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from wagtail.log_actions import log

from assets_registry.models import SubmitterContact

ERASED_ACTION = "cph.contact_erased"
TOKEN = re.compile(r"[A-Za-z0-9_-]{20,64}")


def contact_record(obj, email: str) -> SubmitterContact | None:
    email = (email or "").strip()
    if not email:
        return None
    return SubmitterContact.objects.create(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
        email=email,
        token=secrets.token_urlsafe(32),
    )


def contacts_for(obj):
    return SubmitterContact.objects.filter(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False), object_id=str(obj.pk)
    )


def contact_email(obj) -> str:
    contact = contacts_for(obj).order_by("-created_at").first()
    return contact.email if contact else ""


def contacts_decided(obj, *, when: dt.datetime | None = None) -> None:
    """The submission was approved or rejected: its contact's retention period starts."""
    contacts_for(obj).filter(decided_at__isnull=True).update(decided_at=when or timezone.now())


def contact_erase(contact: SubmitterContact, *, why: str) -> None:
    obj = contact.content_type.get_object_for_this_type(pk=contact.object_id) if _exists(contact) else None
    with transaction.atomic():
        contact.delete()
        if obj is not None:
            log(instance=obj, action=ERASED_ACTION, data={"why": why})


def _exists(contact: SubmitterContact) -> bool:
    model = contact.content_type.model_class()
    return model is not None and model._default_manager.filter(pk=contact.object_id).exists()


def contact_for_token(token: str) -> SubmitterContact | None:
    """The contact a resident's private link names; None for any other text (checked for the
    shape secrets.token_urlsafe makes before the database sees it: PostgreSQL refuses a NUL)."""
    if TOKEN.fullmatch(token or "") is None:
        return None
    return SubmitterContact.objects.filter(token=token).select_related("content_type").first()


def erase_by_token(token: str) -> bool:
    contact = contact_for_token(token)
    if contact is None:
        return False
    contact_erase(contact, why="the resident asked")
    return True


def purge_personal_data(*, now: dt.datetime | None = None) -> int:
    """Erase every contact past its retention period, and those whose submission is gone."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=settings.PERSONAL_DATA_RETENTION_DAYS)
    erased = 0
    for contact in SubmitterContact.objects.filter(decided_at__lte=cutoff).select_related("content_type"):
        contact_erase(contact, why=f"{settings.PERSONAL_DATA_RETENTION_DAYS} days after the decision")
        erased += 1
    for contact in SubmitterContact.objects.select_related("content_type").iterator():
        if not _exists(contact):
            contact.delete()  # the submission was deleted: nothing to log on
            erased += 1
    return erased
