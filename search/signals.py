"""Keep Wagtail's index in step with a page's many-to-many fields (``page_published_reindex``),
the cached synonym groups with editors' changes (``synonyms_changed``), and keep and replay the
index updates Elasticsearch missed while it was down (``keep_missed_updates``,
``replay_on_recovery``).

The find-a-space index is the registry's own: ``assets_registry.signals`` keeps it in step.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.search import index
from wagtail.signals import page_published

from assets_registry.search_backends.elasticsearch_outage import elasticsearch_recovered, index_updates_missed
from search import index_updates, synonyms
from search.models import SynonymGroup


@receiver(page_published)
def page_published_reindex(sender, instance, **kwargs):
    """Index a page again once its publication is complete.

    Wagtail indexes on ``post_save`` (and the immediate task backend runs that at once), but a
    page's ``save()`` sends ``post_save`` before it writes its ParentalManyToManyFields, so a
    toolkit's new themes would only reach the index at its next save.
    """
    if isinstance(instance, index.Indexed):
        transaction.on_commit(lambda: index.insert_or_update_object(instance), robust=True)


@receiver([post_save, post_delete], sender=SynonymGroup)
def synonyms_changed(sender, **kwargs):
    """An editor's change applies to the next search (the groups are cached): now, for this
    transaction's own reads, and after commit, in case another request cached the old groups."""
    synonyms.forget()
    transaction.on_commit(synonyms.forget, robust=True)


@receiver(index_updates_missed)
def keep_missed_updates(sender, target, model, ids, **kwargs):
    """The find-a-space index could not take these changes: keep them for the replay."""
    index_updates.keep(target=target, model=model, ids=ids)


@receiver(elasticsearch_recovered)
def replay_on_recovery(sender, **kwargs):
    """The first request after an outage succeeded: replay what was kept meanwhile (a task: the
    worker runs it; the immediate backend runs it now, in the request that saw the recovery)."""
    if index_updates.replaying() or not index_updates.waiting():
        return
    from search.tasks import replay_index_updates

    transaction.on_commit(replay_index_updates.enqueue, robust=True)
