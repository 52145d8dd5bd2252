"""The site's own work on the queue: a resident's space the geocoder could not place is retried
by the worker with backoff until the geocoder answers (in-process worker, ``--batch``)."""

import datetime as dt

import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from assets_registry.models import Asset
from tests.assets_registry.test_submissions import form_data
from tests.geocoding.nominatim_server import EALING_BROADWAY

# transaction=True: the worker closes and reopens its connection between tasks, as it does in production.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("queued_backend")]


def run_queue() -> None:
    call_command(
        "task_worker", batch=True, reload=False, startup_delay=False, worker_id="in-test", verbosity=0
    )


def test_an_unplaced_space_is_retried_with_backoff_until_the_geocoder_answers(
    client, gazetteer, geocoder_down, settings
):
    settings.TASK_RETRY_DELAY = 30
    response = client.post(reverse("assets_registry:add"), form_data(postcode="W5 5AA"))
    assert response.status_code == 302
    asset = Asset.objects.get()
    queued = DBTaskResult.objects.get(task_path="assets_registry.tasks.geocode_asset")
    assert queued.status == TaskResultStatus.READY and queued.args_kwargs["args"] == [asset.pk]

    run_queue()  # the geocoder is down: the task raises and waits 30 s for its second run
    queued.refresh_from_db()
    assert queued.status == TaskResultStatus.READY and len(queued.worker_ids) == 1
    assert dt.timedelta(seconds=25) < queued.run_after - timezone.now() <= dt.timedelta(seconds=30)
    assert "StillNotPlaced" in queued.traceback
    run_queue()  # not yet due: nothing runs
    queued.refresh_from_db()
    assert len(queued.worker_ids) == 1

    geocoder_down.mode, geocoder_down.answer = "ok", EALING_BROADWAY
    # 30 s later: the retry is due, and the geocoder's memory of the failure has expired.
    DBTaskResult.objects.filter(pk=queued.pk).update(run_after=timezone.now())
    cache.clear()
    run_queue()

    queued.refresh_from_db()
    assert queued.status == TaskResultStatus.SUCCESSFUL and len(queued.worker_ids) == 2
    asset.refresh_from_db()
    assert not asset.needs_geocoding and (asset.latitude, asset.longitude) == (51.5148, -0.3017)
