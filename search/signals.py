"""Keep Wagtail's index in step with a page's many-to-many fields (``page_published_reindex``),
and the cached synonym groups with editors' changes (``synonyms_changed``).

The find-a-space index is the registry's own: ``assets_registry.signals`` keeps it in step.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.search import index
from wagtail.signals import page_published

from search import synonyms
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
