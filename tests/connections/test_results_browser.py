"""The results page in a browser: 320 px, keyboard, no JavaScript, axe."""

import pytest

from tests.connections.results_data import make_survey
from tests.factories import make_site_home

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def survey_url(live_server):
    make_site_home()
    built = make_survey()
    hall, library = built.space("Acton Hall"), built.space("Ealing Library")
    for age in ("16-24", "25-34", "35-49", "50-64", "65-74", "75+"):
        built.interview(places=[hall, library], age=age, groups=["Walking Group"])
    for _ in range(6):
        built.interview(places=[hall])
    for _ in range(8):
        built.interview()  # 20 complete: the public figures count them in steps of 5
    built.library = library
    return built, f"/surveys/{built.survey.slug}/results/"


def test_without_javascript_by_keyboard(browser, live_server, survey_url):
    built, url = survey_url
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 320, "height": 700}, java_script_enabled=False
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(url)
    assert page.get_by_role("table", name="Places where respondents meet people").is_visible()
    # By keyboard: Tab from the top reaches the first place's link, and Enter opens its page.
    target = page.get_by_role("link", name="Acton Hall")
    for _ in range(40):
        page.keyboard.press("Tab")
        if target.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the first place's link")
    page.keyboard.press("Enter")
    page.wait_for_url("**/spaces/**")
    assert page.get_by_text("12 respondents meet here").is_visible()
    context.close()


def test_at_320_px_nothing_scrolls_sideways_and_axe_is_clean(page, survey_url, assert_accessible):
    # axe runs in the page, so this one has JavaScript (which the page does not need).
    _built, url = survey_url
    page.set_viewport_size({"width": 320, "height": 700})
    page.goto(url)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    # The page's own styles leave the site's navigation and breadcrumb as on every other page
    # (a list style of the interview screens once matched the page's body class).
    assert page.evaluate(
        "[...document.querySelectorAll('header li, .atlas-breadcrumb li')]"
        ".every(li => getComputedStyle(li).borderBottomStyle === 'none')"
    )
    assert_accessible(page)


def test_a_space_page_with_a_badge_passes_axe_at_390(browser, live_server, survey_url, assert_accessible):
    built, url = survey_url
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(built.library.get_absolute_url())
    badge = page.locator(".survey-badge")
    assert badge.is_visible() and "across 6 age bands" in badge.inner_text()
    assert_accessible(page)
    context.close()
