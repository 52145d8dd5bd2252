"""Uploaded documents are public only once something public uses them.

A document uploaded for a case study that is still in moderation (or was never published) must not
download for anyone who guesses its URL. Wagtail's reference index says which objects use a
document; it downloads anonymously only when one of them is a live page or a published object.
Signed-in admin users (editors, moderators, the Fellow who uploaded it) can always download it.
"""

from __future__ import annotations

from wagtail.models import DraftStateMixin, Page, ReferenceIndex


def used_publicly(document) -> bool:
    for reference in ReferenceIndex.get_references_to(document).select_related("base_content_type"):
        model = reference.base_content_type.model_class()
        if model is None:
            continue
        objects = model._default_manager.filter(pk=reference.object_id)
        if issubclass(model, Page | DraftStateMixin):
            objects = objects.filter(live=True)
        if objects.exists():
            return True
    return False


def may_download(document, user) -> bool:
    if user.is_authenticated and user.has_perm("wagtailadmin.access_admin"):
        return True
    return used_publicly(document)
