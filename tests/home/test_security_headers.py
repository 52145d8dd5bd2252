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


@pytest.mark.django_db
def test_every_response_carries_both_policies(client):
    make_knowledge_hub()
    for url in ("/", "/spaces/", "/api/v1/spaces", "/admin/login/"):
        response = client.get(url)
        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "frame-ancestors 'self'" in policy, url
        assert "object-src 'none'" in policy and "unsafe-inline" not in policy.split("style-src-attr")[0]
        assert (
            "geolocation=(self)" in response["Permissions-Policy"]
            and "camera=()" in response["Permissions-Policy"]
        )


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
