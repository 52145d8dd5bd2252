"""Knowledge-hub admin: themes and Fellows as snippets, roles for new case-study indexes, and a
dashboard panel that gives Fellows a one-click way to start a case study."""

from __future__ import annotations

from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from toolkits.models import CaseStudyIndexPage, FellowProfile, Theme
from toolkits.services import case_study_index_setup


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    menu_label = "Themes"
    list_display = ["name", "slug"]
    search_fields = ["name", "description"]
    search_backend_name = None  # "contains" in the database (the SQLite index cannot search by field)


class FellowProfileViewSet(SnippetViewSet):
    model = FellowProfile
    icon = "user"
    menu_label = "Fellows"
    list_display = ["name", "place", "user"]
    search_fields = ["name", "place", "expertise"]
    search_backend_name = None  # "contains" in the database (the SQLite index cannot search by field)


class KnowledgeHubGroup(SnippetViewSetGroup):
    menu_label = "Knowledge hub"
    menu_icon = "doc-full-inverse"
    menu_order = 240
    items = (ThemeViewSet, FellowProfileViewSet)


register_snippet(KnowledgeHubGroup)


@hooks.register("after_create_page")
def set_up_case_study_index(request, page):
    # A new case-study index gets the Fellows' add permission and the review workflow at once.
    if isinstance(page.specific, CaseStudyIndexPage):
        case_study_index_setup(index=page)


class ShareCaseStudyPanel(Component):
    name = "share_case_study"
    template_name = "toolkits/admin/share_case_study_panel.html"
    order = 50

    def __init__(self, index: CaseStudyIndexPage):
        self.index = index

    def get_context_data(self, parent_context):
        return {"index": self.index, "add_url": self.index.add_case_study_url()}


@hooks.register("construct_homepage_panels")
def add_share_case_study_panel(request, panels):
    index = CaseStudyIndexPage.objects.first()
    if index is not None and index.permissions_for_user(request.user).can_add_subpage():
        panels.insert(0, ShareCaseStudyPanel(index))
