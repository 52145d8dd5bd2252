"""The atlas as keyboard, screen-reader and phone users meet it: the map is one Tab stop with a
skip link to the table, described in words; every atlas page reflows at 320 CSS px."""

import re

import pytest

from atlas.importers import EnglandLADBoundaries
from atlas.models import Area, AreaKind
from atlas.services import pilot_place_upsert
from tests.assets_registry.factories import AssetFactory
from tests.atlas.test_uk_deprivation import DATA, import_deprivation
from tests.factories import make_site_home

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TAB_BUDGET = 15
FOCUSED = """() => {
    const e = document.activeElement;
    return {
        id: e.id,
        skip: e.hasAttribute('data-map-skip'),
        inMap: !!e.closest('[data-atlas-map], [data-atlas-area-map]'),
        isMap: e.matches('[data-atlas-map], [data-atlas-area-map]'),
    };
}"""


def tab_until(page, predicate, limit: int) -> tuple[int, list[dict]]:
    """Press Tab until ``predicate(focused)``; (presses, every focused element on the way)."""
    seen = []
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        seen.append(page.evaluate(FOCUSED))
        if predicate(seen[-1]):
            return presses, seen
    raise AssertionError(f"not reached in {limit} Tabs: {seen}")


def test_atlas_map_is_one_tab_stop_with_a_skip_link_to_the_table(page, live_server, us_counties):
    make_site_home()
    page.goto("/atlas/")
    page.wait_for_selector("[data-atlas-map] path.leaflet-interactive")

    # From the top: Tab to the skip link before the map, Enter, and focus is on the table.
    presses, _ = tab_until(page, lambda f: f["skip"], limit=TAB_BUDGET)
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "atlas-table"
    assert presses <= TAB_BUDGET
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").startswith("Area")  # the first sort link

    # Without the skip link, the map costs exactly one Tab (its container), not one per county.
    page.goto("/atlas/")
    page.wait_for_selector("[data-atlas-map] path.leaflet-interactive")
    tab_until(page, lambda f: f["skip"], limit=TAB_BUDGET)
    _, seen = tab_until(page, lambda f: f["id"] == "atlas-table", limit=10)
    in_map = [f for f in seen if f["inMap"]]
    assert len(in_map) == 1 and in_map[0]["isMap"], seen

    # Screen readers hear what the map shows: measure, range and classes, from the same numbers.
    described = page.locator("[data-atlas-map]").get_attribute("aria-describedby").split()
    summary = page.locator(f"#{described[0]}").inner_text()
    with_value = Area.objects.filter(
        kind=AreaKind.US_COUNTY, values__indicator__slug="us-economic-connectedness"
    )
    drawn = Area.objects.filter(kind=AreaKind.US_COUNTY).exclude(boundary="").count()
    assert f"published for {with_value.count()} of the {drawn} US counties" in summary
    assert re.search(r"from \d\.\d{3} to \d\.\d{3}", summary)
    assert "arrow keys" in page.locator(f"#{described[1]}").inner_text()


def test_map_shapes_still_answer_the_pointer(page, live_server, us_counties):
    make_site_home()
    page.goto("/atlas/")
    page.wait_for_selector("[data-atlas-map] path.leaflet-interactive")
    page.locator("[data-atlas-map]").scroll_into_view_if_needed()
    # A point where a county is the topmost element (shapes can be small, or off the framed view).
    x, y = page.evaluate("""() => {
        for (const path of document.querySelectorAll('[data-atlas-map] path.leaflet-interactive')) {
            const box = path.getBoundingClientRect();
            const x = box.left + box.width / 2, y = box.top + box.height / 2;
            if (document.elementFromPoint(x, y) === path) return [x, y];
        }
    }""")
    page.mouse.move(x, y)
    page.mouse.move(x + 1, y)
    assert re.search(r".+: (\d\.\d{3}|no estimate published)", page.locator(".leaflet-tooltip").inner_text())
    page.mouse.click(x + 1, y)
    page.wait_for_url(re.compile(r"/atlas/us_county/\d{5}/$"))


def test_area_map_is_one_tab_stop_with_a_skip_link_to_the_spaces(page, live_server, us_counties):
    make_site_home()
    for n in range(3):
        AssetFactory(
            name=f"Waverly hall {n}",
            latitude=39.329 + n / 1000,
            longitude=-76.61,
            country="US",
            postcode="21218",
        )
    page.goto("/atlas/us_county/24510/")
    page.wait_for_selector("[data-atlas-area-map] path.leaflet-interactive")
    tab_until(page, lambda f: f["skip"], limit=80)
    _, seen = tab_until(page, lambda f: not f["inMap"], limit=10)
    assert [f["isMap"] for f in seen] == [True, False], seen
    page.goto("/atlas/us_county/24510/")
    page.wait_for_selector("[data-atlas-area-map] path.leaflet-interactive")
    tab_until(page, lambda f: f["skip"], limit=80)
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "atlas-spaces-list"


def test_every_atlas_page_reflows_at_320_px(page, live_server, us_counties, london_boroughs):
    make_site_home()
    page.set_viewport_size({"width": 320, "height": 640})
    EnglandLADBoundaries().run(DATA / "england_lads.geojson", commit=True, progress=False)
    import_deprivation()
    ealing = Area.objects.filter(code="E09000009")
    pilot_place_upsert(slug="ealing", name="Ealing", country="GB", summary="A London borough.", areas=ealing)
    baltimore = Area.objects.filter(kind=AreaKind.US_COUNTY, code="24510")
    pilot_place_upsert(slug="baltimore", name="Baltimore", country="US", summary="", areas=baltimore)
    AssetFactory(name="Ealing Broadway community centre with a rather long name")
    urls = [
        "/atlas/",
        "/atlas/?kind=uk_lad",
        "/atlas/?kind=us_county&sort=value&order=desc",
        "/atlas/us_county/24510/",
        "/atlas/london_borough/E09000009/",
        "/atlas/uk_lad/E09000009/",
        "/atlas/places/",
        "/atlas/places/ealing/",
        "/atlas/places/baltimore/",
        "/atlas/search/?q=Baltimore",
        "/atlas/search/?q=Atlantis",
    ]
    for url in urls:
        page.goto(url)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{url} is {overflow}px wider than 320px"
        # Tables wider than the screen scroll inside their own labelled, focusable region.
        for wrap in page.locator(".table-wrap").all():
            assert wrap.get_attribute("role") == "region" and wrap.get_attribute("tabindex") == "0"
            label = page.locator(f"#{wrap.get_attribute('aria-labelledby')}")
            assert label.inner_text().strip(), url
        assert page.locator("h1").bounding_box()["width"] <= 320
