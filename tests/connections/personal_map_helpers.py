"""Shared steps for the personal-map tests: walk the no-JS form with Django's test client."""

import re
from html import unescape

from django.urls import reverse

from tests.assets_registry.factories import W5_2HL, AssetFactory

STATE_RE = re.compile(r'name="state" value="([^"]+)"')
OWNER_RE = re.compile(r'name="owner" value="([^"]+)"')
LINK_RE = re.compile(r'href="(http://testserver/my-connections/saved/[A-Za-z0-9_-]{43}/)"')

FRIEND = {
    "relationship": "friend",
    "frequency": "weekly",
    "closeness": "1",
    "like_age": "unlike",
    "like_background": "like",
    "like_income": "unknown",
    "initials": "ab",
}
NEIGHBOUR = {"relationship": "neighbour", "frequency": "monthly", "closeness": "3", "initials": ""}


def ealing_library():
    """A public library at W5 2HL, the postcode the tests type: the space found near you."""
    return AssetFactory(
        name="Ealing Library",
        categories=["library"],
        third_space_types=["purpose"],
        latitude=W5_2HL[0],
        longitude=W5_2HL[1],
    )


def state_of(response) -> str:
    match = STATE_RE.search(response.content.decode())
    assert match, "the page carries no state"
    return unescape(match.group(1))


def owner_of(response) -> str:
    return unescape(OWNER_RE.search(response.content.decode()).group(1))


def post_step(client, step, state, *, source=None, action="next", **fields):
    """Post one page's answers, as its buttons do (``source``: the page the answers are from)."""
    url = (
        reverse("connections:map_result")
        if step == "result"
        else reverse("connections:map_step", args=[step])
    )
    data = {"state": state, "from": source or step, "action": action, **fields}
    return client.post(url, data)


def make_map(client, *, space=None, district="W5 2HL"):
    """The whole journey to the map page; returns the map page's response."""
    response = post_step(client, "people", "", source="postcode", postcode=district)
    assert response.status_code == 200, response.content.decode()[:2000]
    response = post_step(client, "people", state_of(response), action="add", **FRIEND)
    assert response.status_code == 200
    response = post_step(client, "people", state_of(response), action="add", **NEIGHBOUR)
    response = post_step(client, "places", state_of(response), source="people")
    place = {"space": str(space.pk), "q": space.name} if space else {"name": "The park by the station"}
    response = post_step(client, "places", state_of(response), action="add", people=["p1", "p2"], **place)
    assert response.status_code == 200, response.content.decode()[:3000]
    response = post_step(client, "groups", state_of(response), source="places")
    response = post_step(
        client, "groups", state_of(response), action="add", name="Allotment society", kind="club"
    )
    response = post_step(client, "exchange", state_of(response), source="groups")
    response = post_step(
        client, "result", state_of(response), source="exchange", gives=["support"], gets=["fun"]
    )
    assert response.status_code == 200
    return response
