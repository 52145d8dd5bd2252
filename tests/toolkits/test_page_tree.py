"""Page-tree rules: where each knowledge-hub page may be created."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage
from tests.toolkits.factories import make_knowledge_hub
from toolkits.models import CaseStudyIndexPage, CaseStudyPage, ToolkitIndexPage, ToolkitPage


class KnowledgeHubPageTreeTests(WagtailPageTestCase):
    def test_indexes_live_under_the_home_page_only(self):
        self.assertAllowedParentPageTypes(ToolkitIndexPage, {HomePage})
        self.assertAllowedParentPageTypes(CaseStudyIndexPage, {HomePage})
        self.assertCanNotCreateAt(Page, ToolkitIndexPage)
        self.assertCanNotCreateAt(ToolkitIndexPage, CaseStudyIndexPage)

    def test_toolkits_and_case_studies_live_under_their_own_index(self):
        self.assertAllowedSubpageTypes(ToolkitIndexPage, {ToolkitPage})
        self.assertAllowedSubpageTypes(CaseStudyIndexPage, {CaseStudyPage})
        self.assertCanCreateAt(ToolkitIndexPage, ToolkitPage)
        self.assertCanCreateAt(CaseStudyIndexPage, CaseStudyPage)
        self.assertCanNotCreateAt(CaseStudyIndexPage, ToolkitPage)
        self.assertCanNotCreateAt(ToolkitIndexPage, CaseStudyPage)
        self.assertCanNotCreateAt(HomePage, ToolkitPage)
        self.assertCanNotCreateAt(HomePage, CaseStudyPage)

    def test_toolkits_and_case_studies_have_no_children(self):
        self.assertAllowedSubpageTypes(ToolkitPage, set())
        self.assertAllowedSubpageTypes(CaseStudyPage, set())

    def test_one_index_of_each_kind(self):
        home, _toolkits, _case_studies = make_knowledge_hub()
        self.assertFalse(ToolkitIndexPage.can_create_at(home))
        self.assertFalse(CaseStudyIndexPage.can_create_at(home))
        self.assertTrue(ToolkitPage.can_create_at(_toolkits))
