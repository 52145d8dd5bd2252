"""Drafts and case studies waiting for moderation are never public: not as pages, in listings,
theme pages, search, the sitemap or the feed. Only what a moderator approved is shown."""

import pytest

from django.test import RequestFactory

from wagtail.models import Workflow

from tests.toolkits.factories import (
    CaseStudyPageFactory,
    ThemeFactory,
    ToolkitPageFactory,
    make_fellow,
    make_knowledge_hub,
)
from toolkits import selectors
from toolkits.models import CaseStudyPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def hub():
    _home, toolkit_index, index = make_knowledge_hub()
    theme = ThemeFactory(name="Bridging capital", slug="bridging-capital")
    fellow = make_fellow("amara")
    published = CaseStudyPageFactory(
        parent=index, title="Published supper club", summary="Approved summary", themes=[theme]
    )
    draft = CaseStudyPageFactory(
        parent=index, title="Draft zebra crossing", summary="Unreviewed words", themes=[theme], live=False
    )
    pending = CaseStudyPageFactory(
        parent=index, title="Pending walrus walk", themes=[theme], live=False, owner=fellow
    )
    pending.save_revision(user=fellow)
    Workflow.objects.get(name="Case study review").start(pending, fellow)

    # A published case study whose newer version waits for moderation: the public sees the old one.
    revised = CaseStudyPageFactory(
        parent=index, title="Revised library cafe", summary="Original approved text"
    )
    revised.save_revision().publish()
    revised.summary = "Unapproved platypus claim"
    revised.save_revision(user=fellow)
    Workflow.objects.get(name="Case study review").start(revised, fellow)

    draft_toolkit = ToolkitPageFactory(
        parent=toolkit_index, title="Draft toolkit", themes=[theme], live=False
    )
    return {
        "theme": theme,
        "published": published,
        "draft": draft,
        "pending": pending,
        "revised": revised,
        "draft_toolkit": draft_toolkit,
    }


HIDDEN = ["Draft zebra crossing", "Pending walrus walk", "Unapproved platypus claim", "Draft toolkit"]


def assert_nothing_hidden(html):
    for text in HIDDEN:
        assert text not in html, text


def test_the_pending_case_study_is_really_in_moderation(hub):
    assert hub["pending"].workflow_in_progress and not hub["pending"].live
    assert hub["revised"].live and hub["revised"].workflow_in_progress


def test_unpublished_pages_are_not_found(client, hub):
    assert client.get("/case-studies/draft-zebra-crossing/").status_code == 404
    assert client.get("/case-studies/pending-walrus-walk/").status_code == 404
    assert client.get("/toolkits/draft-toolkit/").status_code == 404
    revised = client.get("/case-studies/revised-library-cafe/").content.decode()
    assert "Original approved text" in revised and "platypus" not in revised


def test_listings_and_theme_pages(client, hub):
    for url in ["/case-studies/", "/toolkits/", "/themes/bridging-capital/", "/themes/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_nothing_hidden(response.content.decode())
    theme_page = client.get("/themes/bridging-capital/").content.decode()
    assert "Published supper club" in theme_page and "Original approved text" not in theme_page
    assert 'Case studies <span class="count">(1)</span>' in theme_page


def test_feeds(client, hub):
    for url in ["/case-studies/feed/", "/case-studies/feed/rss/"]:
        response = client.get(url)
        assert response.status_code == 200
        body = response.content.decode()
        assert "Published supper club" in body and "Original approved text" in body
        assert_nothing_hidden(body)


def test_sitemap(client, hub):
    body = client.get("/sitemap.xml").content.decode()
    assert "/case-studies/published-supper-club/" in body
    assert "/case-studies/draft-zebra-crossing/" not in body
    assert "/case-studies/pending-walrus-walk/" not in body
    assert "/toolkits/draft-toolkit/" not in body
    assert "/themes/bridging-capital/" in body


def test_search_finds_only_live_public_pages(hub):
    # The index holds drafts too (editors search them in the admin) ...
    assert list(CaseStudyPage.objects.search("walrus")) == [hub["pending"]]
    # ... so everything public searches from the live, public selectors.
    assert list(selectors.public_case_studies().search("walrus")) == []
    assert list(selectors.public_case_studies().search("zebra")) == []
    assert list(selectors.public_case_studies().search("platypus")) == []
    assert list(selectors.public_case_studies().search("supper")) == [hub["published"]]


def test_related_lists_skip_unpublished_pages(hub):
    related = hub["published"].get_context(RequestFactory().get("/"))["related_case_studies"]
    assert hub["draft"] not in related and hub["pending"] not in related
    assert hub["revised"] not in related  # shares no theme
    assert selectors.themes_in_use().filter(slug="bridging-capital").exists()
