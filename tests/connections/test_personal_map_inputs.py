"""No input answers 500, and a resident's map never shows up in public: pages, API, search,
exports. A place typed and ticked for the registry goes into moderation, not onto the map."""

import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from django.urls import reverse

from assets_registry.models import Asset
from connections.models import PersonalMap
from tests.connections.personal_map_helpers import FRIEND, post_step, state_of

pytestmark = pytest.mark.django_db

ODD = st.one_of(
    st.text(max_size=60),
    st.sampled_from(
        [
            "",
            "0",
            "-1",
            "99999999999999999999",
            "remove:",
            "remove:x",
            "remove:-1",
            "\x00",
            "p1",
            "add",
            "search",
            "back",
            "next",
            "W5 2HL",
            "ZZ",
            "  ",
            "1.5",
            "true",
            "null",
            "[]",
            "{}",
        ]
    ),
)
FIELDS = [
    "state",
    "from",
    "action",
    "postcode",
    "relationship",
    "frequency",
    "closeness",
    "like_age",
    "initials",
    "q",
    "space",
    "name",
    "suggest",
    "people",
    "kind",
    "gives",
    "gets",
    "passphrase",
    "passphrase_again",
    "owner",
]
URLS = [
    "/my-connections/step/postcode/",
    "/my-connections/step/people/",
    "/my-connections/step/places/",
    "/my-connections/step/groups/",
    "/my-connections/step/exchange/",
    "/my-connections/map/",
    "/my-connections/map/download.svg",
    "/my-connections/map/download.json",
    "/my-connections/save/",
    "/my-connections/upload/",
    "/my-connections/saved/" + "a" * 43 + "/",
    "/my-connections/saved/" + "a" * 43 + "/delete/",
]


@pytest.fixture(autouse=True)
def _fresh(fresh_geocoding_caches):
    """Rate-limit windows and geocoder answers start empty."""


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(url=st.sampled_from(URLS), data=st.dictionaries(st.sampled_from(FIELDS), ODD, max_size=8))
def test_no_posted_input_answers_500(client, url, data):
    response = client.post(url, {k: v.replace("\x00", "") if k in {"state"} else v for k, v in data.items()})
    assert response.status_code < 500


@pytest.mark.parametrize(
    "path",
    [
        "/my-connections/step/nowhere/",
        "/my-connections/saved/short/",
        "/my-connections/saved/" + "%00" * 43 + "/",
        "/my-connections/map/download.pdf",
    ],
)
def test_odd_addresses_are_refused_politely(client, path):
    assert client.get(path).status_code in {404, 405}


def test_a_state_from_elsewhere_is_not_trusted(client):
    """A hand-made state (not signed by us) is dropped, never read."""
    response = post_step(client, "people", "eyJhIjp7fX0:forged:signature", action="add", **FRIEND)
    assert response.status_code == 200
    assert "People on your map (1)" in response.content.decode()


def test_saved_and_suggested_answers_never_appear_in_public(client, gazetteer):
    response = post_step(client, "people", "", source="postcode", postcode="W5")
    response = post_step(client, "people", state_of(response), action="add", **FRIEND)
    response = post_step(
        client,
        "places",
        state_of(response),
        action="add",
        name="Zephyrine Allotments",
        suggest="on",
        people=["p1"],
    )
    assert "is sent to the registry" in response.content.decode()
    response = post_step(
        client, "groups", state_of(response), action="add", name="Quokka Society", kind="club"
    )
    response = post_step(client, "result", state_of(response), source="exchange")
    client.post(
        reverse("connections:map_save"),
        {
            "state": state_of(response),
            "passphrase": "orange kettle harbour",
            "passphrase_again": "orange kettle harbour",
        },
    )
    assert PersonalMap.objects.count() == 1
    suggestion = Asset.objects.get(name="Zephyrine Allotments")
    assert not suggestion.live and suggestion.data_source == "resident"  # awaiting moderation
    assert "Quokka" not in suggestion.description

    public = [
        "/",
        "/search/?q=Quokka",
        "/search/?q=Zephyrine",
        "/spaces/?q=Zephyrine",
        "/spaces/?q=Quokka",
        "/spaces.geojson?q=Zephyrine",
        "/api/v1/spaces?q=Zephyrine",
        "/api/v1/spaces?q=Quokka",
        "/spaces.csv",
        "/sitemap.xml",
        "/my-connections/",
    ]
    for path in public:
        for word in ("Quokka", "Zephyrine"):
            # A search page echoes its query: the word may appear as often as a word nobody used does.
            control = _body(client, path.replace(word, "Nonesuchword")).count(b"Nonesuchword")
            assert _body(client, path).count(word.encode()) == control, path


def _body(client, path: str) -> bytes:
    page = client.get(path)
    assert page.status_code < 500, path
    return b"".join(page.streaming_content) if page.streaming else page.content


def test_upload_of_a_huge_file_is_refused(client):
    upload = io.BytesIO(b'{"people": [' + b" " * 300_000 + b"]}")
    upload.name = "map.json"
    response = client.post(reverse("connections:map_upload"), {"file": upload})
    assert response.status_code == 400
    assert "too large for a map" in response.content.decode()
