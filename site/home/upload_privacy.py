"""Uploaded documents and images are public only once something public uses them.

A document or image uploaded for a case study that is still in moderation (or was never
published) must not be seen by anyone who guesses its URL. Wagtail's reference index says which
objects use an upload; anyone may fetch it only when one of them is a live page or a published
object. Signed-in admin users (editors, moderators, the Fellow who uploaded it) always may.
Documents are checked in Wagtail's document view (``wagtail_hooks``), images in the media view
(``home.views.media_file``).
"""

from __future__ import annotations

from wagtail.models import DraftStateMixin, Page, ReferenceIndex


def used_publicly(upload) -> bool:
    for reference in ReferenceIndex.get_references_to(upload).select_related("base_content_type"):
        model = reference.base_content_type.model_class()
        if model is None:
            continue
        objects = model._default_manager.filter(pk=reference.object_id)
        if issubclass(model, Page | DraftStateMixin):
            objects = objects.filter(live=True)
        if objects.exists():
            return True
    return False


def may_see(upload, user) -> bool:
    if user.is_authenticated and user.has_perm("wagtailadmin.access_admin"):
        return True
    return used_publicly(upload)


def image_for_media_path(path: str):
    """The image a /media/ file belongs to (an original or a rendition), or None."""
    from wagtail.images import get_image_model

    image_model = get_image_model()
    if path.startswith("original_images/"):
        return image_model.objects.filter(file=path).first()
    if path.startswith("images/"):
        rendition = (
            image_model.get_rendition_model().objects.filter(file=path).select_related("image").first()
        )
        return rendition.image if rendition else None
    return None
