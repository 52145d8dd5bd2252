"""The coalition admin: listings, choosers, forms and per-object views limited to the user's
coalitions; members save drafts and submit them, only a steward of that coalition approves."""

import re

import pytest

from django.contrib.auth.models import Group

from coalitions.models import Coalition, CoalitionPerson, Measure, Observation, PersonRole
from coalitions.roles import STEWARDS_GROUP

from .admin_setup import approve_url, two_coalitions, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return two_coalitions()


def observation_post(measure, **fields):
    return {"measure": measure.pk, "value": "150", "date": "2024-10-01", "note": "Autumn sessions", **fields}


def refused(response) -> bool:
    """Wagtail's admin answers a refused object with a redirect to the dashboard (and a message)."""
    return response.status_code == 403 or (response.status_code == 302 and response.url == "/admin/")


def option_labels(html: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return [label.strip() for value, label in re.findall(r'<option value="(\d+)"[^>]*>([^<]*)<', select)]


def test_listings_show_only_the_users_coalitions(client, world):
    client.force_login(world.ealing_member)
    html = client.get(url(Measure, "list")).content.decode()
    assert "Ealing participants" in html and "Essex participants" not in html
    html = client.get(url(Observation, "list")).content.decode()
    assert "Essex participants" not in html
    client.force_login(world.admin)
    html = client.get(url(Measure, "list")).content.decode()
    assert "Ealing participants" in html and "Essex participants" in html


def test_another_coalitions_objects_are_refused(client, world):
    client.force_login(world.ealing_member)
    assert client.get(url(Measure, "edit", world.ealing_measure.pk)).status_code == 200
    assert refused(client.get(url(Measure, "edit", world.essex_measure.pk)))
    assert refused(client.get(url(Observation, "edit", world.essex_observation.pk)))
    assert refused(client.get(url(Measure, "history", world.essex_measure.pk)))
    # Members do not edit the coalition itself; its steward does, and only their own.
    assert refused(client.get(url(Coalition, "edit", world.ealing.pk)))
    client.force_login(world.ealing_steward)
    assert client.get(url(Coalition, "edit", world.ealing.pk)).status_code == 200
    assert refused(client.get(url(Coalition, "edit", world.essex.pk)))
    html = client.get(url(Coalition, "list")).content.decode()
    assert "Ealing Connects" in html and "Essex Connects" not in html


def test_the_observation_form_offers_only_the_users_recorded_measures(client, world):
    client.force_login(world.ealing_member)
    html = client.get(url(Observation, "add")).content.decode()
    assert option_labels(html, "measure") == ["Ealing Connects: Ealing participants"]
    client.force_login(world.admin)
    labels = option_labels(client.get(url(Observation, "add")).content.decode(), "measure")
    assert labels == ["Ealing Connects: Ealing participants", "Essex Connects: Essex participants"]


def test_the_measure_chooser_lists_only_the_users_coalitions(client, world):
    client.force_login(world.ealing_member)
    html = client.get("/admin/snippets/choose/coalitions/measure/").content.decode()
    assert "Ealing participants" in html and "Essex participants" not in html
    response = client.get(f"/admin/snippets/choose/coalitions/measure/chosen/{world.essex_measure.pk}/")
    assert response.status_code == 404


def test_a_member_records_a_draft_submits_it_and_only_the_steward_approves(client, world):
    client.force_login(world.ealing_member)
    response = client.post(
        url(Observation, "add"), {**observation_post(world.ealing_measure), "action-submit": "action-submit"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    observation = Observation.objects.get(note="Autumn sessions")
    assert not observation.live and observation.recorded_by == world.ealing_member
    assert observation.workflow_in_progress

    # The member cannot approve; a steward of another coalition cannot either.
    for user in (world.ealing_member, world.essex_steward):
        client.force_login(user)
        response = client.post(approve_url(observation), {"comment": ""})
        assert response.status_code in (302, 403)
        observation.refresh_from_db()
        assert not observation.live

    client.force_login(world.ealing_steward)
    response = client.post(approve_url(observation), {"comment": ""})
    assert response.status_code == 302
    observation.refresh_from_db()
    assert observation.live and observation.value == 150
    assert observation.recorded_by == world.ealing_member  # kept through the published revision
    assert observation.revisions.count() == 1


def test_a_member_cannot_publish_directly(client, world):
    client.force_login(world.ealing_member)
    html = client.get(url(Observation, "add")).content.decode()
    assert "Submit to a steward" in html and 'name="action-publish"' not in html
    data = {**observation_post(world.ealing_measure), "action-publish": "action-publish"}
    client.post(url(Observation, "add"), data)
    observation = Observation.objects.get(note="Autumn sessions")
    assert not observation.live


def test_a_steward_elsewhere_cannot_publish_where_they_are_only_a_member(client, world):
    CoalitionPerson.objects.create(coalition=world.essex, user=world.ealing_steward, role=PersonRole.MEMBER)
    client.force_login(world.ealing_steward)
    response = client.post(
        url(Observation, "add"), {**observation_post(world.essex_measure), "action-publish": "action-publish"}
    )
    assert response.status_code == 302
    observation = Observation.objects.get(note="Autumn sessions")
    assert not observation.live
    messages = client.get(response.url).content.decode()
    assert "Only a steward of Essex Connects can publish this" in messages


def test_a_steward_adds_a_member_and_cannot_leave_the_coalition_without_a_steward(client, world):
    newcomer = type(world.admin).objects.create_user("newcomer", password="x" * 12)
    client.force_login(world.ealing_steward)
    people = list(world.ealing.people.all())

    def post(rows):
        data = {
            "name": "Ealing Connects",
            "vision": '{"blocks": [], "entityMap": {}}',
            "founded": "",
            "organisations-TOTAL_FORMS": "0",
            "organisations-INITIAL_FORMS": "0",
            "organisations-MIN_NUM_FORMS": "0",
            "organisations-MAX_NUM_FORMS": "1000",
            "people-TOTAL_FORMS": str(len(rows)),
            "people-INITIAL_FORMS": str(len(people)),
            "people-MIN_NUM_FORMS": "0",
            "people-MAX_NUM_FORMS": "1000",
        }
        for i, row in enumerate(rows):
            data.update({f"people-{i}-{key}": value for key, value in row.items()})
            data[f"people-{i}-ORDER"] = str(i + 1)
        return client.post(url(Coalition, "edit", world.ealing.pk), data)

    existing = [
        {"id": p.pk, "user": p.user_id, "role": p.role, "organisation": "", "DELETE": ""} for p in people
    ]
    response = post([*existing, {"id": "", "user": newcomer.pk, "role": "member", "organisation": "Library"}])
    assert response.status_code == 302, response.content.decode()[:3000]
    assert world.ealing.people.filter(user=newcomer, role=PersonRole.MEMBER).exists()

    people = list(world.ealing.people.all())
    rows = [
        {"id": p.pk, "user": p.user_id, "role": "member", "organisation": "", "DELETE": ""} for p in people
    ]
    response = post(rows)
    assert response.status_code == 200
    assert "A coalition needs at least one steward" in response.content.decode()
    assert world.ealing.people.filter(role=PersonRole.STEWARD).exists()


def test_stewards_do_not_move_their_coalition(client, world):
    client.force_login(world.ealing_steward)
    html = client.get(url(Coalition, "edit", world.ealing.pk)).content.decode()
    assert 'name="slug"' not in html and 'name="pilot_place"' not in html
    client.force_login(world.admin)
    html = client.get(url(Coalition, "edit", world.ealing.pk)).content.decode()
    assert 'name="slug"' in html


def test_migration_made_the_groups_and_the_workflow(world):
    assert Measure.get_default_workflow().name == "Coalition approval"
    assert Observation.get_default_workflow().name == "Coalition approval"
    task = Measure.get_default_workflow().tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == [STEWARDS_GROUP]
    stewards = Group.objects.get(name=STEWARDS_GROUP)
    assert stewards.permissions.filter(codename="publish_observation").exists()
    assert (
        not Group.objects.get(name="Coalition members")
        .permissions.filter(codename__startswith="publish")
        .exists()
    )
