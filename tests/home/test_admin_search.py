"""Editors' searches in the admin listings and choosers answer, whatever is typed, on every database."""

from __future__ import annotations

import pytest

from django.urls import reverse

from tests.assets_registry.factories import AssetFactory
from toolkits.models import FellowProfile, Theme

pytestmark = pytest.mark.django_db

ODD = ['"', "'", "W5 2HL", "w5", "%", "_", "AND", "OR NOT", "*", "(", "ünïcödé", "a" * 300, "\u200b", "--"]
LISTINGS = [
    "wagtailsnippets_assets_registry_asset:list",
    "wagtailsnippetchoosers_assets_registry_asset:choose_results",
    "wagtailsnippets_toolkits_theme:list",
    "wagtailsnippets_toolkits_fellowprofile:list",
]


@pytest.mark.parametrize("listing", LISTINGS)
def test_admin_search_never_fails(admin_client, listing):
    AssetFactory(name="Pitshanger Community Choir", postcode="W5 2HL", locality="Ealing")
    Theme.objects.create(name="Bridging", slug="bridging", description="Across difference")
    for text in ODD:
        response = admin_client.get(reverse(listing), {"q": text})
        assert response.status_code == 200, (text, response.status_code)


def test_admin_search_finds_spaces_by_postcode_and_place(admin_client):
    AssetFactory(name="Pitshanger Community Choir", postcode="W5 2HL", locality="Ealing")
    AssetFactory(name="Chelmsford Library", postcode="CM1 1LH", locality="Chelmsford")
    url = reverse("wagtailsnippets_assets_registry_asset:list")
    for text in ("W5 2HL", "w5", "Ealing", "pitshanger"):
        html = admin_client.get(url, {"q": text}).content.decode()
        assert "Pitshanger Community Choir" in html and "Chelmsford Library" not in html, text


def test_admin_search_finds_themes_and_fellows(admin_client, django_user_model):
    Theme.objects.create(name="Bridging", slug="bridging", description="Across difference")
    Theme.objects.create(name="Measurement", slug="measurement", description="Evaluation")
    html = admin_client.get(reverse("wagtailsnippets_toolkits_theme:list"), {"q": "bridg"}).content.decode()
    assert "Bridging" in html and "Measurement" not in html
    FellowProfile.objects.create(name="Ada Okafor", place="Baltimore", expertise="youth work")
    html = admin_client.get(
        reverse("wagtailsnippets_toolkits_fellowprofile:list"), {"q": "baltimore"}
    ).content.decode()
    assert "Ada Okafor" in html
