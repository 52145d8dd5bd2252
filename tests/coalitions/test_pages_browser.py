"""The coalition pages as people meet them in a browser (P): axe at 1280 and 320 px, no sideways
scrolling at 320 px, complete without JavaScript, reachable by keyboard, and a summary that
prints on A4 with whole charts."""

from __future__ import annotations

import re

import pytest

from tests.coalitions.page_data import PARTICIPANTS, make_coalitions
from tests.conftest import csp_violations
from tests.factories import make_site_home

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    "/coalitions/",
    "/coalitions/compare/",
    "/places/ealing/coalition/",
    "/places/ealing/coalition/impact/",
    "/places/ealing/coalition/summary/2025/",
]


@pytest.fixture
def data(live_server):
    make_site_home()
    return make_coalitions()


@pytest.fixture
def narrow_page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def test_pages_are_accessible_on_a_desktop(page, data, assert_accessible):
    page.add_init_script(
        "window.__cspViolations = []; document.addEventListener('securitypolicyviolation', "
        "(e) => window.__cspViolations.push(e.effectiveDirective + ' ' + e.blockedURI));"
    )
    for url in PAGES:
        page.goto(url)
        assert_accessible(page)
        assert csp_violations(page) == [], url
    page.goto("/places/ealing/coalition/impact/")
    chart = page.get_by_role("img", name=f"{PARTICIPANTS} (people)")
    assert chart.is_visible()
    assert "Baseline 120 people" in chart.evaluate("svg => svg.querySelector('desc').textContent")


def test_pages_fit_320_px_and_pass_axe(narrow_page, data, assert_accessible):
    for url in PAGES:
        narrow_page.goto(url)
        overflow = narrow_page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{url} is {overflow}px wider than a 320 px screen"
        assert_accessible(narrow_page)
    # The chart scales down to the screen instead of overflowing it.
    narrow_page.goto("/places/ealing/coalition/impact/")
    box = narrow_page.locator("svg.chart").first.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 320 and box["height"] > 100


def test_pages_are_complete_without_javascript(browser, live_server, data):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/places/ealing/coalition/impact/")
    assert page.locator("svg.chart[role=img]").count() == 2
    table = page.get_by_role("table", name=f"{PARTICIPANTS}: every value (people)")
    assert table.get_by_role("cell", name="260 people").is_visible()
    definition = page.get_by_text("different incomes")
    assert definition.is_hidden()
    page.locator("summary", has_text="Definition").first.click()  # <details> opens without script
    assert definition.is_visible()
    context.close()


def test_keyboard_reaches_impact_and_the_value_tables(page, data):
    page.goto("/places/ealing/coalition/")
    presses = 0
    while page.evaluate("document.activeElement.textContent.trim()") != "Impact":
        assert presses < 15, "The Impact link is more than 15 Tab presses from the top"
        page.keyboard.press("Tab")
        presses += 1
    page.keyboard.press("Enter")
    page.wait_for_url("**/coalition/impact/")
    # The scrolling table of values is a Tab stop of its own (keyboard users can scroll it).
    region = page.get_by_role("region", name=f"{PARTICIPANTS}: every value (people)")
    region.focus()
    assert page.evaluate("document.activeElement.getAttribute('role')") == "region"


def test_summary_prints_on_a4_with_whole_charts(page, data):
    page.goto("/places/ealing/coalition/summary/2025/")
    page.emulate_media(media="print")
    # A4 less 14 mm margins each side: 182 mm = 688 CSS px.
    page.set_viewport_size({"width": 688, "height": 1000})
    assert page.locator(".site-header").is_hidden()
    charts = page.locator(".coal-summary-chart")
    assert charts.count() == 2
    for i in range(charts.count()):
        box = charts.nth(i).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 688
        assert charts.nth(i).evaluate("el => getComputedStyle(el).breakInside") == "avoid"
    pdf = page.pdf(format="A4", print_background=True)
    assert pdf.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page(?![a-z])", pdf))
    assert 1 <= pages <= 3, f"the summary prints on {pages} A4 pages"
