"""The knowledge hub in a real browser: the Fellow-to-published journey, and accessibility."""

import re

import pytest
from playwright.sync_api import expect

from django.core import mail

from tests.toolkits.factories import (
    CaseStudyPageFactory,
    ThemeFactory,
    ToolkitPageFactory,
    make_fellow,
    make_knowledge_hub,
    make_moderator,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery-staple"  # tests.factories.UserFactory's


def sign_in(page, username):
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_a_fellow_shares_a_case_study_and_an_editor_approves_it(page, live_server):
    _home, _toolkits, _index = make_knowledge_hub()
    ThemeFactory(name="Third spaces", slug="third-spaces")
    make_fellow("amara", name="Amara Obi")
    make_moderator("mo")

    # The Fellow starts from the public site and lands in the editor after signing in.
    page.goto("/case-studies/")
    page.get_by_role("link", name="Share a case study").click()
    page.wait_for_url(re.compile(r"/admin/login/"))
    sign_in(page, "amara")
    page.wait_for_url(re.compile(r"/admin/pages/add/toolkits/casestudypage/\d+/"))
    assert page.get_by_role("tab", name="Promote").count() == 0

    page.fill("#id_title", "Hanwell repair café")
    page.fill("#id_summary", "A monthly repair café where neighbours fix things together and stay for tea.")
    page.fill("#id_place_name", "Hanwell, Ealing")
    page.fill("#id_area", "Ealing")
    page.fill("#id_latitude", "51.5093")
    page.fill("#id_longitude", "-0.3382")
    page.select_option("#id_stage", "convening")
    page.get_by_role("checkbox", name="Third spaces").check()
    page.get_by_role("checkbox", name="Activity (sport, arts, hobbies)").check()
    body = page.locator("[data-contentpath='body']")
    body.get_by_role("button", name="Insert a block").click()
    page.get_by_role("option", name="Section", exact=True).click()
    page.fill("#body-0-value-heading", "What we did")
    body.locator("[contenteditable='true']").first.click()
    page.keyboard.type("Volunteers fixed 300 things in a year, and the regulars now run it.")
    # Draftail writes its content to the form field a moment after typing stops.
    # (Polled by Playwright's own engine: a string predicate would be eval, which the CSP refuses.)
    expect(page.locator("#body-0-value-body")).to_have_value(re.compile("Volunteers"))

    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Submit to Case study review").click()
    # Creating, revising and starting the workflow is the slowest request here: allow it time.
    page.locator(".messages", has_text="submitted for moderation").wait_for(timeout=30_000)
    edit_path = page.locator(".messages a", has_text="Edit").first.get_attribute("href")

    # Not public yet.
    anonymous = page.context.browser.new_page(base_url=live_server.url)
    anonymous.goto("/case-studies/")
    assert "Hanwell repair café" not in anonymous.content()

    # The editor approves it.
    page.context.clear_cookies()
    page.goto(edit_path)
    sign_in(page, "mo")
    page.wait_for_url(re.compile(edit_path))
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Approve and Publish", exact=True).click()
    page.locator(".messages", has_text="has been updated").wait_for()
    # The live server runs in this process, so the locmem outbox holds what Wagtail sent.
    assert any("amara@example.org" in m.to and "approved" in m.subject for m in mail.outbox)

    # Now it is in the listing, on the theme page and in the feed.
    anonymous.goto("/case-studies/")
    assert anonymous.get_by_role("link", name="Hanwell repair café").is_visible()
    anonymous.goto("/themes/third-spaces/")
    assert anonymous.get_by_role("link", name="Hanwell repair café").is_visible()
    feed = anonymous.request.get(f"{live_server.url}/case-studies/feed/").text()
    assert "Hanwell repair café" in feed and "Amara Obi" in feed
    anonymous.goto("/case-studies/?place=Ealing")
    anonymous.get_by_role("link", name="Hanwell repair café").click()
    assert anonymous.get_by_role("heading", level=1).inner_text() == "Hanwell repair café"
    assert "Amara Obi" in anonymous.locator("#written-by + .fellow-list").inner_text()
    anonymous.close()


@pytest.fixture
def demo_pages():
    _home, toolkit_index, case_study_index = make_knowledge_hub()
    bridging = ThemeFactory(name="Bridging capital", slug="bridging-capital")
    toolkit = ToolkitPageFactory(
        parent=toolkit_index,
        title="Design activities that bridge",
        stages=["convening"],
        audiences=["community-organisations"],
        time_needed="A season of weekly sessions",
        effort="moderate",
        themes=[bridging],
        body=[
            ("section", {"heading": "Meeting is not enough", "body": "<p>Design for a shared goal.</p>"}),
            (
                "steps",
                {
                    "heading": "Design checklist",
                    "steps": [
                        {
                            "title": "Mix the teams",
                            "body": "<p>Assign pairs.</p>",
                            "time_needed": "5 minutes",
                        },
                        {"title": "Come back weekly", "body": "<p>Repeat.</p>", "time_needed": ""},
                    ],
                },
            ),
            (
                "callout",
                {"kind": "evidence", "title": "Where bias is lowest", "body": "<p>Shared purpose.</p>"},
            ),
            (
                "quote",
                {"quote": "The friendship was the side effect.", "attribution": "Host", "role": "café"},
            ),
            (
                "table",
                {
                    "table_caption": "Who took part",
                    "first_row_is_table_header": True,
                    "first_col_is_header": False,
                    "data": [["Group", "Before", "After"], ["Young people", "12", "31"]],
                },
            ),
        ],
    )
    case_study = CaseStudyPageFactory(
        parent=case_study_index,
        title="Conversation cafés in a library",
        themes=[bridging],
        outcomes=[
            (
                "measure",
                {
                    "measure": "Regulars with a friend",
                    "before": 22,
                    "after": 47,
                    "unit": "%",
                    "source": "Survey",
                },
            )
        ],
        outcomes_summary="<p>The library kept the café.</p>",
    )
    CaseStudyPageFactory(parent=case_study_index, title="Boston budget", area="Boston", country="US")
    return {"toolkit": toolkit, "case_study": case_study}


@pytest.mark.parametrize(
    "path",
    [
        "/toolkits/",
        "/case-studies/",
        "/toolkits/design-activities-that-bridge/",
        "/case-studies/conversation-cafes-in-a-library/",
        "/themes/bridging-capital/",
        "/case-studies/?country=GB&stage=mapping",
    ],
)
def test_knowledge_hub_pages_are_accessible(page, demo_pages, assert_accessible, path):
    page.goto(path)
    page.wait_for_load_state("networkidle")
    assert_accessible(page)


def test_the_case_study_map_lists_the_same_case_studies(page, demo_pages):
    page.goto("/case-studies/")
    page.wait_for_selector("#case-study-map .leaflet-marker-icon")
    markers = page.locator("#case-study-map .leaflet-marker-icon")
    assert markers.count() == 2
    titles = sorted(markers.nth(i).get_attribute("title") for i in range(markers.count()))
    assert titles == ["Boston budget", "Conversation cafés in a library"]
    page.goto("/case-studies/?place=Boston")
    page.wait_for_selector("#case-study-map .leaflet-marker-icon")
    assert page.locator("#case-study-map .leaflet-marker-icon").count() == 1


def test_filters_work_without_javascript(browser, live_server, demo_pages):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/case-studies/")
    assert page.locator("#case-study-map").is_hidden()  # no script: the list is the way in
    page.get_by_label(re.compile(r"^United States")).check()
    page.get_by_role("button", name="Apply filters").click()
    assert "country=US" in page.url
    assert page.get_by_role("link", name="Boston budget").is_visible()
    assert page.get_by_role("link", name="Conversation cafés in a library").count() == 0
    page.get_by_role("link", name=re.compile("Remove filter Country: United States")).click()
    assert page.get_by_role("link", name="Conversation cafés in a library").is_visible()
    context.close()


def test_index_and_toolkit_fit_a_phone(phone_page, demo_pages, assert_accessible):
    for path in ["/case-studies/", "/toolkits/design-activities-that-bridge/"]:
        phone_page.goto(path)
        phone_page.wait_for_load_state("networkidle")
        overflow = phone_page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} is {overflow}px wider than the phone's screen"
        assert_accessible(phone_page)
    # On a phone the filters fold away so the results come first; one tap opens them.
    phone_page.goto("/case-studies/")
    assert not phone_page.locator("details.filter-panel").get_attribute("open")
    phone_page.get_by_text("Show or hide filters").click()
    assert phone_page.get_by_role("button", name="Apply filters").is_visible()


def test_toolkit_prints_without_navigation(page, demo_pages):
    page.goto("/toolkits/design-activities-that-bridge/")
    assert page.get_by_role("button", name="Print or save as PDF").is_visible()
    page.emulate_media(media="print")
    assert page.locator(".site-header").is_hidden()
    assert page.locator(".toc").is_hidden()
    assert page.get_by_role("heading", name="Design checklist").is_visible()
    assert page.locator(".print-only").is_visible()
