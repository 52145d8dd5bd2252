"""The public results page and the space badges come from the page cache, and a completed interview
empties it (connections.signals.survey_results_changed), so a completed step shows at once."""

import pytest

from home.models import FooterSettings, NavigationSettings
from tests.connections.results_data import make_survey
from tests.factories import make_site_home

pytestmark = pytest.mark.django_db(transaction=True)  # the signal is sent after commit


def _get(client, url):
    response = client.get(url)
    return response["X-Cache"], response.content.decode()


def test_a_completed_step_shows_at_once(client, cache_on):
    home = make_site_home()
    for model in (FooterSettings, NavigationSettings):
        model.for_site(home.get_site())  # made by the first page otherwise: a change, as an edit is
    built = make_survey()
    library = built.space("Ealing Library")
    for _ in range(4):
        built.interview(places=[library])
    for _ in range(5):
        built.interview()
    url = f"/surveys/{built.survey.slug}/results/"
    client.get(url)
    assert _get(client, url)[0] == "hit"
    built.interview(places=[library])  # the 10th complete interview: a step, the library shows
    state, page = _get(client, url)
    assert state == "miss" and "Ealing Library" in page and "10</strong> complete interviews counted" in page
    built.interview()  # the 11th: not counted yet
    state, page = _get(client, url)
    assert "10</strong> complete interviews counted. 1 more is complete" in page
    state, page = _get(client, library.get_absolute_url())
    assert "5 respondents meet here" in page
