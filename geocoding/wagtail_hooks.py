"""Admin: which data the offline gazetteer holds (Settings → Gazetteer data), read only.

`manage.py load_gazetteer` writes these rows; an editor can see each source's data version
(package, version, data year), row count and load time, but not change them.
"""

from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from geocoding.models import GazetteerLoad


class ReadOnlyPolicy(ModelPermissionPolicy):
    """View only: a load report is a record of what the command did."""

    def user_has_permission(self, user, action):
        return action == "view" and (user.is_superuser or user.has_perm(self._get_permission_name("view")))

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(GazetteerLoad, ReadOnlyPolicy(GazetteerLoad), exact_class=True)


class GazetteerLoadViewSet(SnippetViewSet):
    model = GazetteerLoad
    icon = "site"
    menu_label = "Gazetteer data"
    menu_name = "gazetteer-data"
    add_to_settings_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["source", "data_version", "row_count", "loaded_at"]
    inspect_view_fields = ["source", "data_version", "row_count", "loaded_at", "version"]
    search_backend_name = None


register_snippet(GazetteerLoadViewSet)
