import pytest

from tests.factories import make_site_home

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_page_navigation_and_accessibility(page, live_server, assert_accessible):
    make_site_home()
    page.goto("/")
    assert page.locator("h1").inner_text() == "Connected Places Hub"
    assert_accessible(page)

    # The skip link is the first thing a keyboard reaches, and it moves focus to the content.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").strip() == "Skip to main content"

    nav = page.get_by_role("navigation", name="Main")
    for label in ["Toolkits", "Case studies", "Find a space", "Atlas", "Search"]:
        assert nav.get_by_role("link", name=label).is_visible()
    nav.get_by_role("link", name="Find a space").click()
    page.wait_for_url("**/spaces/")
    assert page.get_by_role("link", name="Find a space").get_attribute("aria-current") == "page"


def test_home_page_fits_a_phone(phone_page, live_server, assert_accessible):
    make_site_home()
    phone_page.goto("/")
    overflow = phone_page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"page is {overflow}px wider than the phone's screen"
    assert_accessible(phone_page)
