"""The issue's "Done when", in a browser: the Ealing member records an observation in the admin and
submits it; the coalition's public impact page does not show it until the Ealing steward approves
it. The member cannot open Essex's measures."""

import pytest

from coalitions.models import Measure, Observation
from tests.factories import make_site_home

from .admin_setup import PASSWORD, two_coalitions, url

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VALUE = "237"  # a value no other figure on the page has


@pytest.fixture
def world():
    make_site_home()
    return two_coalitions()


def sign_in(page, username):
    page.context.clear_cookies()
    page.goto("/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/admin/")


def impact_values(page) -> str:
    page.goto("/places/ealing/coalition/impact/")
    return page.locator("main").inner_text()


def test_a_members_observation_is_public_only_after_the_steward_approves(page, world):
    sign_in(page, "ealing-member")
    page.goto(url(Observation, "add"))
    page.get_by_role("combobox", name="Measure").select_option(label="Ealing Connects: Ealing participants")
    page.get_by_role("spinbutton", name="Value").fill(VALUE)
    page.get_by_role("textbox", name="Date").fill("2024-10-01")
    page.get_by_role("textbox", name="Note").fill("Autumn conversation cafés")
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Submit to a steward").click()
    page.wait_for_url("**/observation/")
    observation = Observation.objects.get(note="Autumn conversation cafés")
    assert observation.workflow_in_progress and not observation.live

    assert VALUE not in impact_values(page)

    # The member cannot open Essex's measures, nor see them listed.
    page.goto(url(Measure, "edit", world.essex_measure.pk))
    assert "Essex participants" not in page.locator("main").inner_text()
    page.goto(url(Measure, "list"))
    listing = page.locator("main").inner_text()
    assert "Ealing participants" in listing and "Essex participants" not in listing

    sign_in(page, "ealing-steward")
    page.goto(url(Observation, "edit", observation.pk))
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Approve and Publish", exact=True).click()
    page.wait_for_url("**/observation/**")
    observation.refresh_from_db()
    assert observation.live

    assert VALUE in impact_values(page)
