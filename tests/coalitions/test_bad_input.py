"""Bad input in the coalition admin, each refused through the admin's own forms with a message that
says what to do, and nothing saved."""

import html as html_lib

import pytest

from coalitions.models import Initiative, Measure, Observation

from .admin_setup import recorded_measure, two_coalitions, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return two_coalitions()


def page_text(response) -> str:
    return html_lib.unescape(response.content.decode())


def measure_post(coalition, **fields):
    return {
        "coalition": coalition.pk,
        "kind": "recorded",
        "name": "Neighbours who lend a hand",
        "indicator": "",
        "registry_metric": "",
        "definition": "Residents who helped a neighbour this month (survey).",
        "unit": "%",
        "direction": "higher",
        "valid_min": "0",
        "valid_max": "100",
        "baseline_value": "40",
        "baseline_date": "2024-04-01",
        "target_value": "50",
        "target_date": "2027-03-31",
        "sort_order": "100",
        **fields,
    }


def observation_post(measure, **fields):
    return {"measure": measure.pk, "value": "150", "date": "2024-10-01", "note": "Bad input test", **fields}


def assert_refused(response, message: str):
    assert response.status_code == 200, f"expected the form again, got {response.status_code}"
    assert message in page_text(response)


def test_an_observation_outside_the_valid_range(client, world):
    client.force_login(world.ealing_member)
    response = client.post(url(Observation, "add"), observation_post(world.ealing_measure, value="5000"))
    assert_refused(
        response, "5000 is outside this measure's valid range (0 to 1000). Check the value and its unit."
    )
    assert not Observation.objects.filter(note="Bad input test").exists()


def test_an_observation_dated_before_the_baseline(client, world):
    client.force_login(world.ealing_member)
    response = client.post(url(Observation, "add"), observation_post(world.ealing_measure, date="2023-12-01"))
    assert_refused(response, "This date is before the measure's baseline (1 April 2024).")
    assert not Observation.objects.filter(note="Bad input test").exists()


def test_a_target_in_the_wrong_direction(client, world):
    client.force_login(world.ealing_member)
    response = client.post(url(Measure, "add"), measure_post(world.ealing, target_value="30"))
    assert_refused(
        response, "Higher is better for this measure, so the target cannot be below the baseline (40)."
    )
    response = client.post(
        url(Measure, "add"), measure_post(world.ealing, direction="lower", target_value="45")
    )
    assert_refused(
        response, "Lower is better for this measure, so the target cannot be above the baseline (40)."
    )
    assert not Measure.objects.filter(name="Neighbours who lend a hand").exists()


def test_an_atlas_measure_without_its_indicator(client, world):
    client.force_login(world.ealing_steward)
    response = client.post(
        url(Measure, "add"), measure_post(world.ealing, kind="atlas", **{"action-publish": "action-publish"})
    )
    assert_refused(response, "An atlas measure needs the atlas indicator it follows.")
    # Saving a draft is validated too: a draft cannot be wrong in this way either.
    response = client.post(url(Measure, "add"), measure_post(world.ealing, kind="atlas"))
    assert_refused(response, "An atlas measure needs the atlas indicator it follows.")
    assert not Measure.objects.filter(name="Neighbours who lend a hand").exists()


def test_an_observation_recorded_against_an_atlas_measure(client, world):
    client.force_login(world.ealing_member)
    response = client.post(url(Observation, "add"), observation_post(world.ealing_atlas, value="0.2"))
    assert_refused(response, "Atlas and registry measures take their values from the atlas and the registry")
    assert not world.ealing_atlas.observations.exists()


def test_a_member_of_one_coalition_touching_another(client, world):
    client.force_login(world.ealing_member)
    # Recording against Essex's measure: not offered, and refused when posted anyway.
    response = client.post(url(Observation, "add"), observation_post(world.essex_measure))
    assert_refused(response, "Choose one of your coalitions' recorded measures.")
    # Adding a measure to Essex.
    response = client.post(url(Measure, "add"), measure_post(world.essex))
    assert_refused(response, "Choose one of your coalitions: you can only add to those you are a member of.")
    # Editing Essex's measure or observation: refused before any form.
    before = world.essex_observation.value
    response = client.post(
        url(Observation, "edit", world.essex_observation.pk),
        observation_post(world.essex_measure, value="999"),
    )
    assert response.status_code in (302, 403) and getattr(response, "url", "/admin/") == "/admin/"
    response = client.post(
        url(Measure, "edit", world.essex_measure.pk), measure_post(world.essex, name="Taken over")
    )
    assert response.status_code in (302, 403)
    world.essex_observation.refresh_from_db()
    assert world.essex_observation.value == before
    assert not world.essex_observation.revisions.exclude(content__value=before).exists()
    assert not Measure.objects.filter(name="Taken over").exists()
    assert not Observation.objects.filter(note="Bad input test").exists()


def test_an_initiative_moving_another_coalitions_measure(client, world):
    client.force_login(world.admin)
    data = {
        "coalition": world.ealing.pk,
        "name": "Library cafés",
        "summary": "",
        "lead_organisation": "",
        "status": "planned",
        "progress": "0",
        "starts": "",
        "ends": "",
        "measures": [world.ealing_measure.pk, world.essex_measure.pk],
    }
    response = client.post(url(Initiative, "add"), data)
    assert_refused(response, "Choose measures of Ealing Connects: Essex participants belong elsewhere.")
    assert not Initiative.objects.exists()


def test_a_registry_measure_needs_its_metric_and_percentages_stay_in_range(client, world):
    client.force_login(world.ealing_steward)
    response = client.post(url(Measure, "add"), measure_post(world.ealing, kind="registry"))
    assert_refused(response, "A registry measure needs the registry measure it follows.")
    other = recorded_measure(
        world.ealing, name="Belonging (%)", valid_max=100, baseline_value=60, target_value=70
    )
    response = client.post(url(Observation, "add"), observation_post(other, value="120"))
    assert_refused(response, "120 is outside this measure's valid range (0 to 100).")
