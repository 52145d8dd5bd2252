"""A researcher records an interview on a 390×844 phone by touch, then the keyboard alone on the
list steps; axe finds nothing on any step and nothing scrolls sideways at 320 px (issue 20,
"Done when" 2's recording part)."""

from __future__ import annotations

import pytest

from connections.models import Interview, InterviewStatus
from tests.connections.survey_setup import PASSWORD, surveys
from tests.factories import make_site_home

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world():
    make_site_home()
    return surveys()


@pytest.fixture
def phone(phone_page):
    """The shared touch phone, at the 390×844 screen the issue names."""
    phone_page.set_viewport_size({"width": 390, "height": 844})
    return phone_page


def sign_in(page, username):
    page.goto("/admin/login/?next=/interviewing/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/interviewing/")


def checked(page, assert_accessible):
    """axe on this step, touch-size controls, and no sideways scroll at 390 and at 320 px."""
    assert_accessible(page)
    for control in page.locator("main button:visible, main label:has(input[type=radio]):visible").all():
        box = control.bounding_box()
        assert box["height"] >= 44, (control.inner_text(), box)
    page.set_viewport_size({"width": 320, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.set_viewport_size({"width": 390, "height": 844})


def test_a_researcher_records_an_interview_on_a_phone(phone, world, assert_accessible):
    page = phone
    sign_in(page, "ealing-researcher")
    page.get_by_role("link", name="Where Ealing meets").tap()
    page.wait_for_url("**/surveys/ealing-meets/interviews/")
    checked(page, assert_accessible)
    page.get_by_role("button", name="Start an interview").tap()

    page.wait_for_url("**/consent/")
    assert "you can stop at any time" in page.locator("main").inner_text()
    checked(page, assert_accessible)
    page.get_by_label("Yes, they agree").tap()
    page.get_by_role("button", name="Record the answer and continue").tap()

    page.wait_for_url("**/code/")
    checked(page, assert_accessible)
    page.get_by_label("Respondent code").fill("name@example.org")
    page.get_by_role("button", name="Save and continue").tap()
    page.wait_for_selector("#error-summary")
    assert "looks like an e-mail address" in page.get_by_role("alert").inner_text()
    assert page.get_by_label("Respondent code").input_value() == "name@example.org"
    checked(page, assert_accessible)
    page.get_by_label("Respondent code").fill("EAL-0301")
    page.get_by_role("button", name="Save and continue").tap()

    page.wait_for_url("**/about/")
    checked(page, assert_accessible)
    page.get_by_role("group", name="Age").get_by_label("35 to 49").tap()
    page.get_by_role("group", name="Gender").get_by_label("Prefer not to say").tap()
    page.get_by_role("group", name="Ethnic group").get_by_label("Mixed or multiple ethnic groups").tap()
    page.get_by_role("button", name="Save and continue").tap()

    # People, by keyboard alone: Space picks a radio, arrows move within a group, Enter submits.
    page.wait_for_url("**/people/")
    checked(page, assert_accessible)
    for group, option in (
        ("Who are they to the respondent?", "Neighbours"),
        ("How often are they in touch?", "Every week"),
        ("How close are they?", "Fairly close"),
        ("Are they like the respondent in age?", "Unlike me"),
        ("Are they like the respondent in background or culture?", "Like me"),
        ("Are they like the respondent in income?", "Don't know / rather not say"),
    ):
        page.get_by_role("group", name=group).get_by_label(option, exact=True).focus()
        page.keyboard.press("Space")
    page.get_by_role("button", name="Add this person").focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Person 1 added.")
    assert (
        "Person 1: Neighbours, every week, fairly close; unlike them in age"
        in page.locator("main").inner_text()
    )
    checked(page, assert_accessible)
    page.get_by_role("button", name="Done: continue to places").tap()

    page.wait_for_url("**/places/")
    page.get_by_label("Name of the space").fill("library")
    page.get_by_role("button", name="Search").tap()
    page.wait_for_url("**/places/?q=library")
    checked(page, assert_accessible)
    page.get_by_label("Person 1: Neighbours").first.tap()
    page.get_by_role("button", name="Add Ealing Central Library").tap()
    page.wait_for_selector("text=Place 1 added.")
    page.get_by_label("Name of a place not in the list").fill("The bench by the pond")
    page.get_by_role("button", name="Add this place").tap()
    page.wait_for_selector("text=Place 2 added.")
    checked(page, assert_accessible)
    page.get_by_role("button", name="Done: continue to groups").tap()

    page.wait_for_url("**/groups/")
    checked(page, assert_accessible)
    page.get_by_role("button", name="No groups: continue").tap()
    page.wait_for_url("**/exchange/")
    checked(page, assert_accessible)
    page.get_by_role("group", name="What does the respondent give").get_by_label("Fun and company").tap()
    page.get_by_role("button", name="Save and continue").tap()

    page.wait_for_url("**/wellbeing/")
    checked(page, assert_accessible)
    for name, value in (("satisfied", "7"), ("worthwhile", "8"), ("happy", "6"), ("anxious", "2")):
        page.get_by_role("group", name=name).get_by_label(value, exact=True).tap()
    page.get_by_role("button", name="Save and continue").tap()

    page.wait_for_url("**/check/")
    checked(page, assert_accessible)
    page.get_by_role("button", name="Complete the interview").tap()
    page.wait_for_url("**/interviews/")
    assert "Interview EAL-0301 is complete" in page.locator("main").inner_text()

    interview = Interview.objects.get(respondent_code="EAL-0301")
    assert interview.status == InterviewStatus.COMPLETE and interview.anxiety == 2
    assert [p["name"] for p in interview.answers["places"]] == [
        "Ealing Central Library",
        "The bench by the pond",
    ]
