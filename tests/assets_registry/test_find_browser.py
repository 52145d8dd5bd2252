"""Find a space in Chromium, as a resident meets it: the form with JavaScript lists nearest first,
the first result is on a phone's first screen, nothing scrolls sideways at 320 px, the map is one
Tab stop with a skip link before it, and the first result is at most 15 Tab presses from the top."""

import re

import pytest
from geopy.distance import great_circle

from assets_registry.selectors import filters_from_params
from tests.geocoding.gazetteer_fixture import load_fixture_gazetteer

from .factories import AssetFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TAB_BUDGET = 15
FOCUSABLE_IN_MAP = """() => {
    const map = document.getElementById("spaces-map");
    return [map, ...map.querySelectorAll("*")].filter(
        (el) => el.tabIndex >= 0 && el.getClientRects().length && !el.closest(".leaflet-popup")
            && (el.matches("a[href], button, input, select, summary") || el.hasAttribute("tabindex"))
    ).length;
}"""


@pytest.fixture
def spaces(settings):
    settings.MAP_TILE_URL = "/static/no-tiles/{z}/{x}/{y}.png"  # no tiles from the internet
    load_fixture_gazetteer()
    lat, lon = filters_from_params({"location": "W5 2HL"}).near
    # Far ones first by name, so A–Z would put them first; enough spread to make clusters.
    names = []
    for i in range(24):
        north, east = 0.0015 * (i % 6), 0.002 * (i // 6)
        name = f"{chr(ord('Z') - i)} Hall {i}"
        AssetFactory(name=name, latitude=lat + north, longitude=lon + east)
        names.append((great_circle((lat, lon), (lat + north, lon + east)).m, name))
    AssetFactory(name="Acton Baptist Church", latitude=lat + 0.024, longitude=lon)
    return [name for _d, name in sorted(names)]


def context_page(browser, live_server, width, height, **options):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": width, "height": height}, **options
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


def search_near_w5(page):
    page.goto("/spaces/")
    page.get_by_label("Near").fill("W5 2HL")
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url(re.compile(r".*location=W5.*"))


def first_result_names(page, count=3):
    return page.locator("#results-list h3 a").all_inner_texts()[:count]


def tabs_to_first_result(page) -> int:
    first = page.locator("#results-list h3 a").first
    for presses in range(1, 60):
        page.keyboard.press("Tab")
        if first.evaluate("(el) => el === document.activeElement"):
            return presses
    return 60


def test_the_form_with_javascript_lists_nearest_first(page, live_server, spaces, assert_accessible):
    page.goto("/spaces/")
    assert page.get_by_role("link", name="library near W5 2HL").is_visible()
    assert_accessible(page)  # the empty search's start: examples and kinds of space
    search_near_w5(page)
    assert "sort=name" not in page.url
    assert first_result_names(page) == spaces[:3]
    assert page.locator("#search-sort").input_value() == ""


def test_the_first_result_is_on_a_phones_first_screen(browser, live_server, spaces, assert_accessible):
    context, page = context_page(browser, live_server, 390, 844, is_mobile=True, has_touch=True)
    search_near_w5(page)
    top = page.locator("#results-list h3 a").first.evaluate("(el) => el.getBoundingClientRect().top")
    assert 0 < top <= 844 - 24, f"the first result starts {top:.0f} px down"
    assert page.get_by_text("Filters", exact=False).first.is_visible()
    assert page.locator("#search-q").is_visible() and page.locator("#search-location").is_visible()
    # The map waits for a tap; then it is there, and one Tab stop.
    assert page.locator("#spaces-map").is_hidden()
    page.get_by_role("button", name="Show the map").click()
    page.wait_for_selector("#spaces-map[data-feature-count]")
    assert page.evaluate(FOCUSABLE_IN_MAP) == 1
    assert_accessible(page)
    context.close()


@pytest.mark.parametrize("filters_open", [False, True])
def test_no_sideways_scrolling_at_320_px(browser, live_server, spaces, filters_open):
    context, page = context_page(browser, live_server, 320, 640, is_mobile=True, has_touch=True)
    search_near_w5(page)
    if filters_open:
        page.locator("details#filters > summary").click()
        assert page.get_by_label("Sort by").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    context.close()


def test_tabs_from_the_top_to_the_first_result(page, live_server, spaces):
    page.goto("/spaces/?location=W5+2HL")
    page.wait_for_selector("#spaces-map[data-feature-count]")
    presses = tabs_to_first_result(page)
    assert presses <= TAB_BUDGET, f"{presses} Tab presses to the first result"


def test_tabs_on_a_phone(browser, live_server, spaces):
    context, page = context_page(browser, live_server, 390, 844)
    page.goto("/spaces/?location=W5+2HL")
    presses = tabs_to_first_result(page)
    assert presses <= TAB_BUDGET, f"{presses} Tab presses to the first result"
    context.close()


def test_the_map_is_one_tab_stop_even_after_zooming(page, live_server, spaces, assert_accessible):
    page.goto("/spaces/?location=W5+2HL&radius=2")
    page.wait_for_selector("#spaces-map[data-feature-count] .marker-cluster")
    assert page.evaluate(FOCUSABLE_IN_MAP) == 1
    # Zooming by keyboard makes new clusters and markers: still nothing inside is focusable.
    page.locator("#spaces-map").focus()
    for _ in range(3):
        page.keyboard.press("Equal")
        page.wait_for_timeout(400)
    assert page.locator("#spaces-map .leaflet-marker-icon").count() > 0
    assert page.evaluate(FOCUSABLE_IN_MAP) == 1
    assert_accessible(page)


def test_skip_the_map_goes_to_the_results(page, live_server, spaces):
    page.goto("/spaces/?location=W5+2HL")
    page.wait_for_selector("#spaces-map[data-feature-count]")
    skip = page.get_by_role("link", name="Skip the map")
    skip.focus()
    assert skip.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "results-list"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == spaces[0]


def test_filters_fold_and_keep_working(page, live_server, spaces, assert_accessible):
    page.goto("/spaces/?location=W5+2HL")
    summary = page.locator("details#filters > summary")
    assert page.get_by_label("Sort by").is_hidden()
    summary.focus()
    page.keyboard.press("Enter")
    page.get_by_label("Sort by").select_option("name")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r".*sort=name.*"))
    assert first_result_names(page, 1) == ["Acton Baptist Church"]
    assert_accessible(page)
