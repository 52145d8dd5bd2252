"""In a real browser: a resident adds a space by postcode, a scoped moderator approves it in the
Wagtail admin, and it appears on the list and on the map. axe finds nothing on find, detail and
add pages (desktop and phone)."""

import re

import pytest

from assets_registry.models import Asset, ModeratorScope
from assets_registry.services import moderation_workflow, moderators_group
from tests.factories import UserFactory, make_site_home
from tests.geocoding.gazetteer_fixture import load_fixture_gazetteer

from .factories import AssetFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture
def site(settings):
    # No map tiles from the internet in tests: a local URL that simply 404s.
    settings.MAP_TILE_URL = "/static/no-tiles/{z}/{x}/{y}.png"
    make_site_home()
    load_fixture_gazetteer()
    moderation_workflow()
    AssetFactory(name="Ealing Central Library", categories=["library"], latitude=51.5136, longitude=-0.3046)
    AssetFactory(
        name="Christ the Saviour",
        categories=["place_of_worship"],
        third_space_types=["identity"],
        setting="religious",
        latitude=51.5127,
        longitude=-0.3063,
    )


def test_resident_adds_by_postcode_moderator_approves_it_appears_on_list_and_map(page, live_server, site):
    page.goto("/spaces/add/")
    page.get_by_label("Name of the space or group").fill("Hanger Hill Knitting Circle")
    page.get_by_label("What happens there?").fill("Knitting and conversation on Wednesdays.")
    page.get_by_label("Arts, music or hobby club").check()
    page.get_by_label("Postcode or ZIP code").fill("W5 2HL")
    page.get_by_role("button", name="Show the postcode on the map").click()
    page.wait_for_selector("text=Pin placed at W5 2HL")
    assert page.input_value("#id_latitude") == ""  # an unmoved pin: located by the postcode
    page.get_by_label("Your e-mail (optional)").fill("knitter@example.org")
    page.get_by_role("button", name="Send for checking").click()
    page.wait_for_url(re.compile(r".*/spaces/add/thanks/$"))
    assert "We've received “Hanger Hill Knitting Circle”" in page.inner_text("main")

    # Not public yet.
    page.goto("/spaces/?q=knitting")
    assert "No spaces found" in page.inner_text("#results-count")

    moderator = UserFactory(username="ealing-fellow", password=PASSWORD)
    moderator.groups.add(moderators_group())
    ModeratorScope.objects.create(user=moderator, admin_district_code="E09000009", label="Ealing")
    page.goto("/admin/login/")
    page.fill("#id_username", "ealing-fellow")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto("/admin/spaces-moderation/")
    page.get_by_role("link", name="Hanger Hill Knitting Circle").click()
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Approve and Publish").click()
    page.wait_for_load_state()
    assert Asset.objects.get(name="Hanger Hill Knitting Circle").live

    page.goto("/spaces/?location=W5+2HL")
    results = page.locator(".spaces-list")
    assert results.get_by_role("link", name="Hanger Hill Knitting Circle").is_visible()
    page.wait_for_selector("#spaces-map[data-feature-count]")
    assert page.get_attribute("#spaces-map", "data-feature-count") == "3"
    page.goto("/spaces/?location=W5+2HL&q=knitting")
    page.wait_for_selector("#spaces-map[data-feature-count='1']")
    marker = page.locator('.leaflet-marker-icon[title="Hanger Hill Knitting Circle"]')
    marker.click()
    assert (
        page.locator(".leaflet-popup-content")
        .get_by_role("link", name="Hanger Hill Knitting Circle")
        .is_visible()
    )


def test_find_works_without_javascript(browser, live_server, site):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/spaces/")
    page.get_by_label("Near").fill("W5 2HL")
    page.get_by_role("button", name="Search").click()
    assert "2 spaces within 5 km of W5 2HL" in page.inner_text("#results-count")
    page.locator("details#filters > summary").click()  # the filters are folded, without scripts too
    page.get_by_label(re.compile(r"^Library")).check()
    page.get_by_role("button", name="Apply filters").click()
    assert page.locator(".spaces-list > li").count() == 1
    assert "away" in page.inner_text(".spaces-list")
    context.close()


def test_accessibility_of_find_detail_and_add_pages(page, live_server, site, assert_accessible):
    page.goto("/spaces/?location=W5+2HL")
    page.wait_for_selector("#spaces-map[data-feature-count]")
    assert_accessible(page)
    page.goto("/spaces/?location=W5+2HL2")  # an error state
    assert_accessible(page)
    page.goto(Asset.objects.get(name="Ealing Central Library").get_absolute_url())
    assert_accessible(page)
    page.goto("/spaces/add/")
    assert_accessible(page)
    page.get_by_role("button", name="Send for checking").click()  # errors shown
    assert "There is a problem" in page.inner_text("main")
    assert_accessible(page)


def test_find_page_on_a_phone(phone_page, live_server, site, assert_accessible):
    phone_page.goto("/spaces/?location=W5+2HL")
    phone_page.get_by_role("button", name="Show the map").click()  # on a phone, the list first
    phone_page.wait_for_selector("#spaces-map[data-feature-count]")
    overflow = phone_page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"page is {overflow}px wider than the phone's screen"
    assert_accessible(phone_page)


def test_yes_no_facts_at_320_px_by_keyboard_and_without_javascript(
    browser, live_server, site, assert_accessible
):
    """Issue 14: "Yes / No / Don't know" radios on the add page, and "not known yet" on a space's
    page, at 320 px and by keyboard; the radios are plain HTML, there without scripts."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.set_default_timeout(15_000)
    library = Asset.objects.get(name="Ealing Central Library")
    try:
        page.goto(library.get_absolute_url())
        assert "Free to use: not known yet — do you know?" in page.inner_text("main")
        assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
        assert_accessible(page)

        page.goto("/spaces/add/")
        group = page.get_by_role("group", name="Free to use?")
        assert group.get_by_role("radio", name="Don't know").is_checked()
        group.get_by_role("radio", name="Don't know").focus()
        page.keyboard.press("ArrowUp")  # to "No", as a keyboard user moves within a radio group
        assert group.get_by_role("radio", name="No", exact=True).is_checked()
        assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
        assert_accessible(page)
    finally:
        context.close()

    no_script = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        html = no_script.new_page().goto("/spaces/add/").text()
        assert 'type="radio" name="free" value="" id="id_free_2" checked' in html
    finally:
        no_script.close()
