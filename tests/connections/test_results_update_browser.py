"""A researcher records an interview on a 390 px phone and the survey's results page updates: the
fifth respondent to meet at a place makes it appear, for the survey's own people and, since that
completes a step of 5, for the public (issue 20, "Done when" 2)."""

from __future__ import annotations

import pytest

from connections.interviews_services import interview_complete, interview_record
from tests.connections.survey_setup import PASSWORD, WELLBEING, answers, surveys
from tests.factories import make_site_home

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RESULTS = "/surveys/ealing-meets/results/"


@pytest.fixture
def world():
    make_site_home()
    world = surveys()
    world.ealing_survey.results_published = True
    world.ealing_survey.save(update_fields=["results_published"])
    for n in range(4):
        interview = interview_record(
            survey=world.ealing_survey,
            researcher=world.ealing_researcher,
            respondent_code=f"EAL-{n + 1:04d}",
            age_band="25-34",
            bands={"gender": "prefer_not", "ethnicity": "prefer_not"},
            answers=answers(world.library),
            wellbeing=WELLBEING,
        )
        interview_complete(interview)
    return world


def _phone(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    context.set_default_timeout(15_000)
    return context


def _library_row(page):
    return page.get_by_role("table", name="Places where respondents meet people").get_by_role(
        "row", name="Ealing Central Library"
    )


def test_a_fifth_respondent_at_a_place_shows_it_on_the_results_page(browser, live_server, world):
    public = _phone(browser, live_server).new_page()
    public.goto(RESULTS)
    assert "nothing can be shown yet" in public.locator("main").inner_text()

    researcher = _phone(browser, live_server).new_page()
    researcher.goto(f"/admin/login/?next={RESULTS}")
    researcher.fill("input[name=username]", "ealing-researcher")
    researcher.fill("input[name=password]", PASSWORD)
    researcher.get_by_role("button", name="Sign in").click()
    researcher.wait_for_url(f"**{RESULTS}")
    before = researcher.locator("main").inner_text()
    assert "4 complete interviews, every one of them" in before and "nothing can be shown yet" in before

    researcher.goto("/surveys/ealing-meets/interviews/")
    researcher.get_by_role("button", name="Start an interview").tap()
    researcher.get_by_label("Yes, they agree").tap()
    researcher.get_by_role("button", name="Record the answer and continue").tap()
    researcher.get_by_label("Respondent code").fill("EAL-0005")
    researcher.get_by_role("button", name="Save and continue").tap()
    researcher.get_by_role("group", name="Age").get_by_label("65 to 74").tap()
    researcher.get_by_role("group", name="Gender").get_by_label("Prefer not to say").tap()
    researcher.get_by_role("group", name="Ethnic group").get_by_label("Prefer not to say").tap()
    researcher.get_by_role("button", name="Save and continue").tap()
    researcher.wait_for_url("**/people/")
    researcher.get_by_role("button", name="Nobody to add: continue").tap()
    researcher.wait_for_url("**/places/")
    researcher.get_by_label("Name of the space").fill("library")
    researcher.get_by_role("button", name="Search").tap()
    researcher.get_by_role("button", name="Add Ealing Central Library").tap()
    researcher.wait_for_selector("text=Place 1 added.")
    researcher.get_by_role("button", name="Done: continue to groups").tap()
    researcher.get_by_role("button", name="No groups: continue").tap()
    researcher.wait_for_url("**/exchange/")
    researcher.get_by_role("button", name="Save and continue").tap()
    researcher.wait_for_url("**/wellbeing/")
    for name in ("satisfied", "worthwhile", "happy", "anxious"):
        researcher.get_by_role("group", name=name).get_by_label("5", exact=True).tap()
    researcher.get_by_role("button", name="Save and continue").tap()
    researcher.wait_for_url("**/check/")
    researcher.get_by_role("button", name="Complete the interview").tap()
    researcher.wait_for_url("**/interviews/")
    assert "Interview EAL-0005 is complete" in researcher.locator("main").inner_text()

    researcher.goto(RESULTS)
    assert _library_row(researcher).get_by_role("cell").first.inner_text() == "5"
    assert researcher.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    public.reload()
    assert _library_row(public).get_by_role("cell").first.inner_text() == "5"
    assert "5</strong> complete interviews counted" in public.content()
