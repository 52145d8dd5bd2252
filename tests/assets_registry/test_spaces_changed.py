"""The registry's one change event: ``spaces_changed`` is sent once per committed transaction with
every space changed in it, never for a rolled-back change, and for every kind of write.

These tests commit for real (``transaction=True``): on-commit callbacks run as in production."""

import datetime as dt

import pytest

from django.db import transaction

from assets_registry.models import Asset, AssetSuggestion, OpeningHours
from assets_registry.services import asset_upsert_published, suggestion_submit
from assets_registry.signals import spaces_changed, spaces_changed_on_commit

from .factories import AssetFactory

pytestmark = pytest.mark.django_db(transaction=True)


class Rollback(Exception):
    pass


@pytest.fixture
def sent():
    """Every ``spaces_changed`` sent during the test, as a list of id sets."""
    received: list[frozenset[int]] = []

    def listener(sender, ids, **kwargs):
        assert sender is Asset
        received.append(ids)

    spaces_changed.connect(listener, weak=False)
    yield received
    spaces_changed.disconnect(listener)


def test_one_signal_per_transaction_with_every_change_in_it(sent):
    with transaction.atomic():
        first = AssetFactory(name="First")  # saves and publishes: several model signals
        with transaction.atomic():  # a savepoint, released
            second = AssetFactory(name="Second")
        spaces_changed_on_commit([999_999])
        assert sent == []  # nothing before the commit
    assert sent == [frozenset({first.pk, second.pk, 999_999})]


def test_rolled_back_changes_are_never_sent(sent):
    with pytest.raises(Rollback), transaction.atomic():
        AssetFactory(name="Never")
        raise Rollback
    assert sent == []

    with transaction.atomic():
        kept = AssetFactory(name="Kept")
        with pytest.raises(Rollback), transaction.atomic():
            dropped = AssetFactory(name="Dropped")
            raise Rollback
    assert sent == [frozenset({kept.pk})]
    assert dropped.pk not in sent[0]


def test_outside_a_transaction_it_is_sent_at_once(sent):
    spaces_changed_on_commit([7, None])
    assert sent == [frozenset({7})]


def test_every_kind_of_write_reaches_it(sent):
    hall = AssetFactory(name="Hall")
    assert sent[-1] == {hall.pk}

    sent.clear()  # opening hours edited on their own
    OpeningHours.objects.create(asset=hall, weekday=0, opens=dt.time(9), closes=dt.time(17))
    assert sent == [{hall.pk}]

    sent.clear()  # a resident's closure report, applied when the moderator approves it
    report = suggestion_submit(asset=hall, kind=AssetSuggestion.KIND_CLOSURE)
    assert sent == []  # a report awaiting moderation changes nothing public
    report.save_revision().publish()
    assert {hall.pk} in sent and Asset.objects.get(pk=hall.pk).status == "closed"

    sent.clear()  # an import's create, then update
    imported, _ = asset_upsert_published(data_source="partner", source_id="h1", fields={"name": "Imported"})
    asset_upsert_published(data_source="partner", source_id="h1", fields={"name": "Imported, renamed"})
    assert sent == [{imported.pk}, {imported.pk}]

    sent.clear()  # unpublished (Wagtail saves, then signals: not one transaction)
    Asset.objects.get(pk=hall.pk).unpublish()
    assert sent and all(ids == {hall.pk} for ids in sent)

    sent.clear()  # deleted
    Asset.objects.get(pk=hall.pk).delete()
    assert sent == [{hall.pk}]


def test_bookkeeping_saves_send_nothing(sent):
    hall = AssetFactory(name="Hall")
    sent.clear()
    hall.locked = True
    hall.save(update_fields=["locked"])
    hall.needs_geocoding = True
    hall.save(update_fields=["needs_geocoding"])
    assert sent == []
    hall.status = "closed"
    hall.save(update_fields=["status"])
    assert sent == [{hall.pk}]


def test_a_failing_listener_neither_breaks_the_write_nor_the_other_listeners(sent, caplog):
    def broken(sender, ids, **kwargs):
        raise RuntimeError("listener down")

    spaces_changed.connect(broken, weak=False, dispatch_uid="broken-for-test")
    try:
        hall = AssetFactory(name="Hall")
    finally:
        spaces_changed.disconnect(dispatch_uid="broken-for-test")
    assert Asset.objects.filter(pk=hall.pk, live=True).exists()
    assert sent[-1] == {hall.pk}
    assert "listener down" in caplog.text
