"""Reads for the registry. Everything public goes through ``public_assets()``."""

from __future__ import annotations

from django.db.models import QuerySet

from assets_registry.models import Asset


def public_assets() -> QuerySet[Asset]:
    """Approved, published assets only: never drafts, submissions awaiting moderation, rejected
    submissions, or unpublished changes (the live row always holds the approved content)."""
    return Asset.objects.filter(live=True)
