"""Limits that hold: the submission limit under a synchronised burst and behind proxies, the
honeypot, and repeats of submissions awaiting moderation."""

from __future__ import annotations

import threading

import pytest

from django.db import close_old_connections, connection
from django.test import Client, RequestFactory
from django.urls import reverse

from assets_registry.models import Asset, RateWindow
from assets_registry.spam import client_address

BURST = 24


def _post_at_once(n: int, data_for, address_for) -> list[int]:
    """n resident submissions released together, each on its own thread and connection; the
    answers' statuses (a submission that raised has none)."""
    barrier = threading.Barrier(n)
    statuses: list[int] = []
    lock = threading.Lock()

    def submit(i: int):
        try:
            client = Client(REMOTE_ADDR=address_for(i))
            barrier.wait()
            status = client.post(reverse("assets_registry:add"), data_for(i)).status_code
            with lock:
                statuses.append(status)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=submit, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


@pytest.mark.django_db(transaction=True)
def test_a_synchronised_burst_gets_exactly_the_limit(gazetteer, settings):
    from tests.assets_registry.test_submissions import form_data

    settings.ASSET_SUBMISSION_RATE_LIMIT = 5
    statuses = _post_at_once(
        BURST,
        lambda i: form_data(name=f"Burst choir {i}", address=f"{i} Pitshanger Lane"),
        lambda _i: "203.0.113.7",  # one resident's address
    )
    assert sorted(set(statuses)) == [302, 429], statuses
    assert statuses.count(302) == 5
    assert Asset.objects.filter(name__startswith="Burst choir").count() == 5
    assert RateWindow.objects.get().count == 5


@pytest.mark.django_db
def test_a_form_with_errors_gives_its_slot_back(client, gazetteer, settings):
    from tests.assets_registry.test_submissions import form_data

    settings.ASSET_SUBMISSION_RATE_LIMIT = 1
    assert client.post(reverse("assets_registry:add"), form_data(name="")).status_code == 400
    assert client.post(reverse("assets_registry:add"), form_data()).status_code == 302
    assert client.post(reverse("assets_registry:add"), form_data(name="Another")).status_code == 429


@pytest.mark.django_db
def test_the_honeypot_uses_a_slot_and_keeps_nothing(client, gazetteer, settings):
    from tests.assets_registry.test_submissions import form_data

    settings.ASSET_SUBMISSION_RATE_LIMIT = 1
    assert client.post(reverse("assets_registry:add"), form_data(organisation_fax="x")).status_code == 302
    assert client.post(reverse("assets_registry:add"), form_data()).status_code == 429
    assert not Asset.objects.exists()


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "198.51.100.1", "10.0.0.2"),  # no proxy of ours: a client's header is ignored
        (1, "198.51.100.1", "198.51.100.1"),
        (1, "6.6.6.6, 198.51.100.1", "198.51.100.1"),  # the client forged the left entry
        (2, "6.6.6.6, 198.51.100.1, 10.0.0.3", "198.51.100.1"),
        (2, "198.51.100.1", "10.0.0.2"),  # came round our outer proxy: its peer is all we know
        (1, "not-an-address", "10.0.0.2"),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_the_client_address_behind_trusted_proxies(settings, proxies, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == expected


@pytest.mark.django_db
def test_the_same_form_sent_twice_makes_one_draft(client, gazetteer):
    from tests.assets_registry.test_submissions import form_data

    for _ in range(2):
        assert client.post(reverse("assets_registry:add"), form_data()).status_code == 302
    assert Asset.objects.count() == 1


@pytest.mark.django_db
def test_a_look_alike_of_a_pending_submission_is_kept_for_the_moderator_unseen(client, gazetteer):
    from tests.assets_registry.test_submissions import form_data

    client.post(reverse("assets_registry:add"), form_data(submitter_email="first@example.org"))
    other = Client(REMOTE_ADDR="198.51.100.20")
    response = other.post(
        reverse("assets_registry:add"),
        form_data(name="Pitshanger Community Choir (Ealing)", submitter_email="second@example.org"),
    )
    # The second resident is told nothing about the first, unpublished submission.
    assert response.status_code == 302
    thanks = other.get(response.url).content.decode()
    assert "second" not in thanks and "first@example.org" not in thanks
    first, second = Asset.objects.order_by("pk")
    assert second.possible_duplicate_of == first and second.duplicate_reasons


def _concurrency() -> int:
    """100 at once; on PostgreSQL no more than its connection limit leaves room for."""
    if connection.vendor != "postgresql":
        return 100
    with connection.cursor() as cursor:
        cursor.execute("SHOW max_connections")
        return min(100, int(cursor.fetchone()[0]) - 10)


@pytest.mark.django_db(transaction=True)
def test_a_hundred_concurrent_adds_all_succeed(gazetteer, settings):
    """Each from its own address: none may fail with "database is locked" (or anything else)."""
    from tests.assets_registry.test_submissions import form_data

    settings.ASSET_SUBMISSION_RATE_LIMIT = 1000
    n = _concurrency()
    statuses = _post_at_once(
        n,
        lambda i: form_data(name=f"Crowd choir {i}", address=f"{i} Crowd Lane", submitter_email=""),
        lambda i: f"198.51.{i // 250}.{i % 250 + 1}",
    )
    assert statuses.count(302) == n, sorted(set(statuses))
    assert Asset.objects.filter(name__startswith="Crowd choir").count() == n


@pytest.mark.django_db
@pytest.mark.parametrize("postcode", ["hello world", "W5 2H", "Ealing"])
def test_with_a_pin_the_postcode_must_still_be_one(client, gazetteer, postcode):
    from tests.assets_registry.test_submissions import form_data

    data = form_data(postcode=postcode, latitude="51.5136", longitude="-0.3046")
    response = client.post(reverse("assets_registry:add"), data)
    assert response.status_code == 400 and not Asset.objects.exists()
    assert "postcode" in response.content.decode().lower()
    data["postcode"] = ""
    assert client.post(reverse("assets_registry:add"), data).status_code == 302
