"""What the public pages say: content, sharing metadata, related content, and no personal data."""

import pytest
import wagtail_factories

from django.contrib.auth.models import Permission

from tests.factories import UserFactory
from tests.toolkits.factories import (
    CaseStudyPageFactory,
    FellowProfileFactory,
    ThemeFactory,
    ToolkitPageFactory,
    add_author,
    make_fellow,
    make_knowledge_hub,
)
from toolkits.models import CaseStudyToolkit, ToolkitRelatedToolkit

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages():
    _home, toolkit_index, case_study_index = make_knowledge_hub()
    bridging = ThemeFactory(name="Bridging capital", slug="bridging-capital")
    spaces = ThemeFactory(name="Third spaces", slug="third-spaces")
    walk = ToolkitPageFactory(
        parent=toolkit_index,
        title="Asset walk",
        summary="Walk the neighbourhood with residents.",
        themes=[spaces],
        time_needed="Two weekends",
        effort="moderate",
    )
    cafe = ToolkitPageFactory(parent=toolkit_index, title="Conversation café kit", themes=[bridging, spaces])
    unrelated = ToolkitPageFactory(parent=toolkit_index, title="Budget campaign", themes=[])
    walk.related_toolkit_links.add(ToolkitRelatedToolkit(toolkit=unrelated))
    walk.save()
    case_study = CaseStudyPageFactory(
        parent=case_study_index,
        title="Southall asset map",
        summary="Residents found four times as many assets.",
        themes=[spaces],
        image=wagtail_factories.ImageFactory(title="Guides on the Broadway"),
        search_description="",
        outcomes=[
            (
                "measure",
                {"measure": "Assets recorded", "before": 40, "after": 163, "unit": "assets", "source": "Map"},
            )
        ],
    )
    case_study.toolkit_links.add(CaseStudyToolkit(toolkit=walk))
    case_study.save()
    fellow = make_fellow("amara", name="Amara Obi")
    add_author(case_study, fellow.fellow_profile)
    return {"walk": walk, "cafe": cafe, "unrelated": unrelated, "case_study": case_study, "fellow": fellow}


def test_toolkit_page(client, pages):
    html = client.get("/toolkits/asset-walk/").content.decode()
    assert "<h1" in html and "Asset walk" in html
    assert '<meta name="description" content="Walk the neighbourhood with residents.">' in html
    assert '<meta property="og:title" content="Asset walk">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<link rel="canonical" href="http://localhost/toolkits/asset-walk/">' in html
    assert "Two weekends" in html and "Moderate: a small team over a few weeks" in html
    assert 'href="/themes/third-spaces/"' in html
    assert "data-print" in html  # the print button (shown by script; the browser's own print works too)
    # Related: the editor's choice first, then toolkits sharing a theme; case studies that used it.
    related = html[html.index('id="related-toolkits"') :]
    assert related.index("Budget campaign") < related.index("Conversation café kit")
    assert "Southall asset map" in html[html.index('id="related-case-studies"') :]


def test_toolkit_page_with_no_chosen_related_toolkits(client, pages):
    # Toolkits sharing a theme only (no editor's choice): PostgreSQL once refused the ordering.
    response = client.get("/toolkits/conversation-cafe-kit/")
    assert response.status_code == 200
    related = response.content.decode()[response.content.decode().index('id="related-toolkits"') :]
    assert "Asset walk" in related and "Budget campaign" not in related


def test_case_study_page(client, pages):
    html = client.get("/case-studies/southall-asset-map/").content.decode()
    assert '<meta name="description" content="Residents found four times as many assets.">' in html
    assert (
        '<meta property="og:image" content="http' in html
        and 'name="twitter:card" content="summary_large_image"' in html
    )
    assert '<meta property="article:tag" content="Third spaces">' in html
    assert "Amara Obi" in html and "Organiser in west London." in html
    assert "amara@example.org" not in html  # the Fellow's account e-mail is never shown
    assert "<caption>Outcomes measured</caption>" in html and "+123 assets, +308%" in html
    assert "Asset walk" in html[html.index('id="toolkits-used"') :]


def test_search_description_overrides_the_summary(client, pages):
    pages["case_study"].search_description = "A short description for search engines."
    pages["case_study"].save_revision().publish()
    html = client.get("/case-studies/southall-asset-map/").content.decode()
    assert '<meta name="description" content="A short description for search engines.">' in html


def test_theme_pages(client, pages):
    html = client.get("/themes/").content.decode()
    assert "Third spaces" in html and "2 toolkits, 1 case study" in html
    assert client.get("/themes/no-such-theme/").status_code == 404
    detail = client.get("/themes/third-spaces/").content.decode()
    assert "Asset walk" in detail and "Southall asset map" in detail and "Budget campaign" not in detail


def test_index_pages_link_their_feeds_and_the_way_in_for_fellows(client, pages):
    html = client.get("/case-studies/").content.decode()
    assert '<link rel="alternate" type="application/atom+xml"' in html
    assert 'href="/case-studies/share/"' in html


def test_fellows_see_a_share_panel_on_the_admin_dashboard(client, pages):
    client.force_login(pages["fellow"])
    html = client.get("/admin/").content.decode()
    assert "Write a new case study" in html
    staffer = UserFactory(username="staffer")
    staffer.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(staffer)
    dashboard = client.get("/admin/")
    assert dashboard.status_code == 200 and "Write a new case study" not in dashboard.content.decode()


def test_fellow_profile_lists_expertise(pages):
    profile = FellowProfileFactory(expertise="asset mapping,  youth work ,")
    assert profile.expertise_list == ["asset mapping", "youth work"]


def test_editors_previews_render(pages):
    # Wagtail previews a routable page through its "" route; a draft case study previews too.
    index = pages["case_study"].get_parent().specific
    assert index.make_preview_request().status_code == 200
    draft = pages["case_study"]
    draft.summary = "A draft summary only the editor sees."
    response = draft.make_preview_request()
    assert (
        response.status_code == 200 and "A draft summary only the editor sees." in response.rendered_content
    )
