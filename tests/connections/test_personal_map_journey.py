"""My connection map without JavaScript: the whole journey with Django's test client, the
downloads, save/open/delete under a private link, and bad input (wrong passphrase, wrong upload)."""

import io
import json
import logging

import pytest

from django.urls import reverse

from connections.answers import parse
from connections.models import PersonalMap
from tests.assets_registry.factories import AssetFactory
from tests.connections.personal_map_helpers import (
    LINK_RE,
    ealing_library,
    make_map,
    owner_of,
    post_step,
    state_of,
)

pytestmark = pytest.mark.django_db
PASSPHRASE = "orange kettle harbour"


@pytest.fixture(autouse=True)
def _fresh(fresh_geocoding_caches):
    """Rate-limit windows and geocoder answers start empty."""


@pytest.fixture
def library(gazetteer):
    return ealing_library()


def test_first_page_says_nothing_is_stored(client):
    response = client.get(reverse("connections:map_start"))
    assert response.status_code == 200
    assert "Nothing is stored unless you save it" in response.content.decode()


def test_journey_draws_the_map_with_a_list_and_keeps_nothing(client, library):
    church = AssetFactory(
        name="St Mary's Hall", categories=["place_of_worship"], third_space_types=["identity"]
    )
    response = make_map(client, space=library)
    page = response.content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page and 'role="img"' in page
    assert "You are in touch with 2 people: 1 very close and 1 not close." in page
    assert "Friends (AB): every week, very close; unlike you in age; like you in background" in page
    assert f'href="{library.get_absolute_url()}"' in page  # the registry place, in the list
    # Spaces near W5 unlike the library they use: the church hall (a kind they do not use yet).
    unlike = page.split('id="unlike-heading"')[1].split("</section>")[0]
    assert church.name.replace("'", "&#x27;") in unlike and library.name not in unlike
    assert PersonalMap.objects.count() == 0


def test_postcode_is_kept_only_as_its_district(client, library):
    response = make_map(client, space=library)
    response = client.post(
        reverse("connections:map_save"),
        {"state": state_of(response), "passphrase": PASSPHRASE, "passphrase_again": PASSPHRASE},
    )
    saved = PersonalMap.objects.get()
    assert saved.postcode_district == "W5"
    assert "2HL" not in json.dumps(saved.answers)


def test_each_step_refuses_bad_answers_with_a_clear_message(client):
    response = post_step(client, "people", "", source="postcode", postcode="W5 2H")
    assert response.status_code == 400
    assert "is not a complete UK postcode" in response.content.decode()
    response = post_step(client, "people", "", action="add", relationship="friend")
    assert response.status_code == 400
    assert "Choose how often you are in touch." in response.content.decode()
    person = {"relationship": "friend", "frequency": "weekly", "closeness": "1"}
    response = post_step(client, "people", "", action="add", initials="A1", **person)
    assert response.status_code == 400  # the form lets three characters through; answers.parse does not
    assert "Person 1: initials are up to three letters, never a name." in response.content.decode()
    response = post_step(client, "places", "", action="add", name="  ")
    assert response.status_code == 400
    assert "Choose a space from the list or type the place&#x27;s name." in response.content.decode()


def test_downloads(client, library):
    state = state_of(make_map(client, space=library))
    svg = client.post(reverse("connections:map_download", args=["svg"]), {"state": state})
    assert svg["Content-Type"] == "image/svg+xml"
    assert b"<title" in svg.content and b"Ealing Library" in svg.content
    png = client.post(reverse("connections:map_download", args=["png"]), {"state": state})
    assert png.content.startswith(b"\x89PNG\r\n\x1a\n")
    data = json.loads(
        client.post(reverse("connections:map_download", args=["json"]), {"state": state}).content
    )
    answers = parse(data)
    assert [p.relationship for p in answers.people] == ["friend", "neighbour"]
    assert answers.places[0].space == library.pk and answers.places[0].people == ["p1", "p2"]
    assert client.get(reverse("connections:map_download", args=["svg"])).status_code == 405
    assert client.post(reverse("connections:map_download", args=["exe"]), {"state": state}).status_code == 404


def test_upload_continues_a_downloaded_map(client, library):
    state = state_of(make_map(client, space=library))
    body = client.post(reverse("connections:map_download", args=["json"]), {"state": state}).content
    upload = io.BytesIO(body)
    upload.name = "my-connection-map.json"
    response = client.post(reverse("connections:map_upload"), {"file": upload, "postcode": "W5"})
    assert response.status_code == 200
    assert "You are in touch with 2 people" in response.content.decode()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"people": "lots"}', "“people” must be a list."),
        (b'{"people": [{"relationship": "boss"}]}', "Person 1: relationship must be one of"),
        (
            b'{"places": [{"name": "X", "people": ["p9"]}]}',
            "Place 1: people must list keys of people on this map.",
        ),
        (b'{"secrets": 1}', "Unknown field(s): secrets."),
        (
            b'{"places": [{"name": "X", "people": [["p1"]]}]}',
            "Place 1: people must list keys of people on this map.",
        ),
        (b"[1, 2, 3]", "A connection map is a JSON object"),
        (b"not json at all", "That file is not a map in JSON"),
        (b"\xff\xfe\x00", "That file is not a map in JSON"),
        (b"[" * 100_000, "That file is not a map in JSON"),
    ],
)
def test_wrong_shape_upload_is_refused_with_parse_messages(client, content, message):
    upload = io.BytesIO(content)
    upload.name = "map.json"
    response = client.post(reverse("connections:map_upload"), {"file": upload, "postcode": "W5"})
    assert response.status_code == 400
    page = response.content.decode()
    assert message.replace("“", "&#x201c;") in page or message in page
    assert 'value="W5"' in page  # nothing else lost: the postcode they typed is still there


def _save(client, response) -> str:
    response = client.post(
        reverse("connections:map_save"),
        {"state": state_of(response), "passphrase": PASSPHRASE, "passphrase_again": PASSPHRASE},
    )
    assert response.status_code == 200
    return LINK_RE.search(response.content.decode()).group(1)


def test_save_open_change_and_delete(client, library, caplog):
    caplog.set_level(logging.DEBUG)
    link = _save(client, make_map(client, space=library))
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert len(token) == 43
    saved = PersonalMap.objects.get(token=token)
    assert saved.passphrase_hash.startswith(("pbkdf2_sha256$", "argon2", "md5$", "bcrypt"))
    assert PASSPHRASE not in saved.passphrase_hash

    wrong = client.post(link, {"passphrase": "not the right one"})
    assert wrong.status_code == 400
    assert "That passphrase is not the one this map was saved with" in wrong.content.decode()
    assert "You are in touch with" not in wrong.content.decode()

    opened = client.post(link, {"passphrase": PASSPHRASE})
    assert opened.status_code == 200
    page = opened.content.decode()
    assert "You are in touch with 2 people" in page
    assert "Someone typed a wrong passphrase for this map 1 time" in page

    deleted = client.post(reverse("connections:map_delete", args=[token]), {"owner": owner_of(opened)})
    assert deleted.status_code == 200
    assert not PersonalMap.objects.filter(token=token).exists()
    gone = client.get(link)
    assert gone.status_code == 404 and "This map no longer exists" in gone.content.decode()
    assert client.post(link, {"passphrase": PASSPHRASE}).status_code == 404
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert token not in logged and "Allotment" not in logged


def test_delete_needs_a_fresh_proof_of_the_passphrase(client, library):
    link = _save(client, make_map(client, space=library))
    token = link.rstrip("/").rsplit("/", 1)[1]
    response = client.post(reverse("connections:map_delete", args=[token]), {"owner": "forged"})
    assert response.status_code == 403
    assert PersonalMap.objects.filter(token=token).exists()


def test_wrong_passphrases_are_limited_per_link(client, library, settings):
    settings.ASSET_SUBMISSION_RATE_LIMIT = 3
    link = _save(client, make_map(client, space=library))
    for n in range(3):
        other = {"REMOTE_ADDR": f"10.0.0.{n}"}  # from different addresses: the link's own limit holds
        assert client.post(link, {"passphrase": "wrong guess here"}, **other).status_code == 400
    response = client.post(link, {"passphrase": PASSPHRASE}, REMOTE_ADDR="10.0.0.9")
    assert response.status_code == 429
    assert "Too many tries" in response.content.decode()


def test_save_refuses_a_short_or_mismatched_passphrase(client, library):
    state = state_of(make_map(client, space=library))
    short = client.post(
        reverse("connections:map_save"), {"state": state, "passphrase": "abc", "passphrase_again": "abc"}
    )
    assert short.status_code == 400 and "too short" in short.content.decode()
    mismatch = client.post(
        reverse("connections:map_save"),
        {"state": state, "passphrase": PASSPHRASE, "passphrase_again": PASSPHRASE + "x"},
    )
    assert mismatch.status_code == 400 and "The two passphrases are different" in mismatch.content.decode()
    assert PersonalMap.objects.count() == 0
