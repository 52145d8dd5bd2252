"""Add a space by keyboard alone, in a real browser: the Tab budget, the pin placed with arrow keys,
hours typed and shown back, focus on the error summary, 320 px reflow, axe (issue 16, item 5)."""

import re

import pytest
from playwright.sync_api import expect

from assets_registry.models import Asset
from tests.factories import make_site_home
from tests.geocoding.gazetteer_fixture import load_fixture_gazetteer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Header links, then every control of the form (each category and third-space checkbox is a stop,
# each radio group one), the pin's button, latitude, longitude and three hours rows: 59 today.
# Before, the 14 native time inputs alone took 56 Tab presses (about 110 in all).
TAB_BUDGET = 60
W5_2HL = (51.513315, -0.308899)


@pytest.fixture
def site(settings):
    settings.MAP_TILE_URL = "/static/no-tiles/{z}/{x}/{y}.png"
    make_site_home()
    load_fixture_gazetteer()


def tabs_to(page, selector: str, limit: int = 200) -> int:
    page.evaluate("document.activeElement && document.activeElement.blur()")
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return presses
    raise AssertionError(f"{selector} not reached in {limit} Tabs")


def test_tabs_from_the_top_to_the_submit_button_within_budget(page, live_server, site):
    page.goto("/spaces/add/")
    presses = tabs_to(page, "button[type=submit]")
    print(f"Tabs to submit: {presses}")
    assert presses <= TAB_BUDGET


def test_pin_placed_by_keyboard_and_hours_shown_back(page, live_server, site):
    page.goto("/spaces/add/")
    page.get_by_label("Name of the space or group").fill("Hanger Hill Knitting Circle")
    page.get_by_label("Postcode or ZIP code").fill("W5 2HL")
    page.keyboard.press("Tab")  # leaving the postcode looks it up
    page.wait_for_selector("text=Pin placed at W5 2HL")
    assert page.input_value("#id_latitude") == ""  # an unmoved pin is the postcode's, not exact

    # The map is one Tab stop after the lookup button and the skip link; nothing inside it is.
    page.get_by_role("button", name="Show the postcode on the map").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip the map"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('[data-pin-map]')")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Shift+ArrowRight")
    status = page.inner_text("[data-pin-status]")
    assert "Pin moved 100 metres east" in status
    lat, lon = float(page.input_value("#id_latitude")), float(page.input_value("#id_longitude"))
    assert lat == pytest.approx(W5_2HL[0] + 10 / 111320, abs=1e-6)
    assert lon > W5_2HL[1] + 0.001
    assert f"{lat:.5f}" in status
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_latitude"

    page.get_by_label("Row 1").fill("Mon-Fri 9-5")
    page.get_by_label("Row 2").fill("Sat 10am-")
    page.get_by_role("button", name="Send for checking").click()
    page.wait_for_selector("#error-summary")
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert page.title().startswith("Error: ")
    assert "We read this as: Mon–Fri 9:00–17:00" in page.inner_text("main")
    assert page.input_value("#id_opening_hours_1") == "Sat 10am-"  # kept as typed
    page.get_by_role("link", name=re.compile(r"^Row 2: 'Sat 10am-'|^Row 2: '10am-'")).click()
    assert page.evaluate("document.activeElement.id") == "id_opening_hours_1"
    page.keyboard.press("Control+a")
    page.keyboard.type("Sat 10am-4pm")
    page.get_by_role("button", name="Send for checking").click()
    page.wait_for_url(re.compile(r".*/spaces/add/thanks/$"))
    assert "Opening hours we recorded: Mon–Fri 9:00–17:00; Sat 10:00–16:00" in page.inner_text("main")
    asset = Asset.objects.get(name="Hanger Hill Knitting Circle")
    assert (asset.location_source, asset.location_precision) == ("manual", "exact")
    assert asset.latitude == pytest.approx(lat, abs=1e-6)
    assert asset.opening_hours.count() == 6


def test_add_another_row_by_keyboard(page, live_server, site):
    page.goto("/spaces/add/")
    page.get_by_role("button", name="Add another row").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "id_opening_hours_3"
    assert page.get_by_label("Row 4").is_visible()


def test_at_320_px_with_errors_no_horizontal_scroll_and_axe_clean(
    phone_page, live_server, site, assert_accessible
):
    page = phone_page
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto("/spaces/add/")
    page.fill("#id_postcode", "W5 2HL")
    page.keyboard.press("Tab")
    page.wait_for_selector("text=Pin placed at W5 2HL")
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    rows = page.locator(".hours-editor__row input")
    assert rows.count() == 3
    boxes = [rows.nth(i).bounding_box() for i in range(3)]
    assert boxes[0]["y"] < boxes[1]["y"] < boxes[2]["y"]  # stacked
    assert_accessible(page)
    page.fill("#id_opening_hours_0", "9-")
    page.get_by_role("button", name="Send for checking").click()
    page.wait_for_selector("#error-summary")
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    assert_accessible(page)


def test_without_javascript_coordinates_hours_and_summary_focus(browser, live_server, site):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto("/spaces/add/")
        assert page.get_by_label("Latitude").is_visible() and page.get_by_label("Row 3").is_visible()
        page.get_by_label("Row 1").fill("Mon 9-")
        page.get_by_label("Latitude").fill("51.5141")
        page.get_by_role("button", name="Send for checking").click()
        expect(page.locator("#error-summary")).to_be_focused()  # autofocus, no script
        summary = page.inner_text("#error-summary")
        assert "Row 1: '9-' has no closing time. Write it like Mon–Fri 9:00–17:00" in summary
        assert "Enter the longitude too, or leave both empty to use the postcode" in summary
        assert page.input_value("#id_opening_hours_0") == "Mon 9-"
    finally:
        context.close()
