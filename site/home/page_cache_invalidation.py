"""What empties the page cache (``home.page_cache.content_changed``): every change a public page
can show, and nothing else (a draft, a revision, a lock, a rendition or a task row does not).

- pages: Wagtail's ``page_published``, ``page_unpublished`` (scheduled publishing included),
  ``post_page_move``, and the deletion of any page;
- who may see a page: a view restriction added, changed or removed;
- spaces: the registry's one event, ``spaces_changed`` (approved, edited, withdrawn, imported);
- the atlas: ``atlas_changed`` (an import committed);
- connection surveys: ``survey_results_changed`` (an interview of a published survey completed,
  or interviews deleted): their results pages and the space badges;
- snippets and settings shown on pages (themes, Fellows, synonyms, the areas and indicators, the
  navigation and footer, coalitions with their measures, observations and initiatives), the
  coalitions' registry snapshots, images, documents and sites: any save or deletion. The registry's own
  snippets are left to ``spaces_changed``, which sends only what the public sees.

Code in ``config`` and ``home`` calls ``content_changed(reason)`` directly; a lower app (which
cannot import ``home``) sends a signal of its own and is connected here.
"""

from __future__ import annotations

from functools import cache

from django.db.models.signals import post_delete, post_save

from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail.snippets.models import get_snippet_models

from assets_registry.signals import spaces_changed
from atlas.signals import atlas_changed
from coalitions.models import RegistrySnapshot
from connections.signals import survey_results_changed
from home.page_cache import content_changed

# Whose own events say better what changed in public.
LEFT_TO_THEIR_EVENTS = {"assets_registry"}


@cache
def watched_models() -> frozenset[type]:
    """Computed at the first save, once Wagtail has registered every snippet."""
    from django.apps import apps

    settings_models = [m for m in apps.get_models() if issubclass(m, (BaseSiteSetting, BaseGenericSetting))]
    models = {*get_snippet_models(), *settings_models, get_image_model(), get_document_model(), Site}
    models.add(PageViewRestriction)
    models.add(RegistrySnapshot)  # the coalitions' monthly registry measures, shown on impact pages
    return frozenset(m for m in models if m._meta.app_label not in LEFT_TO_THEIR_EVENTS)


def model_changed(sender, instance, **kwargs):
    if sender in watched_models():
        content_changed(f"{sender._meta.label} {instance.pk} changed")
    elif isinstance(instance, Page) and kwargs.get("signal") is post_delete:
        content_changed(f"page {instance.pk} deleted")


def page_changed(sender, instance, **kwargs):
    content_changed(f"page {instance.pk} published, unpublished or moved")


def spaces_changed_received(sender, ids, **kwargs):
    content_changed(f"{len(ids)} space(s) changed")


def atlas_changed_received(sender, **kwargs):
    content_changed("atlas data imported")


def survey_results_changed_received(sender, survey, **kwargs):
    content_changed(f"survey {survey.pk}: published results changed")


def connect() -> None:
    """From ``HomeConfig.ready``."""
    post_save.connect(model_changed, dispatch_uid="page_cache_post_save")
    post_delete.connect(model_changed, dispatch_uid="page_cache_post_delete")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(page_changed, dispatch_uid=f"page_cache_{id(signal)}")
    spaces_changed.connect(spaces_changed_received, dispatch_uid="page_cache_spaces")
    atlas_changed.connect(atlas_changed_received, dispatch_uid="page_cache_atlas")
    survey_results_changed.connect(survey_results_changed_received, dispatch_uid="page_cache_surveys")
