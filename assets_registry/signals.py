"""Approval of a suggestion (its publication through the workflow) applies it to the asset."""

from django.dispatch import receiver

from wagtail.signals import published

from assets_registry.models import AssetSuggestion


@receiver(published, sender=AssetSuggestion)
def apply_approved_suggestion(sender, instance, revision=None, **kwargs):
    from assets_registry.services import suggestion_apply

    user = getattr(revision, "user", None) if revision else None
    suggestion_apply(suggestion=instance, user=user)
