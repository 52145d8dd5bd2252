import pytest

from atlas.importers import EnglandLADBoundaries
from atlas.models import Area, AreaKind
from atlas.services import AreaData, areas_upsert, pilot_place_upsert
from tests.assets_registry.factories import AssetFactory
from tests.atlas.test_uk_deprivation import DATA, import_deprivation
from tests.factories import make_site_home

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_atlas_page_map_table_and_accessibility(page, live_server, assert_accessible, us_counties):
    make_site_home()
    page.goto("/atlas/")
    assert page.locator("h1").inner_text() == "Social-capital atlas"
    # The map draws every county with a boundary as an SVG path, coloured from the legend.
    page.wait_for_selector("[data-atlas-map] path.leaflet-interactive")
    drawn = page.locator("[data-atlas-map] path.leaflet-interactive").count()
    assert drawn == Area.objects.filter(kind=AreaKind.US_COUNTY).exclude(boundary="").count()
    assert "Select an area on the map" in page.locator("[data-map-note]").inner_text()
    assert_accessible(page)

    # Sorting is a link: keyboard and no-JS users get the same table, highest first.
    page.get_by_role("link", name="Economic connectedness (sort descending)").click()
    page.wait_for_url("**sort=value**")
    header = page.locator("th[aria-sort]")
    assert header.get_attribute("aria-sort") == "descending"
    assert_accessible(page)


def test_area_page_accessibility(page, live_server, assert_accessible, us_counties):
    make_site_home()
    AssetFactory(
        name="Waverly rec centre", latitude=39.3290, longitude=-76.6100, country="US", postcode="21218"
    )
    page.goto("/atlas/us_county/24510/")
    assert page.locator("h1").inner_text() == "Baltimore City, Maryland"
    page.wait_for_selector("[data-atlas-area-map] path.leaflet-interactive")
    assert page.get_by_role("link", name="Waverly rec centre").is_visible()
    assert_accessible(page)


def test_pages_with_missing_data_are_accessible(page, live_server, assert_accessible):
    make_site_home()
    areas, _ = areas_upsert(kind=AreaKind.US_ZIP, rows=[AreaData(code="99999", name="ZIP 99999")])
    pilot_place_upsert(slug="nowhere", name="Nowhere", country="US", summary="", areas=areas.values())
    for url in ("/atlas/us_zip/99999/", "/atlas/places/nowhere/", "/atlas/"):
        page.goto(url)
        assert_accessible(page)


def test_atlas_fits_a_phone(phone_page, live_server, us_counties):
    make_site_home()
    for url in ("/atlas/", "/atlas/us_county/24510/"):
        phone_page.goto(url)
        overflow = phone_page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{url} is {overflow}px wider than the phone's screen"


def test_uk_atlas_map_draws_with_javascript(page, live_server, assert_accessible):
    """The UK view used to say "The map needs JavaScript" with JavaScript on: nothing to map."""
    make_site_home()
    EnglandLADBoundaries().run(DATA / "england_lads.geojson", commit=True, progress=False)
    import_deprivation()
    page.goto("/atlas/?kind=uk_lad")
    page.wait_for_selector("[data-atlas-map] path.leaflet-interactive")
    assert page.locator("[data-atlas-map] path.leaflet-interactive").count() == 296
    assert "Select an area on the map" in page.locator("[data-map-note]").inner_text()
    assert_accessible(page)
    essex = Area.objects.filter(kind=AreaKind.UK_LAD, code__in=["E07000076", "E07000077"])
    pilot_place_upsert(slug="essex", name="Essex", country="GB", summary="", areas=essex)
    page.goto("/atlas/places/essex/")
    assert page.get_by_role("cell", name="Deprivation (Index of Multiple Deprivation 2025)").count() == 2
    assert_accessible(page)
