"""A resident's e-mail lives in one row, apart from the submission, and erased means gone: no
revision, log entry, export, API answer or search index keeps it (the whole database is searched)."""

from __future__ import annotations

import datetime as dt

import pytest

from django.core.management import call_command
from django.db import DatabaseError, connection
from django.urls import reverse
from django.utils import timezone

from wagtail.models import ModelLogEntry

from assets_registry.models import Asset, SubmitterContact
from assets_registry.personal_data import ERASED_ACTION, contact_email, erase_by_token
from assets_registry.services import moderation_workflow
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)
EMAIL = "nadia.private@example.org"


def tables_holding(text: str) -> set[str]:
    """Every table (search indexes and Wagtail's own included) with a row that contains ``text``."""
    found = set()
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(include_views=False):
            quoted = connection.ops.quote_name(table)
            try:
                cursor.execute(f"SELECT * FROM {quoted}")  # table names from introspection
            except DatabaseError:  # an FTS shadow table that cannot be read directly
                continue
            if any(text in repr(row) for row in cursor.fetchall()):
                found.add(table)
    return found


def _submit_and_approve(client):
    from tests.assets_registry.test_submissions import form_data

    assert client.post(reverse("assets_registry:add"), form_data(submitter_email=EMAIL)).status_code == 302
    asset = Asset.objects.get()
    admin = UserFactory(username="moderator", is_superuser=True, is_staff=True)
    asset.current_workflow_task.on_action(asset.current_workflow_task_state, admin, "approve")
    asset.refresh_from_db()
    assert asset.live
    return asset


def test_the_email_is_only_in_its_own_row_and_erased_after_the_retention_period(client, gazetteer, settings):
    moderation_workflow()
    asset = _submit_and_approve(client)
    assert contact_email(asset) == EMAIL
    assert tables_holding(EMAIL) == {SubmitterContact._meta.db_table}  # not in revisions, logs, indexes
    exports = ("/spaces.csv", "/spaces/export.geojson", "/api/v1/spaces", "/api/hsds/services")
    for url in (*exports, asset.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert EMAIL not in body.decode(), url

    call_command("purge_personal_data")  # decided today: kept for the retention period
    assert contact_email(asset) == EMAIL
    SubmitterContact.objects.update(
        decided_at=timezone.now() - dt.timedelta(days=settings.PERSONAL_DATA_RETENTION_DAYS + 1)
    )
    call_command("purge_personal_data")
    assert tables_holding(EMAIL) == set()
    erased = ModelLogEntry.objects.get(action=ERASED_ACTION)
    assert erased.object_id == str(asset.pk) and EMAIL not in repr(erased.data)


def test_the_resident_erases_it_with_their_token(client, gazetteer):
    moderation_workflow()
    from tests.assets_registry.test_submissions import form_data

    client.post(reverse("assets_registry:add"), form_data(submitter_email=EMAIL))
    token = SubmitterContact.objects.get().token
    assert not erase_by_token("not-a-token")
    assert erase_by_token(token)
    assert tables_holding(EMAIL) == set()
    assert not erase_by_token(token)
