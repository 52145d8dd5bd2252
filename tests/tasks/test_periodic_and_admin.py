"""Periodic work is queued by `enqueue_periodic`; queued, retried and failed tasks are visible to
superusers in the admin."""

import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from django.contrib.auth.models import Permission
from django.core.management import call_command

from tests.tasks import worker_tasks

pytestmark = pytest.mark.django_db


@pytest.mark.usefixtures("queued_backend")
def test_each_schedule_queues_its_tasks_for_the_worker(capsys):
    call_command("enqueue_periodic", "hourly")
    call_command("enqueue_periodic", "daily")

    queued = sorted(DBTaskResult.objects.values_list("task_path", "status"))
    assert queued == [
        ("connections.interviews_tasks.purge_expired_interviews", TaskResultStatus.READY),
        ("home.tasks.purge_personal_data", TaskResultStatus.READY),
        ("home.tasks.requeue_abandoned_tasks", TaskResultStatus.READY),
        ("home.tasks.send_moderation_digest", TaskResultStatus.READY),
    ]
    assert "Queued home.tasks.send_moderation_digest" in capsys.readouterr().out


def test_periodic_tasks_run_inline_without_a_worker(capsys):
    """Dev and tests keep the immediate backend: the same command runs the work at once."""
    call_command("enqueue_periodic", "daily")

    out = capsys.readouterr().out
    assert "home.tasks.purge_personal_data" in out
    assert "SUCCESSFUL" in out
    assert not DBTaskResult.objects.exists()


@pytest.mark.usefixtures("queued_backend")
def test_a_failed_task_shows_in_the_admin_with_its_traceback(tmp_path, admin_client):
    result = worker_tasks.fail_until.enqueue(str(tmp_path), succeed_on=99)
    DBTaskResult.objects.filter(pk=result.id).update(
        status=TaskResultStatus.FAILED,
        exception_class_path="builtins.RuntimeError",
        traceback="Traceback (most recent call last):\nRuntimeError: planned failure on run 3\n",
    )

    listing = admin_client.get("/django-admin/django_tasks_database/dbtaskresult/?status__exact=FAILED")
    detail = admin_client.get(f"/django-admin/django_tasks_database/dbtaskresult/{result.id}/change/")

    assert listing.status_code == 200
    assert "fail_until" in listing.text
    assert detail.status_code == 200
    assert "RuntimeError: planned failure on run 3" in detail.text


@pytest.mark.usefixtures("queued_backend")
def test_superusers_see_tasks_not_done_in_the_wagtail_report(tmp_path, admin_client):
    failed = worker_tasks.fail_until.enqueue(str(tmp_path), succeed_on=99)
    DBTaskResult.objects.filter(pk=failed.id).update(
        status=TaskResultStatus.FAILED,
        worker_ids=["w", "w", "w"],
        exception_class_path="builtins.RuntimeError",
    )
    done = worker_tasks.note_run.enqueue(str(tmp_path))
    DBTaskResult.objects.filter(pk=done.id).update(status=TaskResultStatus.SUCCESSFUL)
    worker_tasks.note_run.enqueue(str(tmp_path))  # queued

    page = admin_client.get("/admin/reports/tasks/")
    only_failed = admin_client.get("/admin/reports/tasks/?status=FAILED")

    assert page.status_code == 200
    assert page.text.count("Fail until") == 1 and page.text.count("Note run") == 1  # not the finished one
    assert "RuntimeError" in page.text
    assert f"/django-admin/django_tasks_database/dbtaskresult/{failed.id}/change/" in page.text
    assert "Fail until" in only_failed.text and "Note run" not in only_failed.text
    assert "Background tasks" in admin_client.get("/admin/").text


def test_the_task_report_is_for_superusers_only(client, django_user_model):
    editor = django_user_model.objects.create_user("editor", password="pw")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)

    assert client.get("/admin/reports/tasks/").status_code in (302, 403)
    assert "Background tasks" not in client.get("/admin/").text
