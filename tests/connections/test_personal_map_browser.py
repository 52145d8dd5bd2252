"""My connection map in Chromium by keyboard alone (Tab, Enter, Space and typing), with
JavaScript on and off: make the map, download it, save it, open it with the passphrase and
delete it. axe finds nothing on every page in both runs; nothing scrolls sideways at 320 px; the
printout (page.pdf()) is a PDF holding the map.

axe is a script and needs timers, which never fire in a page with JavaScript off. So in the run
without JavaScript each page's HTML, exactly as that browser has it, is checked in a second page
that runs scripts but whose own scripts (static/js/*) are refused: the same document, the same
styles, no enhancement; only axe runs there."""

from pathlib import Path

import pytest

from connections.models import PersonalMap
from tests.assets_registry.factories import AssetFactory
from tests.connections.personal_map_helpers import ealing_library
from tests.geocoding.gazetteer_fixture import load_fixture_gazetteer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSPHRASE = "orange kettle harbour"
TAB_LIMIT = 80
SHOTS = "/tmp/shots-m"
VIEWPORT = {"width": 320, "height": 720}


@pytest.fixture
def library():
    load_fixture_gazetteer()
    AssetFactory(name="St Mary's Hall", categories=["place_of_worship"], third_space_types=["identity"])
    return ealing_library()


def tab_to(page, selector: str) -> int:
    """Press Tab until the element matching ``selector`` has focus; return how many presses."""
    for presses in range(1, TAB_LIMIT + 1):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return presses
    raise AssertionError(f"{selector} is not reachable with {TAB_LIMIT} Tab presses")


def press(page, selector: str, key: str = "Enter") -> None:
    tab_to(page, selector)
    page.keyboard.press(key)


def axe_twin(context):
    """A page in ``context`` (JavaScript on) that refuses every script the site serves."""
    context.route(
        "**/*",
        lambda route: route.abort() if route.request.resource_type == "script" else route.continue_(),
    )
    twin = context.new_page()
    twin.set_default_timeout(15_000)
    twin.goto("/my-connections/")
    return twin


def check_page(page, assert_accessible, name: str, js: bool, twin=None) -> None:
    page.wait_for_load_state()
    if js:
        assert_accessible(page)
    else:
        html = page.content()
        twin.set_content(html)
        assert twin.evaluate("document.querySelectorAll('*').length") == page.evaluate(
            "document.querySelectorAll('*').length"
        ), f"{name}: the twin's document is not the page's"
        assert_accessible(twin)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), (
        f"{name} scrolls sideways"
    )
    page.screenshot(path=f"{SHOTS}/{name}-{'js' if js else 'nojs'}.png", full_page=True)


@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
def test_make_download_save_open_and_delete_by_keyboard(browser, live_server, library, assert_accessible, js):
    context = browser.new_context(
        base_url=live_server.url,
        viewport=VIEWPORT,
        java_script_enabled=js,
        accept_downloads=True,
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    twin_context = None if js else browser.new_context(base_url=live_server.url, viewport=VIEWPORT)
    twin = axe_twin(twin_context) if twin_context else None
    page.goto("/my-connections/")
    check_page(page, assert_accessible, "0-start", js, twin)
    press(page, "a[href='/my-connections/step/postcode/']")

    page.wait_for_url("**/step/postcode/")
    check_page(page, assert_accessible, "1-postcode", js, twin)
    tab_to(page, "#id_postcode")
    page.keyboard.type("W5 2HL")
    press(page, "button[value=next]")

    page.wait_for_url("**/step/people/")
    check_page(page, assert_accessible, "2-people", js, twin)
    for radio in ("#id_relationship_1", "#id_frequency_1", "#id_closeness_0"):
        tab_to(page, radio.replace("_1", "_0"))  # a group is one Tab stop: its first radio
        page.keyboard.press("Space")
    tab_to(page, "#id_like_age_2")  # the checked "don't know" is the group's Tab stop
    tab_to(page, "#id_initials")
    page.keyboard.type("AB")
    press(page, "button[value=add]")
    page.wait_for_selector("#added-people")
    check_page(page, assert_accessible, "2b-people-added", js, twin)
    press(page, "button[value=next]")

    page.wait_for_url("**/step/places/")
    tab_to(page, "#place-q")
    page.keyboard.type("library")
    press(page, "button[value=search]")
    page.wait_for_selector("#id_space_0")
    check_page(page, assert_accessible, "3-places-found", js, twin)
    press(page, "#id_space_0", "Space")
    press(page, "#id_people_0", "Space")
    press(page, "button[value=add]")
    page.wait_for_selector("#added-places")
    press(page, "button[value=next]")

    page.wait_for_url("**/step/groups/")
    check_page(page, assert_accessible, "4-groups", js, twin)
    press(page, "button[value=next]")
    page.wait_for_url("**/step/exchange/")
    check_page(page, assert_accessible, "5-exchange", js, twin)
    press(page, "#id_gives_0", "Space")
    press(page, "button[value=next]")

    page.wait_for_url("**/my-connections/map/")
    check_page(page, assert_accessible, "6-map", js, twin)
    assert "You are in touch with 1 person: 1 very close" in page.inner_text("main")
    assert page.locator("svg[role=img] > title").text_content() == "Your connection map"
    assert page.locator("[data-print-map]").is_visible() is js
    with page.expect_download() as download:
        press(page, "button[formaction$='download.svg']")
    assert download.value.suggested_filename == "my-connection-map.svg"
    with page.expect_download() as download:
        press(page, "button[formaction$='download.json']")
    assert "Ealing Library" in Path(download.value.path()).read_text(encoding="utf-8")

    tab_to(page, "#id_passphrase")
    page.keyboard.type(PASSPHRASE)
    tab_to(page, "#id_passphrase_again")
    page.keyboard.type(PASSPHRASE)
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Your map is saved")
    check_page(page, assert_accessible, "7-saved", js, twin)
    press(page, ".connection-map__link a")

    page.wait_for_selector("#id_passphrase")
    check_page(page, assert_accessible, "8-open", js, twin)
    tab_to(page, "#id_passphrase")
    page.keyboard.type("a wrong passphrase")
    page.keyboard.press("Enter")
    page.wait_for_selector("#error-summary")
    check_page(page, assert_accessible, "8b-wrong-passphrase", js, twin)
    tab_to(page, "#id_passphrase")
    page.keyboard.type(PASSPHRASE)
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Delete my saved map")
    check_page(page, assert_accessible, "9-opened", js, twin)
    assert PersonalMap.objects.count() == 1
    press(page, ".connection-map__delete button")
    page.wait_for_selector("text=Your saved map is deleted")
    check_page(page, assert_accessible, "10-deleted", js, twin)
    assert PersonalMap.objects.count() == 0
    context.close()
    if twin_context:
        twin_context.close()


def test_printout_is_a_pdf_of_the_map_without_the_forms(browser, live_server, library):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto("/my-connections/step/people/")
    page.get_by_label("Friends").check()
    page.get_by_label("Every week").check()
    page.get_by_label("Very close").check()
    page.locator("button[value=add]").click()
    page.locator("button[value=next]").click()
    page.locator("button[value=next]").click()
    page.locator("button[value=next]").click()
    page.locator("button[value=next]").click()
    page.wait_for_url("**/my-connections/map/")
    page.screenshot(path=f"{SHOTS}/6-map-desktop.png", full_page=True)
    page.emulate_media(media="print")
    assert page.locator(".connection-map__svg").is_visible()
    assert not page.locator(".connection-map__actions").is_visible()
    assert not page.locator(".site-header").is_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF-") and len(pdf) > 5_000
    context.close()
