"""The find-a-space index in Elasticsearch: its name, a zero-downtime rebuild, and keeping it in
step with the database.

Readers and writers go through the alias ``<ELASTICSEARCH_INDEX_PREFIX>_assets``. Every build
is a new index ``<alias>-<UTC timestamp>`` (a hyphen: Wagtail's own index names,
``<prefix>_<app>_<model>``, never contain one). ``rebuild()`` fills it with the bulk helpers
(replicas off and refresh paused while it loads), then moves the alias to it and drops the old
index in ONE ``_aliases`` call, so searches never see a missing or half-built index.

While a rebuild runs, ``sync()`` writes every change to the live index AND to the one being
built, and the build only creates documents (``op_type=create``), so a change made during the
build is never overwritten by the older copy the build read; a final catch-up pass re-syncs
anything saved after the build began. While Elasticsearch is down, ``sync()`` hands the
changes to ``elasticsearch_outage.index_updates_missed`` (kept and replayed by the search app).
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

from elasticsearch import BadRequestError, Elasticsearch, NotFoundError
from elasticsearch.helpers import bulk, parallel_bulk
from elasticsearch_dsl import Index
from tqdm import tqdm

from django.conf import settings
from django.utils import timezone

from assets_registry.models import Asset
from assets_registry.search_backends.documents import AssetDocument, iter_sources
from assets_registry.search_backends.elasticsearch_outage import guarded, index_updates_missed, is_outage
from assets_registry.selectors import public_assets

logger = logging.getLogger(__name__)


class AssetIndexError(RuntimeError):
    """The index cannot be built or used; the message says what to do."""


@cache
def _client(url: str, timeout: float) -> Elasticsearch:
    return Elasticsearch(url, request_timeout=timeout, retry_on_timeout=True, max_retries=2)


def get_client() -> Elasticsearch:
    if not settings.ELASTICSEARCH_URL:
        raise AssetIndexError("ELASTICSEARCH_URL is not set: there is no asset index to use.")
    return _client(settings.ELASTICSEARCH_URL, float(getattr(settings, "ASSET_INDEX_TIMEOUT", 10)))


def alias_name() -> str:
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}_assets"


def _replicas() -> int:
    return int(getattr(settings, "ASSET_INDEX_REPLICAS", 0))


def create_index(name: str, *, bulk_load: bool = False) -> None:
    """Create an empty index with the document's mapping and analyzers."""
    index = Index(name)
    index.document(AssetDocument)
    index.settings(
        number_of_shards=int(getattr(settings, "ASSET_INDEX_SHARDS", 1)),
        number_of_replicas=0 if bulk_load else _replicas(),
        # While a build loads: no refreshes, and the translog synced in the background (a crash
        # mid-build loses only the build, which is never live until the alias moves to it).
        refresh_interval="-1" if bulk_load else "1s",
        translog={"durability": "async" if bulk_load else "request"},
        # Stored newest first: the search page's preview ("newest" sort) stops after a few
        # documents per segment instead of sorting every match (24 ms for a common word).
        sort={"field": "pk", "order": "desc"},
    )
    try:
        index.create(using=get_client())
    except BadRequestError as error:
        if "filter" in str(error) or "analyzer" in str(error):
            raise AssetIndexError(
                f"Elasticsearch refused the asset index's analyzers ({error.message}). The node needs "
                "the analysis-common module or our es-plugin/: start it with `scripts/services.sh start`."
            ) from error
        raise


def live_indexes() -> list[str]:
    """The index(es) the alias points at (normally one); [] when there is no index yet."""
    try:
        return sorted(get_client().indices.get_alias(name=alias_name()).keys())
    except NotFoundError:
        return []


def all_indexes() -> list[str]:
    """Every build of this index, oldest first (timestamps sort as text)."""
    found = get_client().indices.get(
        index=f"{alias_name()}-*", allow_no_indices=True, expand_wildcards="open"
    )
    return sorted(found.keys())


def write_targets() -> list[str]:
    """The live index and any newer build in progress."""
    live = live_indexes()
    if not live:
        return []
    return [name for name in all_indexes() if name >= live[0]] or live


def ensure_index() -> str:
    """The live index, creating an empty one (with the alias) when there is none."""
    live = live_indexes()
    if live:
        return live[0]
    name = _new_index_name()
    create_index(name)
    get_client().indices.update_aliases(actions=[{"add": {"index": name, "alias": alias_name()}}])
    return name


def _new_index_name() -> str:
    return f"{alias_name()}-{timezone.now().strftime('%Y%m%d%H%M%S%f')}"


def refresh() -> None:
    """Make every write so far searchable (tests and the end of a rebuild)."""
    get_client().indices.refresh(index=alias_name())


@dataclass
class RebuildResult:
    index: str
    indexed: int
    seconds: float
    removed: list[str]


def _actions(sources: Iterable[tuple[int, dict]], index: str, op_type: str):
    for pk, source in sources:
        yield {"_op_type": op_type, "_index": index, "_id": str(pk), "_source": source}


class _BulkLoader:
    """Sends documents with ``parallel_bulk`` from a worker thread while the calling thread reads
    the database: the ORM stays in the thread (and transaction) that owns the connection, and
    reading overlaps with indexing."""

    def __init__(self, client: Elasticsearch, *, threads: int, chunk_size: int, bar):
        self.client, self.threads, self.chunk_size, self.bar = client, threads, chunk_size, bar
        self.queue: queue.Queue = queue.Queue(maxsize=8)
        self.indexed, self.errors, self.failure = 0, [], None
        self.worker = threading.Thread(target=self._run, name="asset-index-bulk", daemon=True)

    def _actions(self):
        while (batch := self.queue.get()) is not None:
            yield from batch

    def _run(self) -> None:
        try:
            for ok, info in parallel_bulk(
                self.client,
                self._actions(),
                thread_count=self.threads,
                chunk_size=self.chunk_size,
                raise_on_error=False,
                raise_on_exception=True,
            ):
                if ok or info.get("create", {}).get("status") == 409:  # 409: sync() wrote a newer copy
                    self.indexed += 1
                else:
                    self.errors.append(info)
                self.bar.update(1)
        except BaseException as error:  # re-raised in the calling thread
            self.failure = error

    def load(self, actions: Iterable[dict], batch: int = 1000) -> None:
        self.worker.start()
        pending: list[dict] = []
        for action in actions:
            pending.append(action)
            if len(pending) >= batch:
                self._put(pending)
                pending = []
        self._put(pending)
        self._put(None)
        self.worker.join()
        if self.failure is not None:
            raise self.failure

    def _put(self, item) -> None:
        while True:
            if self.failure is not None:
                raise self.failure
            try:
                self.queue.put(item, timeout=1)
                return
            except queue.Full:
                continue


def rebuild(
    *,
    chunk_size: int = 2000,
    threads: int = 2,
    batch_size: int = 5000,
    progress: bool = True,
    sources: Callable[[], Iterable[tuple[int, dict]]] | None = None,
) -> RebuildResult:
    """Build a new index from the database and swap the alias to it atomically.

    ``sources`` (for benchmarks) replaces reading the public assets from the database.
    """
    client = get_client()
    started_at, started = timezone.now(), time.perf_counter()
    name = _new_index_name()
    create_index(name, bulk_load=True)
    total = None if sources else public_assets().count()
    stream = sources() if sources else iter_sources(batch_size=batch_size)
    try:
        with tqdm(total=total, unit=" spaces", desc=f"Indexing {name}", disable=not progress) as bar:
            loader = _BulkLoader(client, threads=threads, chunk_size=chunk_size, bar=bar)
            loader.load(_actions(stream, name, "create"))
        if loader.errors:
            raise AssetIndexError(
                f"{len(loader.errors)} documents failed to index; first: {loader.errors[0]}"
            )
        client.indices.put_settings(
            index=name,
            settings={
                "index": {
                    "refresh_interval": "1s",
                    "number_of_replicas": _replicas(),
                    "translog": {"durability": "request"},
                }
            },
        )
        client.indices.refresh(index=name)
        old = live_indexes()
        actions = [{"add": {"index": name, "alias": alias_name()}}]
        actions += [{"remove_index": {"index": index}} for index in old if index != name]
        client.indices.update_aliases(actions=actions)
    except BaseException:
        client.indices.delete(index=name, ignore_unavailable=True)
        raise
    # Older failed or abandoned builds (never a newer one: another rebuild may be running).
    stale = [index for index in all_indexes() if index < name and index not in old]
    for index in stale:
        client.indices.delete(index=index, ignore_unavailable=True)
    if not sources:
        changed = public_assets().filter(updated_at__gte=started_at).values_list("pk", flat=True)
        sync(list(changed))
    return RebuildResult(
        index=name, indexed=loader.indexed, seconds=time.perf_counter() - started, removed=old + stale
    )


def sync(ids: Iterable[int], *, refresh_after: bool = False, keep_on_outage: bool = True) -> int:
    """Index the public assets among ``ids`` and delete the others' documents. Returns the
    number of write operations. A no-op when the index has not been built yet.

    While Elasticsearch is down the ids are sent with ``index_updates_missed`` (the search app
    keeps them and replays them when it answers again) and 0 is returned; with
    ``keep_on_outage=False`` (the replay itself) the outage is raised instead."""
    ids = sorted(set(ids))
    if not ids:
        return 0
    try:
        return guarded(_sync, ids, refresh_after=refresh_after)
    except Exception as error:
        if not (keep_on_outage and is_outage(error)):
            raise
        logger.warning(
            "Elasticsearch is unavailable (%s): %s find-a-space updates kept for later", error, len(ids)
        )
        index_updates_missed.send(sender=Asset, target="spaces", model=Asset, ids=ids)
        return 0


def _sync(ids: list[int], *, refresh_after: bool) -> int:
    targets = write_targets()
    if not targets:
        logger.info(
            "No asset index yet (run manage.py rebuild_asset_index); %s changes not indexed.", len(ids)
        )
        return 0
    sources = dict(iter_sources(ids))
    actions = []
    for pk in ids:
        for index in targets:
            if pk in sources:
                actions.append({"_op_type": "index", "_index": index, "_id": str(pk), "_source": sources[pk]})
            else:
                actions.append({"_op_type": "delete", "_index": index, "_id": str(pk)})
    client = get_client()
    _ok, errors = bulk(client, actions, raise_on_error=False, stats_only=False)
    failures = [e for e in errors if e.get("delete", {}).get("status") != 404]
    if failures:
        raise AssetIndexError(f"{len(failures)} index updates failed; first: {failures[0]}")
    if refresh_after:
        client.indices.refresh(index=",".join(targets))
    return len(actions)


def delete_all() -> None:
    """Drop every build and the alias (tests, and `rebuild_asset_index --drop`)."""
    client = get_client()
    for index in all_indexes():
        client.indices.delete(index=index, ignore_unavailable=True)
