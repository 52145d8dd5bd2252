"""Search in the admin: the synonym groups editors keep (Snippets → Search synonyms)."""

from __future__ import annotations

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from search.models import SynonymGroup


class SynonymGroupViewSet(SnippetViewSet):
    model = SynonymGroup
    icon = "search"
    menu_label = "Search synonyms"
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["__str__", "note", "updated_at"]
    search_fields = ["terms", "note"]


register_snippet(SynonymGroupViewSet)
