"""Residents hear back: a receipt with their reference and a private status link, then the
decision (the public link, or the moderator's reason); the status page; erasing from it."""

from __future__ import annotations

import re

import pytest

from django.core import mail
from django.urls import reverse

from assets_registry.models import Asset, SubmitterContact
from assets_registry.services import moderation_workflow
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
EMAIL = "resident@example.org"


def _submit(client):
    from tests.assets_registry.test_submissions import form_data

    moderation_workflow()
    response = client.post(reverse("assets_registry:add"), form_data(submitter_email=EMAIL))
    assert response.status_code == 302
    return Asset.objects.get()


def _status_link(message) -> str:
    return re.search(r"http://testserver(/spaces/submissions/[^/\s]+/)", message.body).group(1)


def _decide(asset, action, comment=""):
    moderator = UserFactory(username="moderator", is_superuser=True, is_staff=True)
    task_state = asset.current_workflow_task_state
    asset.current_workflow_task.on_action(task_state, moderator, action, comment=comment)


def test_receipt_status_and_approval(client, gazetteer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        asset = _submit(client)
    (receipt,) = mail.outbox
    assert receipt.to == [EMAIL]
    assert receipt.subject == f"We have received “Pitshanger Community Choir” (reference {asset.pk})"
    status = client.get(_status_link(receipt)).content.decode()
    assert "Waiting for a moderator" in status and str(asset.pk) in status

    with django_capture_on_commit_callbacks(execute=True):
        _decide(asset, "approve")
    approved = mail.outbox[1]
    assert approved.subject == "“Pitshanger Community Choir” is now on the map"
    assert "http://testserver" + Asset.objects.get().get_absolute_url() in approved.body
    assert "Approved and published" in client.get(_status_link(receipt)).content.decode()


def test_rejection_gives_the_reason_and_erasing_ends_the_link(
    client, gazetteer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        asset = _submit(client)
        _decide(asset, "reject", comment="It is a private members' club, not open to the public.")
    rejected = mail.outbox[1]
    assert rejected.subject == "“Pitshanger Community Choir” has not been published"
    assert "It is a private members' club" in rejected.body
    link = _status_link(rejected)
    page = client.get(link).content.decode()
    assert "Not published" in page and "a private members" in page

    page = client.post(link, {"erase": "1"}).content.decode()
    assert "We have erased your e-mail address" in page
    assert not SubmitterContact.objects.exists()
    assert client.get(link).status_code == 404


def test_no_email_no_mail_and_odd_links_are_404(client, gazetteer):
    from tests.assets_registry.test_submissions import form_data

    moderation_workflow()
    client.post(reverse("assets_registry:add"), form_data(submitter_email=""))
    assert mail.outbox == []
    for token in ("nope", "%00", "a" * 300, "'; drop table x; --", "a" * 43 + "%00"):
        assert client.get(f"/spaces/submissions/{token}/").status_code == 404
        assert client.post(f"/spaces/submissions/{token}/", {"erase": "1"}).status_code == 200


def test_a_moderator_rejects_with_a_reason_from_the_editors_list(
    client, gazetteer, django_capture_on_commit_callbacks
):
    from assets_registry.models import RejectionReason

    with django_capture_on_commit_callbacks(execute=True):
        asset = _submit(client)
    reason, _ = RejectionReason.objects.get_or_create(  # a starter reason (unless a test flushed it)
        label="Not a community space", defaults={"explanation": "As far as we can tell it is not one."}
    )
    moderator = UserFactory(username="moderator", is_superuser=True, is_staff=True)
    client.force_login(moderator)
    task_state = asset.current_workflow_task_state
    url = reverse(
        asset.snippet_viewset.get_url_name("workflow_action"), args=[asset.pk, "reject", task_state.pk]
    )
    form = client.get(url).content.decode()
    assert "Not a community space" in form and "Note for the resident" in form
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"reason": reason.pk, "comment": "It meets in a private house."})
    rejected = mail.outbox[-1]
    assert rejected.subject == "“Pitshanger Community Choir” has not been published"
    assert reason.explanation in rejected.body and "It meets in a private house." in rejected.body
    asset.refresh_from_db()
    assert not asset.live


def test_a_suggestion_gets_its_own_words(client, gazetteer, django_capture_on_commit_callbacks):
    from assets_registry.services import suggestion_submit
    from tests.assets_registry.factories import AssetFactory

    moderation_workflow()
    space = AssetFactory(name="Ealing Green Church")
    with django_capture_on_commit_callbacks(execute=True):
        suggestion = suggestion_submit(
            asset=space, proposed_changes={"phone": "020 8567 0000"}, submitter_email=EMAIL
        )
    (receipt,) = mail.outbox
    assert (
        receipt.subject
        == f"We have received your suggested edit about “Ealing Green Church” (reference {suggestion.pk})"
    )
    with django_capture_on_commit_callbacks(execute=True):
        _decide(suggestion, "approve")
    assert mail.outbox[1].subject == "Your suggested edit about “Ealing Green Church” has been approved"
    assert "updated its page" in mail.outbox[1].body and space.get_absolute_url() in mail.outbox[1].body
