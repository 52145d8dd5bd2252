"""Keep the atlas's space counts in step with the registry: every committed change to spaces
(``assets_registry.signals.spaces_changed``: publication, unpublication, a move, a closure, an
import's bulk write, a deletion) re-places those spaces in their areas.
`manage.py assign_assets_to_areas` rebuilds every link, e.g. after importing new boundaries.

``atlas_changed`` (sender: the importer's class) is sent after an import's transaction commits,
for whatever shows atlas data (the site's page cache empties on it)."""

from django.dispatch import Signal, receiver

from assets_registry.signals import spaces_changed

atlas_changed = Signal()


@receiver(spaces_changed)
def place_changed_spaces(sender, ids, **kwargs):
    from atlas.services import spaces_areas_refresh  # numpy and the geometry: loaded when needed

    spaces_areas_refresh(asset_ids=ids)
