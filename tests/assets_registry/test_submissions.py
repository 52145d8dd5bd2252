"""Residents add spaces, suggest edits and report closures: drafts in moderation, spam
controls, duplicate warnings, and nothing lost when geocoding fails."""

import pytest

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assets_registry.models import Asset, AssetSuggestion
from assets_registry.personal_data import contact_email
from assets_registry.selectors import names_look_alike, public_assets
from assets_registry.services import suggestion_submit
from geocoding.models import GBPostcode
from tests.geocoding.nominatim_server import EALING_BROADWAY

from .factories import AssetFactory

pytestmark = pytest.mark.django_db

W5_2HL_POSITION = (51.513315, -0.308899)  # from the gazetteer fixture (Code-Point Open)


def form_data(**overrides):
    data = {
        "name": "Pitshanger Community Choir",
        "description": "Weekly singing for all ages.",
        "categories": ["arts_club"],
        "third_space_types": ["activity"],
        "setting": "hobby_recreational",
        "country": "GB",
        "postcode": "w5 2hl",
        "address": "Pitshanger Lane",
        "locality": "Ealing",
        "free": "True",
        "step_free": "False",
        "opening_hours_0": "Wed 19:00-21:00",
        "submitter_email": "resident@example.org",
    }
    data.update(overrides)
    return data


def test_add_page_renders(client):
    page = client.get(reverse("assets_registry:add"))
    assert page.status_code == 200
    assert 'name="organisation_fax"' in page.content.decode()


def test_submission_is_a_draft_in_moderation_located_by_postcode(client, gazetteer):
    response = client.post(reverse("assets_registry:add"), form_data())
    assert response.status_code == 302 and response.url == reverse("assets_registry:add_thanks")
    asset = Asset.objects.get(name="Pitshanger Community Choir")
    assert asset.live is False and asset.data_source == "resident"
    assert asset.workflow_in_progress
    assert (asset.latitude, asset.longitude) == pytest.approx(W5_2HL_POSITION, abs=1e-6)
    assert (asset.location_source, asset.location_precision) == ("gazetteer", "postcode")
    assert (asset.admin_district_code, asset.admin_district_name) == ("E09000009", "Ealing")
    assert asset.postcode == "W5 2HL" and contact_email(asset) == "resident@example.org"
    # Yes, no, and "Don't know" (the radios' default, sent as "") kept apart.
    assert (asset.free, asset.step_free, asset.open_to_all, asset.mixed_ages) == (True, False, None, None)
    assert [(h.weekday, str(h.opens), str(h.closes)) for h in asset.opening_hours.all()] == [
        (2, "19:00:00", "21:00:00")
    ]
    assert not public_assets().filter(pk=asset.pk).exists()
    thanks = client.get(response.url).content.decode()
    assert "Pitshanger Community Choir" in thanks and str(asset.pk) in thanks


def test_a_moved_pin_wins_and_the_area_comes_from_it(client, gazetteer):
    client.post(reverse("assets_registry:add"), form_data(latitude="51.5141", longitude="-0.3080"))
    asset = Asset.objects.get()
    assert (asset.latitude, asset.longitude) == (51.5141, -0.3080)
    assert (asset.location_source, asset.location_precision) == ("manual", "exact")
    assert asset.admin_district_code == "E09000009"


def test_missing_and_malformed_postcodes_are_explained_and_nothing_is_lost(client, gazetteer):
    page = client.post(reverse("assets_registry:add"), form_data(postcode=""))
    assert page.status_code == 400
    assert "Enter the postcode or ZIP code" in page.content.decode()
    page = client.post(reverse("assets_registry:add"), form_data(postcode="W5 2HLL"))
    html = page.content.decode()
    assert page.status_code == 400 and "There is a problem" in html
    assert 'value="Pitshanger Community Choir"' in html and "Weekly singing for all ages." in html
    assert not Asset.objects.exists()


def test_honeypot_keeps_nothing(client, gazetteer):
    response = client.post(reverse("assets_registry:add"), form_data(organisation_fax="+44 20 7946 0000"))
    assert response.status_code == 302
    assert not Asset.objects.exists()


def test_rate_limit_per_address_with_a_clear_message(client, gazetteer, settings):
    settings.ASSET_SUBMISSION_RATE_LIMIT = 2
    for n in range(2):
        assert client.post(reverse("assets_registry:add"), form_data(name=f"Choir {n}")).status_code == 302
    page = client.post(reverse("assets_registry:add"), form_data(name="Choir 3"), REMOTE_ADDR="127.0.0.1")
    assert page.status_code == 429 and int(page["Retry-After"]) > 0
    html = page.content.decode()
    assert "try again in" in html and 'value="Choir 3"' in html
    assert Asset.objects.count() == 2
    # Another address is not limited.
    assert (
        client.post(
            reverse("assets_registry:add"), form_data(name="Choir 4"), REMOTE_ADDR="10.0.0.9"
        ).status_code
        == 302
    )


@pytest.mark.parametrize(
    ("a", "b", "alike"),
    [
        ("St Mary's Church", "Saint Marys Church", True),
        ("Ealing Central Library", "Central Library, Ealing", True),
        ("Questor's Theatre", "The Questors Theatre", True),
        ("Ealing Library", "Ealing Central Library", True),
        ("St Mary's Church", "St John's Church", False),
        ("Acton Mosque", "Acton Baptist Church", False),
    ],
)
def test_names_look_alike(a, b, alike):
    assert names_look_alike(a, b) is alike


def test_duplicate_within_100m_is_warned_about_then_accepted_on_confirmation(client, gazetteer):
    choir = AssetFactory(
        name="Pitshanger Community Choir", categories=["arts_club"], latitude=51.5137, longitude=-0.3085
    )  # ~50 m away
    page = client.post(reverse("assets_registry:add"), form_data(name="Pitshanger Choir"))
    html = page.content.decode()
    assert page.status_code == 409 and "Is it already on the map?" in html
    assert Asset.objects.count() == 1
    response = client.post(
        reverse("assets_registry:add"), form_data(name="Pitshanger Choir", not_duplicate="on")
    )
    assert response.status_code == 302 and Asset.objects.count() == 2
    # The moderator is told which space it may repeat, and why.
    submitted = Asset.objects.get(name="Pitshanger Choir")
    assert submitted.possible_duplicate_of == choir and "apart" in submitted.duplicate_reasons


def test_a_submission_is_geocoded_once(client, gazetteer):
    """The duplicate check uses the position the submission was geocoded to: one gazetteer lookup."""
    AssetFactory(
        name="Pitshanger Community Choir", categories=["arts_club"], latitude=51.5137, longitude=-0.3085
    )
    for data, status in ((form_data(name="Pitshanger Choir"), 409), (form_data(not_duplicate="on"), 302)):
        with CaptureQueriesContext(connection) as queries:
            assert client.post(reverse("assets_registry:add"), data).status_code == status
        table = GBPostcode._meta.db_table
        lookups = [q["sql"] for q in queries if table in q["sql"] and q["sql"].lstrip().startswith("SELECT")]
        assert len(lookups) == 1, lookups


def test_a_similar_name_far_away_is_not_a_duplicate(client, gazetteer):
    # ~750 m away, placed by another postcode: beyond what two postcode positions allow.
    AssetFactory(name="Pitshanger Community Choir", latitude=51.52, longitude=-0.31, postcode="W13 8AA")
    assert client.post(reverse("assets_registry:add"), form_data()).status_code == 302


def test_geocoder_outage_keeps_the_submission_and_a_retry_locates_it(
    client, gazetteer, geocoder_down, django_capture_on_commit_callbacks
):
    # W5 5AA is a real, well-formed postcode that the fixture gazetteer lacks: it must go online.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("assets_registry:add"), form_data(postcode="W5 5AA"))
    assert response.status_code == 302
    # The resident's request never asks the online geocoder; with the immediate task backend no
    # retry is queued either (it would run inside the request): geocode_pending finishes the job.
    assert geocoder_down.requests == []
    asset = Asset.objects.get()
    assert asset.needs_geocoding and asset.latitude is None and asset.workflow_in_progress
    assert asset.name == "Pitshanger Community Choir" and asset.postcode == "W5 5AA"
    assert "try again automatically" in client.get(response.url).content.decode()

    geocoder_down.mode, geocoder_down.answer = "ok", EALING_BROADWAY
    call_command("geocode_pending")
    asset.refresh_from_db()
    assert not asset.needs_geocoding
    assert (asset.latitude, asset.longitude) == (51.5148, -0.3017)
    assert asset.admin_district_code == "E09000009"
    # The draft under review carries the position too, so approval publishes it.
    assert asset.get_latest_revision_as_object().latitude == 51.5148


# --- suggestions and closure reports -------------------------------------------------------


def test_suggested_edit_becomes_a_moderation_item_and_changes_nothing(client):
    asset = AssetFactory(name="Ealing Green Church", phone="020 0000 0000")
    page = client.get(reverse("assets_registry:suggest", args=[asset.slug]))
    assert page.status_code == 200 and 'value="020 0000 0000"' in page.content.decode()
    data = {
        "name": asset.name,
        "description": asset.description,
        "categories": asset.categories,
        "postcode": asset.postcode,
        "locality": asset.locality,
        "phone": "020 8567 0000",
        "note": "New number since March",
        "submitter_email": "neighbour@example.org",
    }
    response = client.post(reverse("assets_registry:suggest", args=[asset.slug]), data)
    assert response.status_code == 302
    suggestion = AssetSuggestion.objects.get()
    assert suggestion.proposed_changes == {"phone": "020 8567 0000"}
    assert suggestion.original_values == {"phone": "020 0000 0000"}
    assert suggestion.workflow_in_progress and contact_email(suggestion) == "neighbour@example.org"
    asset.refresh_from_db()
    assert asset.phone == "020 0000 0000"
    assert "020 8567 0000" not in client.get(asset.get_absolute_url()).content.decode()


def test_suggestion_with_no_change_and_no_note_is_refused(client):
    asset = AssetFactory(name="Unchanged Hall")
    data = {
        "name": asset.name,
        "description": asset.description,
        "categories": asset.categories,
        "postcode": asset.postcode,
        "locality": asset.locality,
    }
    page = client.post(reverse("assets_registry:suggest", args=[asset.slug]), data)
    assert page.status_code == 400 and "Change at least one detail" in page.content.decode()
    assert not AssetSuggestion.objects.exists()


def test_suggestion_emptying_a_required_field_is_explained_not_a_server_error(client):
    asset = AssetFactory(name="Named Hall")
    data = {"name": "", "description": asset.description, "categories": asset.categories, "phone": "1"}
    page = client.post(reverse("assets_registry:suggest", args=[asset.slug]), data)
    assert page.status_code == 400
    assert "Enter the name of the space or group" in page.content.decode()
    assert not AssetSuggestion.objects.exists()


def test_closure_report_is_a_moderation_item(client):
    asset = AssetFactory(name="Old Library")
    response = client.post(
        reverse("assets_registry:report_closed", args=[asset.slug]),
        {"status": "closed", "note": "Shut in May"},
    )
    assert response.status_code == 302
    report = AssetSuggestion.objects.get()
    assert (report.kind, report.proposed_changes) == ("closure", {"status": "closed"})
    asset.refresh_from_db()
    assert asset.status == "active"


def test_suggestions_only_for_published_spaces():
    draft = AssetFactory(name="Draft", live=False)
    with pytest.raises(ValueError, match="published"):
        suggestion_submit(asset=draft, proposed_changes={"phone": "1"})
