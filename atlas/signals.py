"""Keep the atlas's space counts in step with the registry: every committed change to spaces
(``assets_registry.signals.spaces_changed``: publication, unpublication, a move, a closure, an
import's bulk write, a deletion) re-places those spaces in their areas.
`manage.py assign_assets_to_areas` rebuilds every link, e.g. after importing new boundaries."""

from django.dispatch import receiver

from assets_registry.signals import spaces_changed


@receiver(spaces_changed)
def place_changed_spaces(sender, ids, **kwargs):
    from atlas.services import spaces_areas_refresh  # numpy and the geometry: loaded when needed

    spaces_areas_refresh(asset_ids=ids)
