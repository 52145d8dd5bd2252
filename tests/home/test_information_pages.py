"""The privacy notice, accessibility statement and contact page: editable pages, linked from the
footer, and the notice's retention period is the one the site applies."""

from __future__ import annotations

import io

import pytest

from django.test import Client

from home import demo
from tests.factories import make_site_home

pytestmark = pytest.mark.django_db


def test_the_demo_pages_are_linked_from_every_page_and_say_the_real_retention(settings):
    make_site_home()
    demo.load(stdout=io.StringIO())
    client = Client()
    footer = client.get("/").content.decode()
    for title, url in (
        ("Privacy notice", "/privacy/"),
        ("Accessibility statement", "/accessibility/"),
        ("Contact us", "/contact/"),
    ):
        assert f'<a href="{url}">{title}</a>' in footer
        assert client.get(url).status_code == 200
    settings.PERSONAL_DATA_RETENTION_DAYS = 30
    notice = client.get("/privacy/").content.decode()
    assert "30 days after a moderator approves or declines it" in notice
    assert "90 days" not in notice


def test_loading_the_demo_again_changes_nothing():
    make_site_home()
    demo.load(stdout=io.StringIO())
    demo.load(stdout=io.StringIO())
    from home.models import InformationPage

    assert InformationPage.objects.count() == 3
