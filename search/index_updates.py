"""Index updates Elasticsearch missed while it was down: kept in ``PendingIndexUpdate``, replayed
when it answers again.

Kept from two places: Wagtail's index (``search.wagtail_elasticsearch`` keeps what its ``add``,
``add_bulk`` and ``delete`` could not send; Wagtail would only log it) and the find-a-space index
(the registry sends ``index_updates_missed``; ``search.signals`` keeps the ids). Replayed by
``replay()``: from ``manage.py replay_index_updates``, and from the task ``search.tasks.
replay_index_updates``, queued when the circuit breaker closes again or an index write succeeds
while rows wait. A replay reads each object as it is now, so it is idempotent: the object's
document is written if it is still indexed, deleted if not.
"""

from __future__ import annotations

import contextvars
import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.apps import apps
from django.db import models

from assets_registry.search_backends import elasticsearch_index
from search.models import PendingIndexUpdate

logger = logging.getLogger(__name__)
BATCH = 500
_replaying: contextvars.ContextVar[bool] = contextvars.ContextVar("replaying_index_updates", default=False)


def keep(*, target: str, model: type[models.Model], ids: Iterable) -> int:
    """Remember that ``ids`` of ``model`` are not up to date in ``target``'s index."""
    label = model._meta.label_lower
    rows = [PendingIndexUpdate(target=target, model=label, object_id=str(pk)) for pk in ids if pk is not None]
    PendingIndexUpdate.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def waiting() -> bool:
    return PendingIndexUpdate.objects.exists()


def replaying() -> bool:
    """True inside ``replay()`` (its writes must not queue another replay)."""
    return _replaying.get()


@dataclass
class ReplayReport:
    replayed: int = 0  # kept rows done (several rows may be one object)
    remaining: int = 0  # rows still waiting (Elasticsearch went away again, or kept meanwhile)
    error: str = ""


def replay(*, batch: int = BATCH) -> ReplayReport:
    """Bring every kept object's documents in line with the database, oldest first, ``batch``
    rows at a time; stop at the first outage (the rest wait for the next replay)."""
    from assets_registry.search_backends.elasticsearch_outage import is_outage

    report = ReplayReport()
    token = _replaying.set(True)
    try:
        last = 0
        while rows := list(PendingIndexUpdate.objects.filter(pk__gt=last)[:batch]):
            last = rows[-1].pk
            try:
                _replay_rows(rows)
            except Exception as error:
                if not is_outage(error):
                    raise
                report.error = str(error)
                logger.warning("Replaying index updates stopped: Elasticsearch is unavailable (%s)", error)
                break
            PendingIndexUpdate.objects.filter(pk__in=[row.pk for row in rows]).delete()
            report.replayed += len(rows)
    finally:
        _replaying.reset(token)
    report.remaining = PendingIndexUpdate.objects.count()
    return report


def _replay_rows(rows: list[PendingIndexUpdate]) -> None:
    groups: dict[tuple[str, str], set[str]] = {}
    for row in rows:
        groups.setdefault((row.target, row.model), set()).add(row.object_id)
    for (target, label), object_ids in groups.items():
        try:
            model = apps.get_model(label)
        except LookupError:
            logger.warning("Dropping kept index updates of %s: no such model any more", label)
            continue
        if target == PendingIndexUpdate.Target.SPACES:
            elasticsearch_index.sync([int(pk) for pk in object_ids], keep_on_outage=False)
        else:
            _replay_wagtail(model, object_ids)


def _replay_wagtail(model: type[models.Model], object_ids: set[str]) -> None:
    """Write the documents of the objects still indexed and delete the others', in each
    Elasticsearch backend Wagtail updates (the database's index was never behind). Inside
    ``replay()`` an outage is raised by the backend, not kept again."""
    from wagtail.search import index
    from wagtail.search.backends import get_search_backends

    pk_field = model._meta.pk
    pks = [pk_field.to_python(pk) for pk in object_ids]
    present = list(model.get_indexed_objects().filter(pk__in=pks)) if index.class_is_indexed(model) else []
    gone = [model(pk=pk) for pk in pks if pk not in {obj.pk for obj in present}]
    for backend in get_search_backends(with_auto_update=True):
        if not getattr(backend, "keeps_missed_updates", False):
            continue
        if present:
            backend.add_bulk(model, present)
        for obj in gone:
            backend.delete(obj)
