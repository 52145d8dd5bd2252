"""No input, however odd, answers 500: property-based tests (Hypothesis) over the search box,
autocomplete, find a space, pagination and the admin's searches, on whichever database runs."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from django.test import Client

from tests.assets_registry.factories import AssetFactory
from tests.factories import UserFactory, make_site_home

pytestmark = pytest.mark.django_db

ODD_TEXT = st.one_of(
    st.text(max_size=60),  # any Unicode, control characters and surrogates' neighbours included
    st.text(alphabet="\"'*()-+^:.,;!?%_&|<>[]{}\\/~` ANDORNTaz09", max_size=30),  # query syntax
    st.sampled_from(['"', '""', '"library', 'a"b', "NEAR(a b)", "name:x", "-", "*", "AND", "OR NOT"]),
)
PAGE = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.sampled_from(["9223372036854775807", "1e9", "0", "-1", "", "last", "1.5", "\u0661"]),
)
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture
def site():
    make_site_home()
    AssetFactory(name="Pitshanger Community Choir")
    AssetFactory(name="Ealing Central Library", categories=["library"])


def _ok(response, what):
    assert response.status_code < 500, (what, response.status_code)


@FUZZ
@given(text=ODD_TEXT)
def test_search_autocomplete_and_find_a_space_take_any_text(site, text):
    client = Client()
    for url in ("/search/", "/search/autocomplete/", "/spaces/", "/spaces.geojson"):
        _ok(client.get(url, {"q": text}), (url, text))
    _ok(client.get("/spaces/", {"location": text}), ("location", text))


@FUZZ
@given(page=PAGE)
def test_any_page_number(site, page):
    client = Client()
    for url in ("/search/", "/spaces/", "/toolkits/", "/case-studies/", "/atlas/"):
        _ok(client.get(url, {"q": "library", "page": page}), (url, page))


@FUZZ
@given(text=ODD_TEXT)
def test_admin_searches_take_any_text(site, text):
    client = Client()
    client.force_login(UserFactory(username="admin", is_superuser=True, is_staff=True))
    for url in (
        "/admin/snippets/assets_registry/asset/",
        "/admin/snippets/choose/assets_registry/asset/results/",
        "/admin/snippets/toolkits/theme/",
        "/admin/snippets/toolkits/fellowprofile/",
        "/admin/pages/search/",
    ):
        _ok(client.get(url, {"q": text}), (url, text))
