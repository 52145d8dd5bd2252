"""The trusted import's bulk path (importers.bulk, importers.search_index): the rows it inserts are
what the model would save, search finds them at once, and a failure mid-write leaves nothing."""

import datetime as dt
import math
import random

import pytest

from django.db import IntegrityError, connection

from wagtail.search.backends import get_search_backend, get_search_backends

from assets_registry.importers.base import _Grid
from assets_registry.importers.search_index import entry_texts, sqlite_plan
from assets_registry.importers.services import import_write
from assets_registry.models import Asset, OpeningHours
from assets_registry.search_backends.base import great_circle_m
from assets_registry.selectors import asset_search, filters_from_params
from tests.assets_registry.factories import AssetFactory

from .test_csv_importer import gla, simple, write

pytestmark = pytest.mark.django_db
DERIVED = ("category_mask", "third_space_mask", "grid_row", "search_keywords", "timezone", "country", "slug")


def test_bulk_rows_hold_what_a_save_would_write():
    result = gla(trusted=True).run(commit=True)
    assert result.created > 20
    assets = list(Asset.objects.filter(pk__in=result.saved_ids))
    assert len(assets) == result.created  # the loop below checks every row written
    for asset in assets:
        stored = {name: getattr(asset, name) for name in DERIVED}
        asset.refresh_derived_fields()
        assert {name: getattr(asset, name) for name in DERIVED} == stored
        assert asset.live and not asset.has_unpublished_changes
        assert asset.first_published_at == asset.last_published_at == asset.created_at
        assert isinstance(asset.categories, list) and asset.categories


def test_opening_hours_of_new_spaces_are_written(tmp_path):
    path = write(tmp_path, "id,name,lat,lon,postcode\nh1,Corner Hall,51.5,-0.1\n")
    importer = simple(path, trusted=True)
    importer.prepare()
    number, record = next(iter(importer.records()))
    candidate = importer.candidate(number, record)
    importer.clean(candidate)
    importer.locate(candidate)
    candidate.opening_hours = [(0, dt.time(9), dt.time(17)), (2, dt.time(10), dt.time(12))]
    candidate.action = "create"
    (pk,) = import_write(candidates=[candidate], source="partner", trusted=True)
    assert list(OpeningHours.objects.filter(asset_id=pk).values_list("weekday", "opens", "closes")) == [
        (0, dt.time(9), dt.time(17)),
        (2, dt.time(10), dt.time(12)),
    ]


def test_search_finds_spaces_right_after_a_bulk_import(tmp_path):
    rows = "\n".join(f"z{i},Quillfeather Rooms {i},51.{500 + i},-0.{100 + i}" for i in range(30))
    path = write(tmp_path, "id,name,lat,lon,postcode\n" + rows + "\n")
    result = simple(path, trusted=True).run(commit=True)
    assert result.created == 30
    wagtail_hits = get_search_backend().search("Quillfeather", Asset)
    assert {a.pk for a in wagtail_hits} == set(result.saved_ids)
    autocomplete = get_search_backend().autocomplete("Quillfeath", Asset)
    assert {a.pk for a in autocomplete} == set(result.saved_ids)
    page = asset_search(filters=filters_from_params({"q": "quillfeather"}), per_page=50)
    assert page.total == 30


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite index fast path")
def test_sqlite_index_entries_match_wagtails_own_indexer():
    from modelsearch.backends.database.sqlite.sqlite import ObjectIndexer

    result = gla(trusted=True).run(commit=True)
    backend = get_search_backend()
    search_index = backend.get_index_for_model(Asset)
    plan = sqlite_plan(search_index)
    assert plan is not None, "the fast path should apply to modelsearch's SQLite index"
    entries = {e.object_id: e for e in search_index.entries.filter(object_id__in=map(str, result.saved_ids))}
    assert result.created > 20 and len(entries) == result.created
    assets = list(Asset.objects.filter(pk__in=result.saved_ids))
    assert len(assets) == result.created
    for asset in assets:
        expected = ObjectIndexer(asset, backend)
        entry = entries[str(asset.pk)]
        assert (entry.title, entry.autocomplete, entry.body) == (
            expected.title,
            expected.autocomplete,
            expected.body,
        )
        values = {f.attname: getattr(asset, f.attname) for f in Asset._meta.concrete_fields}
        assert entry_texts(plan, values) == {
            "title": expected.title,
            "autocomplete": expected.autocomplete,
            "body": expected.body,
        }


def test_every_auto_updated_backend_is_covered():
    # Elasticsearch (when configured) and PostgreSQL's index take Wagtail's own add_bulk.
    backends = list(get_search_backends(with_auto_update=True))
    assert backends  # the database backend at least
    for backend in backends:
        search_index = backend.get_index_for_model(Asset)
        if connection.vendor == "sqlite" and "SQLite" in type(backend).__name__:
            assert sqlite_plan(search_index) is not None
        else:
            assert sqlite_plan(search_index) is None


def test_a_failure_mid_write_leaves_nothing(tmp_path):
    """A row the database refuses (here: an id the batch repeats, which the importer's own checks
    would have merged) rolls back every row, search entry and hour written before it."""
    path = write(tmp_path, "id,name,lat,lon,postcode\nr1,First Hall,51.5,-0.1\nr2,Second Hall,51.6,-0.2\n")
    importer = simple(path, trusted=True)
    importer.prepare()
    candidates = []
    for number, record in importer.records():
        candidate = importer.candidate(number, record)
        importer.clean(candidate)
        importer.locate(candidate)
        candidate.action = "create"
        candidates.append(candidate)
    candidates[1].source_id = candidates[0].source_id
    entries_before = get_search_backend().get_index_for_model(Asset).entries.count()
    with pytest.raises(IntegrityError):
        import_write(candidates=candidates, source="partner", trusted=True)
    assert Asset.objects.count() == 0
    assert get_search_backend().get_index_for_model(Asset).entries.count() == entries_before


def test_grid_finds_exactly_the_points_within_the_radius():
    rng = random.Random(3)
    points = [(51.5 + rng.random() * 0.02, -0.1 + rng.random() * 0.03) for _ in range(2000)]
    points += [(-33.9 + rng.random() * 0.01, 151.2 + rng.random() * 0.01) for _ in range(300)]
    points += [(69.6 + rng.random() * 0.01, 18.9 + rng.random() * 0.02) for _ in range(300)]
    grid = _Grid()
    for i, point in enumerate(points):
        grid.add(point, ("row", i, ""))
    for point in points[::37]:
        found = {ref for _kind, ref, _name, _distance in grid.near(point, 100)}
        expected = {i for i, other in enumerate(points) if great_circle_m(*point, *other) <= 100}
        assert found == expected
        distances = [d for *_item, d in grid.near(point, 100)]
        assert distances == sorted(distances) and all(math.isfinite(d) for d in distances)


def test_new_spaces_get_unique_slugs_beside_existing_ones(tmp_path):
    AssetFactory(name="Corner Hall", slug="corner-hall")
    rows = "\n".join(f"c{i},Corner Hall,51.{500 + 10 * i},-0.{100 + 10 * i}," for i in range(3))
    result = simple(write(tmp_path, "id,name,lat,lon,postcode\n" + rows + "\n"), trusted=True).run(
        commit=True
    )
    slugs = sorted(Asset.objects.filter(pk__in=result.saved_ids).values_list("slug", flat=True))
    assert slugs == ["corner-hall-2", "corner-hall-3", "corner-hall-4"]
