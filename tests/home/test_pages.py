from io import StringIO

import pytest

from django.core.management import call_command

from home.models import HomePage
from tests.factories import make_site_home

pytestmark = pytest.mark.django_db

SECTIONS = ["/toolkits/", "/case-studies/", "/spaces/", "/atlas/", "/search/"]


def test_home_page_links_to_every_section(client):
    make_site_home()
    html = client.get("/").content.decode()
    for url in SECTIONS:
        assert f'href="{url}"' in html
    assert 'href="#main"' in html and 'id="main"' in html


def test_unknown_url_gets_the_custom_404(client):
    make_site_home()
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_footer_shows_what_editors_set_for_the_site(client):
    from home.models import FooterSettings

    site = make_site_home().get_site()
    FooterSettings.objects.update_or_create(
        site=site,
        defaults={"about": "Run by the Ealing convening team.", "contact_email": "hello@example.org"},
    )
    html = client.get("/spaces/").content.decode()
    assert "Run by the Ealing convening team." in html
    assert 'href="mailto:hello@example.org"' in html


def test_pages_render_when_no_site_answers_for_the_host(client):
    from wagtail.models import Site

    Site.objects.all().delete()
    response = client.get("/spaces/")
    assert response.status_code == 200
    assert "An open-source platform for communities" in response.content.decode()  # footer default
    assert client.get("/no-such-page/").status_code == 404
    assert client.get("/sitemap.xml").status_code == 404  # no pages to list, not a 500


def test_sitemap_lists_the_sites_live_pages(client):
    home = make_site_home()
    body = client.get("/sitemap.xml").content.decode()
    assert home.get_full_url() in body


def test_server_error_page_renders_without_a_request_context(client, settings):
    from home.views import server_error

    response = server_error(request=None)
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


def test_load_demo_is_idempotent():
    call_command("load_demo", stdout=StringIO())
    first = {model: model.objects.count() for model in _counted_models()}
    call_command("load_demo", stdout=StringIO())
    second = {model: model.objects.count() for model in _counted_models()}
    assert first == second
    assert HomePage.objects.live().count() == 1


def _counted_models():
    from django.apps import apps

    from wagtail.models import Page

    ours = {"home", "toolkits", "assets_registry", "atlas", "search"}
    return [Page, *(m for m in apps.get_models() if m._meta.app_label in ours)]
