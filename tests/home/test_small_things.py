"""The small things people notice: robots.txt, the favicon and touch icon, the API reference page,
the admin menu's labels and the case-study map without JavaScript."""

import json
import re

import pytest
from PIL import Image

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage

from assets_registry.services import moderators_group
from config.openapi_reference import example_value, openapi_reference, type_label
from tests.factories import UserFactory, make_site_home
from tests.home.helpers import sign_in
from tests.toolkits.factories import CaseStudyPageFactory, make_knowledge_hub

# --- robots.txt and icons ---------------------------------------------------------------------


@pytest.mark.django_db
def test_robots_txt_keeps_crawlers_out_of_the_admin_and_points_at_the_sitemap(client):
    make_site_home()
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert {"Disallow: /admin/", "Disallow: /django-admin/"} <= set(lines)
    assert "Disallow: /" not in lines  # the public site stays crawlable
    sitemap = [line.split(": ", 1)[1] for line in lines if line.startswith("Sitemap: ")]
    assert sitemap == ["http://testserver/sitemap.xml"]
    answer = client.get("/sitemap.xml")
    assert answer.status_code == 200 and b"<urlset" in answer.content


@pytest.mark.django_db
def test_robots_txt_answers_head_and_refuses_post(client):
    assert client.head("/robots.txt").status_code == 200
    assert client.post("/robots.txt").status_code == 405


@pytest.mark.parametrize(
    ("path", "static_name", "sizes"),
    [
        ("/favicon.ico", "icons/favicon.ico", {(16, 16), (32, 32), (48, 48)}),
        ("/apple-touch-icon.png", "icons/apple-touch-icon.png", {(180, 180)}),
        ("/apple-touch-icon-precomposed.png", "icons/apple-touch-icon.png", {(180, 180)}),
    ],
)
def test_root_icons_lead_to_real_images(client, path, static_name, sizes):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == staticfiles_storage.url(static_name)
    with Image.open(finders.find(static_name)) as image:
        found = image.ico.sizes() if image.format == "ICO" else {image.size}
        assert found == sizes


@pytest.mark.django_db
def test_every_page_links_its_icons(client):
    make_site_home()
    html = client.get("/").content.decode()
    hrefs = re.findall(r'<link rel="(?:icon|apple-touch-icon)" href="([^"]+)"', html)
    assert [href.rsplit(".", 1)[-1] for href in hrefs] == ["ico", "svg", "png"]
    for href in hrefs:
        assert finders.find(href.removeprefix(settings.STATIC_URL)), href


# --- the API reference ------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", ["/api/v1", "/api/hsds"])
def test_api_reference_renders_every_operation_and_model_of_the_description(client, prefix):
    make_site_home()
    description = client.get(f"{prefix}/openapi.json").json()
    response = client.get(f"{prefix}/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="site-header"' in html and 'class="site-footer"' in html  # the site's own page
    assert "swagger" not in html.lower()
    for path, item in description["paths"].items():
        for operation in item.values():
            assert f"<code>{path}</code>" in html
            assert f'id="{operation["operationId"]}"' in html
            for parameter in operation.get("parameters", []):
                assert f"<code>{parameter['name']}</code>" in html
    for name in description["components"]["schemas"]:
        assert f'id="model-{name}"' in html


@pytest.mark.django_db
def test_api_reference_example_links_answer(client):
    """Every example request the page offers as a link is a request the API answers."""
    make_site_home()
    html = client.get("/api/v1/docs").content.decode()
    examples = re.findall(r'<a href="(/api/v1/[^"]*)">Open', html)
    assert "/api/v1/spaces" in examples and "/api/v1/taxonomy" in examples
    for url in examples:
        assert client.get(url).status_code == 200, url


def test_reference_names_types_and_rules_as_a_reader_would():
    spaces_param = {"anyOf": [{"type": "string", "maxLength": 200}, {"type": "null"}]}
    assert type_label(spaces_param) == ("string or null", "")
    assert type_label({"type": "array", "items": {"$ref": "#/components/schemas/SpaceOut"}}) == (
        "array of SpaceOut",
        "SpaceOut",
    )
    reference = openapi_reference(
        {
            "info": {"title": "T", "version": "2"},
            "paths": {
                "/things/{thing_id}": {
                    "get": {
                        "operationId": "one_thing",
                        "tags": ["things"],
                        "parameters": [
                            {
                                "in": "path",
                                "name": "thing_id",
                                "required": True,
                                "schema": {"type": "integer"},
                            },
                            {
                                "in": "query",
                                "name": "kind",
                                "schema": {"type": "array", "items": {"enum": ["a", "b"], "type": "string"}},
                            },
                            {
                                "in": "query",
                                "name": "radius",
                                "schema": {"type": "number", "minimum": 0.1, "maximum": 200.0, "default": 5},
                            },
                        ],
                        "responses": {"200": {"description": "OK"}},
                    }
                }
            },
        }
    )
    (section,) = reference.sections
    (operation,) = section.operations
    assert (section.title, operation.method, operation.anchor) == ("Things", "GET", "one_thing")
    _, kind, radius = operation.parameters
    assert kind.allowed == ("a", "b")
    assert radius.rules == ("minimum 0.1", "maximum 200", "default 5")
    # A path parameter with no example cannot be followed as a link.
    assert (operation.example_path, operation.example_is_real) == ("/things/{thing_id}", False)


def test_example_values_stop_at_self_reference():
    node = {"name": {"type": "string"}, "child": {"$ref": "#/components/schemas/Node"}}
    components = {"Node": {"type": "object", "properties": node}}
    value = example_value({"$ref": "#/components/schemas/Node"}, components)
    depth = 0
    while value:
        depth += 1
        value = value["child"]
    assert depth == 4
    assert json.dumps(example_value({"type": "string", "format": "date"}, {})) == '"2025-01-31"'


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_api_reference_is_complete_without_javascript(browser, live_server):
    # axe needs script, so it runs on this page in the sweep (test_page_sweep.py), not here.
    make_site_home()
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/api/v1/docs")
    assert page.locator("h1").inner_text() == "Connected Places Hub API"
    page.get_by_role("link", name="Find spaces").click()
    assert page.get_by_role("heading", name="Find spaces").is_visible()
    page.get_by_text("Example 200 body").first.click()  # <details> opens without script
    assert page.locator("details[open] pre").first.is_visible()
    context.close()


# --- the admin menu ----------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("who", ["superuser", "space moderator"])
def test_admin_menu_labels_are_shown_in_full(browser, live_server, who):
    """At the sidebar's default width no label of the main menu or its submenus is cut short."""
    make_site_home()
    if who == "superuser":
        user = UserFactory(username="admin", is_superuser=True, is_staff=True)
    else:
        user = UserFactory(username="moderator")
        user.groups.add(moderators_group())
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    sign_in(context, live_server, user)
    page = context.new_page()
    page.goto("/admin/")
    cut = """() => [...document.querySelectorAll('.sidebar .menuitem-label')]
        .filter(e => e.offsetParent && e.scrollWidth > e.clientWidth).map(e => e.textContent.trim())"""
    labels = page.locator(".sidebar .menuitem-label")
    assert "Spaces" in labels.all_inner_texts()
    assert page.evaluate(cut) == []
    submenus = page.locator(".sidebar-main-menu button.sidebar-menu-item__link")
    for index in range(submenus.count()):
        submenus.nth(index).click()
        page.wait_for_timeout(300)  # the submenu slides in
        assert page.evaluate(cut) == [], submenus.nth(index).inner_text()
        page.keyboard.press("Escape")
    context.close()


# --- the case-study map ----------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_case_study_map_appears_only_when_it_can_be_drawn(browser, live_server, assert_accessible):
    _home, _toolkits, index = make_knowledge_hub()
    CaseStudyPageFactory(parent=index, title="Southall residents map their assets")
    CaseStudyPageFactory(parent=index, title="Harlow's clubs", latitude=51.77, longitude=0.09)

    no_script = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = no_script.new_page()
    page.goto(index.url)
    assert page.get_by_role("heading", name="Map", exact=True).count() == 0
    assert page.get_by_role("link", name="Skip the map").count() == 0
    assert page.get_by_role("link", name="Harlow's clubs").is_visible()  # the list has every one
    no_script.close()

    scripted = browser.new_context(base_url=live_server.url)
    scripted.route(re.compile(r"^https?://(?!127\.0\.0\.1|localhost)"), lambda route: route.abort())
    page = scripted.new_page()
    page.goto(index.url)
    page.wait_for_selector("#case-study-map .leaflet-marker-icon")
    assert page.get_by_role("heading", name="Map", exact=True).is_visible()
    # The map is one Tab stop: markers and controls are not, and the skip link passes it.
    assert page.locator("#case-study-map [tabindex='0']:not(#case-study-map)").count() == 0
    assert page.locator("#case-study-map .leaflet-marker-icon[tabindex='0']").count() == 0
    skip = page.get_by_role("link", name="Skip the map")
    skip.focus()
    assert skip.is_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "case-study-map"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('#case-study-map')") is None
    skip.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "results-heading"
    assert_accessible(page)
    scripted.close()
