"""Every public template in a real Chromium: no horizontal scroll at 320 CSS px (WCAG 1.4.10
reflow, which axe does not test) and no axe violations at 320 and 1280 px wide.

This is the gate for every page: a new public template gets a visit in one of the groups below.
Each group builds only the content its pages need (factories and the real importers, as the
other browser tests do) and reports every failing page at once.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.template.loader import render_to_string
from django.urls import reverse

from assets_registry.models import OpeningHours
from assets_registry.personal_data import contact_record
from atlas.importers import EnglandLADBoundaries, USCountyBoundaries, USCountyImporter
from atlas.models import Area, AreaKind
from atlas.services import pilot_place_upsert
from connections import interviews_services, personal_map_services
from connections.answers import parse
from home import demo as home_demo
from home.models import HomePage
from tests.assets_registry.factories import W5_2HL, AssetFactory
from tests.atlas.conftest import write_boundary_subset, write_county_subset
from tests.atlas.test_uk_deprivation import DATA as UK_DATA
from tests.atlas.test_uk_deprivation import import_deprivation
from tests.coalitions.page_data import make_coalitions
from tests.conftest import RECORD_CSP_VIOLATIONS, axe_violations, csp_violations
from tests.connections.results_data import survey_with_results
from tests.connections.survey_setup import WELLBEING, surveys
from tests.connections.survey_setup import answers as interview_answers
from tests.factories import UserFactory, make_site_home
from tests.home.helpers import sign_in
from tests.search.corpus import build_corpus
from tests.toolkits.factories import CaseStudyPageFactory, ToolkitPageFactory
from toolkits.models import CaseStudyPage, ToolkitPage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE, DESKTOP = 320, 1280
BROKEN_PAGE = "/__sweep__/server-error/"  # answered by the browser with the real 500.html


@dataclass(frozen=True)
class Visit:
    name: str
    url: str
    signed_in: bool = False  # as a signed-in user who is not a Fellow
    status: int = 200
    user: str = ""  # signed in as this existing user (a survey's researcher) instead
    then: Callable | None = None  # what a user does on the page first (fill a form, press a button)

    @property
    def who(self) -> str:
        return self.user or ("resident" if self.signed_in else "")


def every_block(model, field_name: str) -> list[tuple[str, object]]:
    """One of each block the field allows, from the blocks' own preview values: the widest
    content editors can put on the page (tables, steps, outcome measures...)."""
    stream_block = model._meta.get_field(field_name).stream_block
    return [(name, block.get_preview_value()) for name, block in stream_block.child_blocks.items()]


def knowledge_hub(request) -> list[Visit]:
    home, toolkit_index, case_study_index = build_corpus()
    home = HomePage.objects.get(pk=home.pk)
    home.body = every_block(HomePage, "body")
    home.save_revision().publish()
    toolkit = ToolkitPageFactory(
        parent=toolkit_index, title="Every kind of block", body=every_block(ToolkitPage, "body")
    )
    case_study = CaseStudyPageFactory(
        parent=case_study_index,
        title="Every kind of block in a case study",
        body=every_block(CaseStudyPage, "body"),
        outcomes=every_block(CaseStudyPage, "outcomes"),
        partners=every_block(CaseStudyPage, "partners"),
    )
    return [
        Visit("home", "/"),
        Visit("toolkits", toolkit_index.url),
        Visit("toolkits, filtered to nothing", f"{toolkit_index.url}?stage=mapping&theme=funding"),
        Visit("a toolkit", toolkit.url),
        Visit("case studies", case_study_index.url),
        Visit("a case study", case_study.url),
        Visit("themes", "/themes/"),
        Visit("a theme", "/themes/bridging-capital/"),
        Visit(
            "share a case study (not a Fellow)", f"{case_study_index.url}share/", signed_in=True, status=403
        ),
    ]


def spaces(request) -> list[Visit]:
    request.getfixturevalue("gazetteer")
    make_site_home()
    space = AssetFactory(
        name="Acton Baptist Church Hall",
        description="Shared suppers on Fridays, a youth club on Tuesdays and a warm space all winter.",
        latitude=W5_2HL[0],
        longitude=W5_2HL[1],
        website="https://example.org/a-long-address/that-should-wrap-on-a-phone/without-scrolling",
        phone="020 8000 0000",
    )
    for weekday in range(7):
        OpeningHours.objects.create(asset=space, weekday=weekday, opens=dt.time(9), closes=dt.time(17, 30))
    AssetFactory(name="Ealing Library", categories=["library"])
    contact = contact_record(space, "resident@example.org")
    return [
        Visit("find a space", "/spaces/"),
        Visit("find a space near W5 2HL", "/spaces/?location=W5+2HL"),
        Visit("find a space, nothing found", "/spaces/?q=xylophonic+zeppelins"),
        Visit("find a space, unknown place", "/spaces/?location=Nowhereville+Upon+Sea", status=400),
        Visit("a space", reverse("assets_registry:detail", args=[space.slug])),
        Visit("add a space", "/spaces/add/"),
        Visit("add a space: thank you", "/spaces/add/thanks/"),
        Visit("suggest a change", f"/spaces/{space.slug}/suggest/"),
        Visit("report it closed", f"/spaces/{space.slug}/report-closed/"),
        Visit("a resident's submission status", f"/spaces/submissions/{contact.token}/"),
    ]


def atlas(request) -> list[Visit]:
    make_site_home()
    folder = request.getfixturevalue("tmp_path")
    # Maryland and Massachusetts counties with their boundaries, as tests/atlas/conftest.py has them.
    USCountyImporter().run(write_county_subset(folder / "counties.csv"), commit=True, progress=False)
    USCountyBoundaries().run(write_boundary_subset(folder / "counties.geojson"), commit=True, progress=False)
    EnglandLADBoundaries().run(UK_DATA / "england_lads.geojson", commit=True, progress=False)
    import_deprivation()
    AssetFactory(
        name="Waverly rec centre", latitude=39.3290, longitude=-76.6100, country="US", postcode="21218"
    )
    pilot_place_upsert(
        slug="baltimore",
        name="Baltimore",
        country="US",
        summary="Baltimore City, Maryland.",
        areas=Area.objects.filter(kind=AreaKind.US_COUNTY, code="24510"),
    )
    ealing = Area.objects.get(kind=AreaKind.UK_LAD, name="Ealing")
    return [
        Visit("atlas (US counties)", "/atlas/"),
        Visit("atlas (England districts)", "/atlas/?kind=uk_lad"),
        Visit("atlas search", "/atlas/search/?q=Baltimore"),
        Visit("pilot places", "/atlas/places/"),
        Visit("a pilot place", "/atlas/places/baltimore/"),
        Visit("a US area", "/atlas/us_county/24510/"),
        Visit("a UK area", f"/atlas/uk_lad/{ealing.code}/"),
    ]


def search(request) -> list[Visit]:
    build_corpus()
    call_command("update_index", stdout=io.StringIO(), verbosity=0)
    return [
        Visit("search, empty", "/search/"),
        Visit("search with results", "/search/?q=bridging"),
        Visit("search, spaces", "/search/?q=youth+club&section=spaces"),
        Visit("search, no results", "/search/?q=xylophonic+zeppelins"),
    ]


def site(request) -> list[Visit]:
    make_site_home()
    home_demo.load(stdout=io.StringIO())  # with the privacy notice, accessibility statement, contact page
    return [
        Visit("privacy notice", "/privacy/"),
        Visit("accessibility statement", "/accessibility/"),
        Visit("contact page", "/contact/"),
        Visit("API reference", "/api/v1/docs"),
        Visit("HSDS API reference", "/api/hsds/docs"),
        Visit("page not found", "/no-such-page/", status=404),
        Visit("server error", BROKEN_PAGE, status=500),
    ]


def coalitions(request) -> list[Visit]:
    make_site_home()
    made = make_coalitions()
    slug = made["ealing"].slug
    return [
        Visit("coalitions", "/coalitions/"),
        Visit("a coalition", f"/places/{slug}/coalition/"),
        Visit("a coalition's impact", f"/places/{slug}/coalition/impact/"),
        Visit("a coalition's annual summary", f"/places/{slug}/coalition/summary/2025/"),
        Visit("coalitions compared", "/coalitions/compare/"),
    ]


# -- connection maps (issue 20) -------------------------------------------------------------------

MAP_PASSPHRASE = "orange kettle harbour"


def press(label: str) -> Callable:
    return lambda page: page.get_by_role("button", name=label, exact=True).first.click()


def add_a_friend(page) -> None:
    page.goto("/my-connections/step/people/")
    page.get_by_label("Friends").check()
    page.get_by_label("Every week").check()
    page.get_by_label("Very close").check()
    page.locator("button[value=add]").click()
    page.wait_for_selector("#added-people")


def map_of_a_friend(page) -> None:
    add_a_friend(page)
    for _step in ("places", "groups", "exchange", "map"):
        page.locator("button[value=next]").click()
    page.wait_for_url("**/my-connections/map/")


def saved(page) -> None:
    map_of_a_friend(page)
    page.fill("#id_passphrase", MAP_PASSPHRASE)
    page.fill("#id_passphrase_again", MAP_PASSPHRASE)
    page.get_by_role("button", name="Save my map").click()
    page.wait_for_selector("text=Your map is saved")


def opened_with(passphrase: str) -> Callable:
    def then(page) -> None:
        page.fill("#id_passphrase", passphrase)
        page.press("#id_passphrase", "Enter")
        page.wait_for_load_state()

    return then


def opened_and_deleted(page) -> None:
    opened_with(MAP_PASSPHRASE)(page)
    page.locator(".connection-map__delete button").click()
    page.wait_for_selector("text=Your saved map is deleted")


def my_connection_map(request) -> list[Visit]:
    request.getfixturevalue("gazetteer")
    make_site_home()
    AssetFactory(
        name="Ealing Library",
        categories=["library"],
        third_space_types=["purpose"],
        latitude=W5_2HL[0],
        longitude=W5_2HL[1],
    )
    kept = personal_map_services.personal_map_save(
        answers=parse(interview_answers()), district="W5", passphrase=MAP_PASSPHRASE
    )
    opening = f"/my-connections/saved/{kept.token}/"

    def search_library(page) -> None:
        page.fill("#place-q", "library")
        page.locator("button[value=search]").click()
        page.wait_for_selector("#id_space_0")

    return [
        Visit("my connection map", "/my-connections/"),
        Visit("my map: your postcode", "/my-connections/step/postcode/"),
        Visit("my map: people", "/my-connections/step/people/"),
        Visit("my map: people, one added", "/my-connections/", then=add_a_friend),
        Visit(
            "my map: people, nothing chosen", "/my-connections/step/people/", then=press("Add this person")
        ),
        Visit("my map: places", "/my-connections/step/places/"),
        Visit("my map: places, searched", "/my-connections/step/places/", then=search_library),
        Visit("my map: groups", "/my-connections/step/groups/"),
        Visit("my map: give and get", "/my-connections/step/exchange/"),
        Visit("my map: the map", "/my-connections/", then=map_of_a_friend),
        Visit("my map: saved", "/my-connections/", then=saved),
        Visit("my map: open a saved map", opening),
        Visit("my map: wrong passphrase", opening, then=opened_with("not the passphrase")),
        Visit("my map: opened", opening, then=opened_with(MAP_PASSPHRASE)),
        Visit("my map: deleted", opening, then=opened_and_deleted),
        Visit("my map: no such map", "/my-connections/saved/" + "x" * 43 + "/", status=404),
    ]


def connection_surveys(request) -> list[Visit]:
    make_site_home()
    made = surveys()
    researcher, survey = made.ealing_researcher, made.ealing_survey
    fresh = interviews_services.interview_start(survey=survey, researcher=researcher)
    draft = interviews_services.interview_start(survey=survey, researcher=researcher)
    interviews_services.interview_consent(interview=draft, given=True)
    interviews_services.interview_save(
        interview=draft, answers=interview_answers(made.library, typed=["The bench by the pond"])
    )
    done = interviews_services.interview_record(
        survey=survey,
        researcher=researcher,
        respondent_code="EAL-0900",
        age_band="35-49",
        bands=dict.fromkeys(survey.bands, "prefer_not"),
        answers=interview_answers(made.allotments),
        wellbeing=WELLBEING,
    )
    interviews_services.interview_complete(done)
    base = f"/surveys/{survey.slug}/interviews/"
    steps = ["code", "about", "people", "places", "groups", "exchange", "wellbeing", "check"]
    as_researcher = {"user": researcher.username}
    return [
        Visit("your surveys", "/interviewing/", **as_researcher),
        Visit("a survey's interviews", base, **as_researcher),
        Visit("an interview's consent", f"{base}{fresh.pk}/consent/", **as_researcher),
        *[Visit(f"an interview: {step}", f"{base}{draft.pk}/{step}/", **as_researcher) for step in steps],
        Visit("an interview: places, searched", f"{base}{draft.pk}/places/?q=library", **as_researcher),
        Visit("an interview: code refused", f"{base}{draft.pk}/code/", then=refuse_code, **as_researcher),
        Visit("a complete interview", f"{base}{done.pk}/", **as_researcher),
        Visit("deleting a draft", f"{base}{draft.pk}/delete/", **as_researcher),
        Visit("another survey's interviews", "/surveys/essex-meets/interviews/", status=404, **as_researcher),
    ]


def refuse_code(page) -> None:
    page.get_by_label("Respondent code").fill("name@example.org")
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_selector("#error-summary")


def survey_results(request) -> list[Visit]:
    make_site_home()
    built = survey_with_results()
    hall = built.hall
    return [
        Visit("a survey's results", f"/surveys/{built.survey.slug}/results/"),
        Visit("a space with a survey badge", reverse("assets_registry:detail", args=[hall.slug])),
        Visit("an area linking to a survey", "/atlas/uk_lad/E09000009/"),
        Visit("a coalition linking to a survey", f"/places/{built.coalition.slug}/coalition/"),
    ]


GROUPS = {
    "knowledge hub": knowledge_hub,
    "spaces": spaces,
    "atlas": atlas,
    "search": search,
    "site": site,
    "coalitions": coalitions,
    "my connection map": my_connection_map,
    "connection surveys": connection_surveys,
    "survey results": survey_results,
}


def open_context(browser, live_server, width: int, *, who: str):
    """A browser on this site only, recording Content-Security-Policy violations."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": width, "height": 800})
    context.set_default_timeout(15_000)

    def route(route):
        # Only this site answers: map tiles from the internet are refused, as they are here.
        if route.request.url.startswith(live_server.url):
            route.continue_()
        else:
            route.abort()

    context.route("**/*", route)
    context.add_init_script(RECORD_CSP_VIOLATIONS)
    context.route(
        f"**{BROKEN_PAGE}",
        lambda route: route.fulfill(status=500, content_type="text/html", body=render_to_string("500.html")),
    )
    if who:
        user = get_user_model().objects.filter(username=who).first() or UserFactory(username=who)
        sign_in(context, live_server, user)
    return context


def problems_on(page, visit: Visit, width: int) -> list[str]:
    response = page.goto(visit.url)
    page.wait_for_load_state("networkidle")
    found = []
    if response is None or response.status != visit.status:
        found.append(f"answered {response.status if response else 'nothing'}, not {visit.status}")
    if visit.then:
        visit.then(page)
        page.wait_for_load_state("networkidle")
    if width == PHONE:
        scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        if scroll > inner:
            wide = page.evaluate(
                """() => [...document.querySelectorAll('body *')]
                    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                    .slice(0, 3).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''))"""
            )
            found.append(f"{scroll} px wide at {inner} px (widest: {', '.join(wide)})")
    found += csp_violations(page)
    for violation in axe_violations(page):
        targets = [node["target"] for node in violation["nodes"]][:3]
        found.append(f"axe {violation['id']} ({violation['impact']}): {violation['help']} -> {targets}")
    return found


@pytest.mark.parametrize("width", [PHONE, DESKTOP], ids=["320px", "1280px"])
@pytest.mark.parametrize("group", GROUPS)
def test_every_public_page_reflows_and_passes_axe(request, browser, live_server, group, width):
    visits = GROUPS[group](request)
    failures = []
    for who in dict.fromkeys(v.who for v in visits):
        chosen = [v for v in visits if v.who == who]
        context = open_context(browser, live_server, width, who=who)
        page = context.new_page()
        for visit in chosen:
            failures += [f"{visit.name} ({visit.url}): {p}" for p in problems_on(page, visit, width)]
        context.close()
    assert not failures, f"{len(failures)} problem(s) at {width} px:\n" + "\n".join(failures)
