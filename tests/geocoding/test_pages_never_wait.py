"""A hanging or failing online geocoder never holds a page: pages read its cache, lookups are
queued for a worker, failures are remembered, and a circuit breaker stops asking a dead service."""

from __future__ import annotations

import time

import pytest
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends

from geocoding import services
from geocoding.exceptions import GeocodingPending, GeocodingUnavailable

pytestmark = pytest.mark.django_db

QUEUED = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def queued_tasks(settings):
    """A task backend that queues (django-tasks' dummy backend keeps what was enqueued)."""
    settings.TASKS = QUEUED
    backend = task_backends[DEFAULT_TASK_BACKEND_ALIAS]
    backend.clear()
    return backend


@pytest.fixture
def hanging(online_geocoder):
    """The online geocoder's host accepts connections and answers only after the timeout."""
    online_geocoder.mode = "slow"
    online_geocoder.delay = 3.0  # GEOCODER_TIMEOUT is 0.5 s in tests
    return online_geocoder


def test_a_page_asks_the_cache_only_and_queues_one_lookup(gazetteer, hanging, queued_tasks):
    for _ in range(3):
        with pytest.raises(GeocodingPending, match="looking up “Atlantis” online"):
            services.geocode("Atlantis")
    assert hanging.requests == []  # nothing waited on the hanging server
    (queued,) = queued_tasks.results
    assert queued.task.name == "look_up_online" and queued.args == ["Atlantis", None]


def test_the_worker_fills_the_cache_that_pages_read(gazetteer, online_geocoder, queued_tasks):
    with pytest.raises(GeocodingPending):
        services.geocode("10 Downing Street, London")
    (queued,) = queued_tasks.results
    queued.task.call(*queued.args)  # what the worker does
    assert services.geocode("10 Downing Street, London").source == "nominatim"
    assert len(online_geocoder.searches()) == 1


def test_without_a_worker_a_page_never_goes_online(gazetteer, hanging):
    # The default immediate backend would run a queued lookup inside the request: none is queued.
    started = time.monotonic()
    with pytest.raises(GeocodingUnavailable, match="online lookups are off"):
        services.geocode("Atlantis")
    assert hanging.requests == []
    assert time.monotonic() - started < 0.5  # (far below the server's 3 s: it was never asked)


def test_find_a_space_answers_with_the_geocoder_hanging(client, gazetteer, hanging, queued_tasks):
    page = client.get("/spaces/", {"location": "Atlantis"})
    assert page.status_code == 400  # the location field's message, as for any place not found yet
    assert "looking up “Atlantis” online" in page.content.decode()
    assert hanging.requests == []


def test_a_failure_is_remembered_and_the_breaker_opens(gazetteer, online_geocoder, settings):
    settings.GEOCODER_BREAKER_FAILURES = 2
    online_geocoder.mode = "error"
    for place in ("Atlantis", "Atlantis", "El Dorado", "Shangri-La", "Lyonesse"):
        with pytest.raises(GeocodingUnavailable):
            services.geocode(place, wait=True)
    # Atlantis once (then remembered), El Dorado: the second failure opens the circuit; the rest
    # are not sent at all.
    assert [r["params"]["q"] for r in online_geocoder.searches()] == ["Atlantis", "El Dorado"]
