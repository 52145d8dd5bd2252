"""In a real browser: the "which Essex?" question on find a space works at 320 px, by keyboard,
without JavaScript, and axe finds nothing on it."""

import pytest

from tests.factories import make_site_home
from tests.geocoding.gazetteer_fixture import load_fixture_gazetteer

from .factories import ESSEX, AssetFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(settings):
    settings.MAP_TILE_URL = "/static/no-tiles/{z}/{x}/{y}.png"  # no tiles from the internet
    make_site_home()
    load_fixture_gazetteer()
    # Colchester Castle, Essex (about 34 km from the county's centre).
    AssetFactory(
        name="Colchester Quaker Meeting", latitude=51.8893, longitude=0.9027, postcode="CO1 1TJ", **ESSEX
    )


def test_which_essex_by_keyboard_without_javascript(browser, live_server, site):
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, viewport={"width": 320, "height": 640}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto("/spaces/")
    page.get_by_label("Near").fill("Essex")
    page.keyboard.press("Enter")
    question = page.get_by_role("region", name="Which Essex do you mean?")
    assert "Essex, England or Essex, Maryland?" in question.inner_text()
    question.get_by_role("link", name="Essex, Maryland").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**place=gn-4354428**")
    assert "No spaces found within 5 km of Essex" in page.inner_text("#results-count")
    other = page.get_by_role("region", name="Other places called Essex")
    other.get_by_role("link", name="Essex, England").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**place=E10000012**")
    assert "1 space in Essex, England" in " ".join(page.inner_text("#results-count").split())
    context.close()


def test_which_essex_at_320_px_is_accessible(browser, live_server, site, assert_accessible):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.set_default_timeout(15_000)
    for url in ("/spaces/?location=Essex", "/spaces/?location=Essex&place=E10000012"):
        page.goto(url)
        page.get_by_role("button", name="Show the map").click()  # at 320 px, the list first
        page.wait_for_selector("#spaces-map[data-feature-count]")
        assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
        assert_accessible(page)
    context.close()
