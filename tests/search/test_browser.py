"""The search page in a real Chromium: accessible (axe), usable by keyboard, and working without
JavaScript. On the database backend (the browser does not care which backend answered)."""

import io
import re

import pytest

from django.core.management import call_command

from .corpus import build_corpus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def corpus(db):
    build_corpus()
    call_command("update_index", stdout=io.StringIO(), verbosity=0)  # as a deployment does


def test_results_and_no_results_pages_are_accessible(page, phone_page, assert_accessible, corpus):
    page.goto("/search/?q=bridging")
    assert page.locator(".search-hit").count() >= 3
    assert page.locator("mark").first.is_visible()
    assert_accessible(page)

    page.goto("/search/?q=youth+club&section=spaces")
    assert page.get_by_role("heading", name=re.compile("^Spaces")).is_visible()
    assert_accessible(page)

    page.goto("/search/?q=xylophonic+zeppelins")
    assert page.get_by_role("heading", name="Try another way").is_visible()
    assert_accessible(page)

    phone_page.goto("/search/?q=bridging")
    assert phone_page.get_by_role("combobox", name=re.compile("Search toolkits")).is_visible()
    assert_accessible(phone_page)


def test_the_search_box_suggests_as_you_type_and_works_by_keyboard(page, assert_accessible, corpus):
    page.goto("/search/")
    box = page.get_by_role("combobox", name=re.compile("Search toolkits"))
    box.fill("meas")
    listbox = page.get_by_role("listbox", name="Suggestions")
    listbox.wait_for()
    options = listbox.get_by_role("option")
    assert options.count() >= 2
    assert box.get_attribute("aria-expanded") == "true"
    assert_accessible(page)

    box.press("ArrowDown")
    first = options.first
    assert first.get_attribute("aria-selected") == "true"
    assert box.get_attribute("aria-activedescendant") == first.get_attribute("id")
    box.press("Escape")
    assert listbox.is_hidden() and box.get_attribute("aria-expanded") == "false"

    box.fill("measure conn")
    listbox.wait_for()
    box.press("ArrowDown")
    with page.expect_navigation():
        box.press("Enter")
    assert page.url.endswith("/toolkits/measure-connection-a-simple-evaluation-plan/")

    page.goto("/search/")
    box = page.get_by_role("combobox", name=re.compile("Search toolkits"))
    box.fill("youth c")
    page.get_by_role("option", name=re.compile("Youth club")).click()  # a kind of space: a search
    page.wait_for_url(re.compile(r"/search/\?q=Youth\+club"))
    assert page.locator(".search-hit").count() >= 2


def test_search_and_filters_work_without_javascript(browser, live_server, corpus):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/search/")
    page.get_by_label("Search toolkits, case studies and spaces").fill("bridging")
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url(re.compile(r"q=bridging"))
    assert page.locator(".search-hit").count() >= 3

    page.get_by_role("link", name=re.compile(r"^Toolkits \(")).click()
    page.get_by_label(re.compile("^Mapping the opportunity")).check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r"stage=mapping"))
    titles = page.locator(".search-hit__title").all_inner_texts()
    assert titles == ["Audit your third spaces for bridging"]
    context.close()


def test_the_empty_page_and_a_place_alone_are_accessible_and_fit_a_small_phone(
    browser, live_server, assert_accessible, corpus
):
    from tests.geocoding.gazetteer_fixture import load_fixture_gazetteer

    load_fixture_gazetteer()
    page = browser.new_page(viewport={"width": 320, "height": 700})
    page.set_default_timeout(15_000)
    for path, heading in [
        ("/search/", "Not sure where to start?"),
        ("/search/?q=w52hl", "Spaces near W5 2HL"),
    ]:
        page.goto(f"{live_server.url}{path}")
        assert page.get_by_role("heading", name=re.compile(re.escape(heading))).is_visible()
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        assert_accessible(page)
    page.get_by_role("link", name=re.compile("^Find a space near W5 2HL")).click()
    assert "/spaces/" in page.url and "location=w52hl" in page.url
    page.close()
