"""The find-a-space index stays in step with the registry, and rebuilds swap with no downtime."""

import io

import pytest

from django.core.management import CommandError, call_command

from assets_registry.models import Asset, OpeningHours
from assets_registry.selectors import AssetFilters, asset_search
from assets_registry.signals import spaces_changed
from tests.assets_registry.factories import AssetFactory

pytestmark = pytest.mark.django_db


def names(**filters) -> list[str]:
    return [asset.name for asset, _d in asset_search(filters=AssetFilters(**filters)).hits]


def test_publish_edit_unpublish_and_delete_reach_the_index(
    search_backend, django_capture_on_commit_callbacks
):
    search_backend.index(pages=False)  # an empty index, as on a new site

    with django_capture_on_commit_callbacks(execute=True):
        hall = AssetFactory(name="Northfields Hall", description="Tea dances on Tuesdays")
    search_backend.refresh()
    assert names(text="tea dance") == ["Northfields Hall"]

    with django_capture_on_commit_callbacks(execute=True):
        draft = AssetFactory(name="Draft Tea Room", live=False)
    search_backend.refresh()
    assert names(text="tea") == ["Northfields Hall"]  # a draft is never indexed

    # An edit published through a revision, as the admin does it.
    hall.description = "Salsa classes on Fridays"
    with django_capture_on_commit_callbacks(execute=True):
        hall.save_revision().publish()
    search_backend.refresh()
    assert names(text="tea") == [] and names(text="salsa") == ["Northfields Hall"]

    # A draft edit of a live space changes nothing public.
    hall.description = "Knitting circle"
    with django_capture_on_commit_callbacks(execute=True):
        hall.save_revision()
    search_backend.refresh()
    assert names(text="knitting") == [] and names(text="salsa") == ["Northfields Hall"]

    with django_capture_on_commit_callbacks(execute=True):
        Asset.objects.get(pk=hall.pk).unpublish()
    search_backend.refresh()
    assert names(text="salsa") == []

    with django_capture_on_commit_callbacks(execute=True):
        draft.save_revision().publish()
    search_backend.refresh()
    assert names(text="tea") == ["Draft Tea Room"]

    with django_capture_on_commit_callbacks(execute=True):
        Asset.objects.get(pk=draft.pk).delete()
    search_backend.refresh()
    assert names(text="tea") == [] and asset_search(filters=AssetFilters()).total == 0


def test_direct_saves_and_opening_hours_reach_the_index(search_backend, django_capture_on_commit_callbacks):
    import datetime as dt
    import zoneinfo

    with django_capture_on_commit_callbacks(execute=True):  # each change commits, as in production
        hall = AssetFactory(name="Acton Hall", status="active")
    search_backend.index(pages=False)
    monday_noon = dt.datetime(2025, 3, 3, 12, tzinfo=zoneinfo.ZoneInfo("Europe/London"))
    assert names(open_now=True, at=monday_noon) == []

    with django_capture_on_commit_callbacks(execute=True):
        OpeningHours.objects.create(asset=hall, weekday=0, opens=dt.time(10), closes=dt.time(14))
    search_backend.refresh()
    assert names(open_now=True, at=monday_noon) == ["Acton Hall"]

    # An importer or the geocoder saving the live row directly.
    with django_capture_on_commit_callbacks(execute=True):
        hall.status = "closed"
        hall.save()
    search_backend.refresh()
    assert names() == [] and names(include_closed=True) == ["Acton Hall"]


def test_many_changes_in_one_transaction_are_one_sync(search_backend, django_capture_on_commit_callbacks):
    search_backend.index(pages=False)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        for i in range(5):
            AssetFactory(name=f"Hall {i}")
    sent = []

    def listener(sender, ids, **kwargs):
        sent.append(ids)

    spaces_changed.connect(listener, weak=False)
    try:
        for callback in callbacks:  # what the commit runs
            callback()
    finally:
        spaces_changed.disconnect(listener)
    assert len(sent) == 1 and len(sent[0]) == 5  # one change event (one index sync) for the five
    search_backend.refresh()
    assert len(names()) == 5


def test_a_bulk_import_reaches_the_index_by_itself(
    search_backend, tmp_path, django_capture_on_commit_callbacks
):
    search_backend.index(pages=False)  # the index as it was before the import
    rows = "".join(f"q{i},Quillfeather Rooms {i},51.51{i},-0.30{i}\n" for i in range(12))
    path = tmp_path / "partner.csv"
    path.write_text("id,name,lat,lon\n" + rows, encoding="utf-8")
    flags = ["--id-column", "id", "--lat-column", "lat", "--lon-column", "lon", "--source", "partner"]
    with django_capture_on_commit_callbacks(execute=True):  # the import commits: no manual command
        call_command(
            "import_csv", str(path), *flags, "--trusted", "--commit", "--no-progress", stdout=io.StringIO()
        )
    search_backend.refresh()
    assert sorted(names(text="quillfeather")) == sorted(f"Quillfeather Rooms {i}" for i in range(12))


def test_rebuild_swaps_the_alias_atomically_and_drops_the_old_index(elasticsearch_backend):
    from assets_registry.search_backends import elasticsearch_index as asset_index
    from assets_registry.search_backends.documents import iter_sources

    AssetFactory(name="Old Hall")
    elasticsearch_backend.index(pages=False)
    first = asset_index.live_indexes()
    assert len(first) == 1 and first[0].startswith(asset_index.alias_name() + "-")

    AssetFactory(name="New Hall")
    seen_during_build = []

    def sources():
        for item in iter_sources():
            # Mid-build, searches still answer from the old, complete index.
            seen_during_build.append(names())
            yield item

    result = asset_index.rebuild(progress=False, sources=sources)
    assert seen_during_build and all(seen == ["Old Hall"] for seen in seen_during_build)
    assert result.indexed == 2 and result.removed == first
    assert asset_index.live_indexes() == [result.index] == asset_index.all_indexes()
    assert names() == ["New Hall", "Old Hall"]


def test_changes_during_a_rebuild_reach_both_indexes(
    elasticsearch_backend, django_capture_on_commit_callbacks
):
    from assets_registry.search_backends import elasticsearch_index as asset_index
    from assets_registry.search_backends.documents import iter_sources

    with django_capture_on_commit_callbacks(execute=True):
        hall = AssetFactory(name="Southall Hall", description="Bhangra")
    elasticsearch_backend.index(pages=False)

    def sources():
        items = list(iter_sources())  # the build reads the old description ...
        hall.description = "Bollywood dance"
        with django_capture_on_commit_callbacks(execute=True):
            hall.save()  # ... a change lands mid-build (sync writes the live AND the new index) ...
        yield from items  # ... and the build's older copy must not overwrite it.

    asset_index.rebuild(progress=False, sources=sources)
    elasticsearch_backend.refresh()
    assert names(text="bollywood") == ["Southall Hall"] and names(text="bhangra") == []


def test_rebuild_command(elasticsearch_backend):
    AssetFactory(name="Hanwell Hall")
    out = io.StringIO()
    call_command("rebuild_asset_index", "--no-progress", stdout=out)
    assert "Indexed 1 spaces" in out.getvalue()
    assert names() == ["Hanwell Hall"]


def test_rebuild_command_without_elasticsearch_says_so(settings):
    settings.ELASTICSEARCH_URL = ""
    with pytest.raises(CommandError, match="ELASTICSEARCH_URL is not set"):
        call_command("rebuild_asset_index", stdout=io.StringIO())


def test_pages_past_the_result_window(search_backend, monkeypatch):
    from assets_registry.search_backends import elasticsearch

    monkeypatch.setattr(elasticsearch, "RESULT_WINDOW", 7)  # step with search_after sooner
    for i in range(23):
        AssetFactory(name=f"Hall {i:02d}")
    search_backend.index(pages=False)
    for page in (1, 2, 3, 4, 5):
        result = asset_search(filters=AssetFilters(), page=page, per_page=5)
        assert [a.name for a, _ in result.hits] == [
            f"Hall {i:02d}" for i in range((page - 1) * 5, min(23, page * 5))
        ]
        assert result.total == 23
    assert asset_search(filters=AssetFilters(), page=6, per_page=5).hits == []
