"""Keep the atlas's space counts in step with publication: a space is (re)placed in its areas
when it is published (approval, an applied correction or closure report, an import) and taken
out when it is unpublished. Deleting a space deletes its links (ON DELETE CASCADE).
`manage.py assign_assets_to_areas` rebuilds every link, e.g. after importing new boundaries
or a bulk change that bypassed publication."""

from django.dispatch import receiver

from wagtail.signals import published, unpublished

from assets_registry.models import Asset


@receiver(published, sender=Asset)
@receiver(unpublished, sender=Asset)
def refresh_asset_areas(sender, instance, **kwargs):
    from atlas.services import asset_areas_refresh

    asset_areas_refresh(asset=instance)
