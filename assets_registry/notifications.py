"""Moderators hear of residents' submissions in their own areas, in a digest, never one e-mail each.

Wagtail e-mails every member of a group approval task's groups on every submission: a burst of
submissions from one resident would become a burst of e-mails to every moderator, about areas
that are not theirs. For the registry's ``AreaApprovalTask`` that e-mail is not sent; instead
``send_moderation_digests`` (``manage.py send_moderation_digest``, e.g. hourly from cron) sends each
moderator one e-mail listing what arrived in their areas since their last digest. Other workflows
(case studies) keep Wagtail's own notification.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from wagtail.admin.mail import GroupApprovalTaskStateSubmissionEmailNotifier
from wagtail.models import TaskState

from assets_registry.models import AreaApprovalTask, ModerationDigestMark, ModeratorScope


class SubmissionNotifier(GroupApprovalTaskStateSubmissionEmailNotifier):
    """Wagtail's submission e-mail for every group approval task except the registry's."""

    def can_handle(self, instance, **kwargs):
        return super().can_handle(instance, **kwargs) and not isinstance(
            instance.task.specific, AreaApprovalTask
        )


submission_notifier = SubmissionNotifier()


@dataclass(frozen=True)
class DigestItem:
    title: str
    kind: str
    area: str
    submitted: dt.datetime
    url: str


def _recipients():
    group_ids = AreaApprovalTask.objects.filter(active=True).values_list("groups", flat=True)
    moderators = Q(groups__in=group_ids)
    if getattr(settings, "WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS", True):
        moderators |= Q(is_superuser=True)
    users = get_user_model().objects.filter(moderators, is_active=True).exclude(email="").distinct()
    return [user for user in users if _wants_notifications(user)]


def _wants_notifications(user) -> bool:
    from wagtail.users.models import UserProfile

    return UserProfile.get_for_user(user).submitted_notifications


def _item(task_state: TaskState) -> DigestItem | None:
    obj = task_state.workflow_state.content_object
    if obj is None:
        return None
    asset = getattr(obj, "asset", obj)  # a suggestion is about a space
    admin_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return DigestItem(
        title=str(obj),
        kind=obj._meta.verbose_name,
        area=asset.admin_district_name or asset.admin_county_name,
        submitted=task_state.started_at,
        url=admin_url + reverse(obj.snippet_viewset.get_url_name("edit"), args=[obj.pk]),
    )


def moderation_digest_items(user, *, since: dt.datetime | None, until: dt.datetime) -> list[DigestItem]:
    """Registry submissions still awaiting moderation that arrived in ``user``'s areas in the window."""
    task_states = TaskState.objects.filter(
        status=TaskState.STATUS_IN_PROGRESS,
        task__in=AreaApprovalTask.objects.all(),
        started_at__lte=until,
    ).select_related("workflow_state")
    if since is not None:
        task_states = task_states.filter(started_at__gt=since)
    task_states = ModeratorScope.objects.task_states_in_scope(task_states, user).order_by("started_at")
    return [item for item in map(_item, task_states) if item is not None]


def send_moderation_digests(*, now: dt.datetime | None = None) -> int:
    """One e-mail to each moderator with something new in their areas; how many were sent."""
    now = now or timezone.now()
    sent = 0
    admin_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    for user in _recipients():
        mark = ModerationDigestMark.objects.filter(user=user).first()
        items = moderation_digest_items(user, since=mark.sent_until if mark else None, until=now)
        if items:
            areas = ModeratorScope.objects.areas_for(user)
            one_area = areas is not None and len(areas.district_codes | areas.county_codes) == 1
            body = render_to_string(
                "assets_registry/email/moderation_digest.txt",
                {
                    "user": user,
                    "items": items,
                    "areas_plural": "" if one_area else "s",
                    "queue_url": admin_url + reverse("spaces-moderation:index"),
                    "settings_url": admin_url + reverse("wagtailadmin_account"),
                },
            )
            subject = f"{len(items)} new submission{'s' if len(items) != 1 else ''} to moderate"
            send_mail(subject, body, None, [user.email])
            sent += 1
        ModerationDigestMark.objects.update_or_create(user=user, defaults={"sent_until": now})
    return sent
