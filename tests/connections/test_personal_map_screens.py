"""What a resident meets on the personal map's smaller screens, measured in Chromium at 390x844."""

import pytest

from connections import personal_map_services
from connections.answers import parse
from tests.connections.survey_setup import answers
from tests.factories import make_site_home

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_open_page_keeps_its_help_text_off_the_button(browser, live_server):
    make_site_home()
    saved = personal_map_services.personal_map_save(
        answers=parse(answers()), district="W5", passphrase="orange kettle harbour"
    )
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"/my-connections/saved/{saved.token}/")
    button = page.get_by_role("button", name="Open my map").bounding_box()
    help_text = page.get_by_text("Forgotten it?").bounding_box()
    assert help_text["y"] - (button["y"] + button["height"]) >= 16, (button, help_text)
    context.close()
