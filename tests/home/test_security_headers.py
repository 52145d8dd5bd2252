"""Content-Security-Policy and Permissions-Policy: on every response, and the admin works under
them with no violation (the public pages are checked by the page sweep, test_page_sweep.py)."""

from __future__ import annotations

import pytest

from django.urls import reverse

from tests.assets_registry.factories import AssetFactory
from tests.conftest import RECORD_CSP_VIOLATIONS, csp_violations
from tests.factories import UserFactory
from tests.home.helpers import sign_in
from tests.toolkits.factories import ToolkitPageFactory, make_knowledge_hub


def directives(policy: str) -> dict[str, set[str]]:
    return {
        name: set(values) for name, *values in (part.split() for part in policy.split(";") if part.strip())
    }


@pytest.mark.django_db
def test_every_response_carries_both_policies(client):
    make_knowledge_hub()
    for url in ("/", "/spaces/", "/api/v1/spaces", "/admin/login/"):
        response = client.get(url)
        policy = directives(response["Content-Security-Policy"])
        assert policy["frame-ancestors"] == {"'self'"} and policy["object-src"] == {"'none'"}, url
        assert policy["style-src-attr"] == {"'unsafe-inline'"}, url
        # Inline script and style elements: the admin's only (Wagtail writes them), never the site's.
        inline = {"'self'", "'unsafe-inline'"} if url.startswith("/admin/") else {"'self'"}
        assert policy["script-src"] == inline and policy["style-src"] == inline, url
        permissions = response["Permissions-Policy"]
        assert "geolocation=(self)" in permissions and "camera=()" in permissions, url


def test_the_public_policy_stays_strict_after_admin_pages(client, admin_user):
    """The admin's additions never leak into the site's policy (one process serves both)."""
    client.force_login(admin_user)
    client.get("/admin/")
    assert directives(client.get("/robots.txt")["Content-Security-Policy"])["script-src"] == {"'self'"}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_admin_meets_no_violation(browser, live_server):
    _home, toolkits, _case_studies = make_knowledge_hub()
    toolkit = ToolkitPageFactory(parent=toolkits, title="Map your community's assets")
    space = AssetFactory(name="Pitshanger Community Choir")
    admin = UserFactory(username="admin", is_superuser=True, is_staff=True)
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.route(
        "**/*",
        lambda route: route.continue_() if route.request.url.startswith(live_server.url) else route.abort(),
    )
    context.add_init_script(RECORD_CSP_VIOLATIONS)
    sign_in(context, live_server, admin)
    page = context.new_page()
    failures = []
    for url in (
        "/admin/",
        reverse("wagtailadmin_pages:edit", args=[toolkit.pk]),
        reverse("wagtailadmin_explore", args=[toolkits.pk]),
        reverse("wagtailsnippets_assets_registry_asset:list"),
        reverse("wagtailsnippets_assets_registry_asset:edit", args=[space.pk]),
        reverse("spaces-moderation:index"),
        reverse("wagtailimages:index"),
        reverse("wagtaildocs:index"),
        "/admin/settings/",
    ):
        page.goto(url)
        page.wait_for_load_state("networkidle")
        failures += [f"{url}: {v}" for v in csp_violations(page)]
    context.close()
    assert not failures, "\n".join(failures)
