"""Moderators hear of submissions in their own areas, in one digest, never an e-mail per submission."""

from __future__ import annotations

import pytest

from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from assets_registry.models import ModeratorScope
from assets_registry.services import moderators_group
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderators():
    group = moderators_group()
    ealing = UserFactory(username="ealing-mod", email="ealing@example.org")
    essex = UserFactory(username="essex-mod", email="essex@example.org")
    for user in (ealing, essex):
        user.groups.add(group)
    ModeratorScope.objects.create(user=ealing, admin_district_code="E09000009", label="Ealing")
    essex_group = Group.objects.create(name="Essex moderators")
    essex.groups.add(essex_group)
    ModeratorScope.objects.create(group=essex_group, admin_county_code="E10000012", label="Essex")
    return {"ealing": ealing, "essex": essex}


def _submit(client, name, n):
    from tests.assets_registry.test_submissions import form_data

    data = form_data(name=name, address=f"{n} Pitshanger Lane")
    response = client.post(reverse("assets_registry:add"), data, REMOTE_ADDR=f"198.51.100.{n}")
    assert response.status_code == 302


def test_submissions_send_no_mail_at_once_and_one_digest_to_the_areas_moderator(
    client, gazetteer, moderators
):
    for n in range(3):
        _submit(client, f"Ealing choir {n}", n)
    assert mail.outbox == []  # Wagtail's per-submission e-mail is not sent for the registry

    call_command("send_moderation_digest")
    (digest,) = mail.outbox  # the Essex moderator has nothing in their area
    assert digest.to == ["ealing@example.org"]
    assert digest.subject == "3 new submissions to moderate"
    assert all(f"Ealing choir {n}" in digest.body for n in range(3))
    assert "resident@example.org" not in digest.body  # the submitter's e-mail stays in the admin

    mail.outbox.clear()
    call_command("send_moderation_digest")
    assert mail.outbox == []  # nothing new since the last digest
    _submit(client, "Ealing choir 4", 4)
    call_command("send_moderation_digest")
    (digest,) = mail.outbox
    assert "Ealing choir 4" in digest.body and "Ealing choir 0" not in digest.body
