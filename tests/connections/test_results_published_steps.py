"""Published results count complete interviews in steps of the threshold, in the order they were
completed, so that comparing two versions of the public figures never isolates one interview."""

import pytest

from connections.interviews_services import interview_complete
from connections.results import published_interviews, survey_results
from tests.connections.results_data import make_survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def built():
    return make_survey(bands=("gender",))


def test_the_public_figures_change_only_in_whole_steps(built):
    library = built.space("Ealing Library")
    seen = []
    for n in range(1, 23):
        built.interview(places=[library] if n % 2 else [], age="25-34" if n % 3 else "65-74")
        public = survey_results(built.survey)
        assert public.respondents == n // 5 * 5 and public.not_yet_counted == n % 5
        place = public.place_for_space(library.pk)
        seen.append((public.respondents, place.respondents if place else None))
    # Between two versions the public can see, either nothing changed or 5 more respondents count.
    for before, after in zip(seen, seen[1:], strict=False):
        assert after == before or after[0] - before[0] == 5


def test_the_live_preview_counts_every_complete_interview(built):
    library = built.space("Ealing Library")
    for _ in range(4):
        built.interview(places=[library])
    assert survey_results(built.survey, live=True).place_for_space(library.pk) is None
    built.interview(places=[library])
    built.interview(places=[library])
    assert survey_results(built.survey, live=True).place_for_space(library.pk).respondents == 6
    assert survey_results(built.survey).place_for_space(library.pk).respondents == 5


def test_the_order_is_of_completion_not_of_starting(built):
    early_draft = built.interview(complete=False, code="EAL-9999")
    later = [built.interview() for _ in range(5)]
    assert set(published_interviews(built.survey)) == set(later)
    interview_complete(early_draft)
    assert set(published_interviews(built.survey)) == set(later)  # counted with the next 4


def test_a_higher_threshold_makes_larger_steps(built):
    built.survey.threshold = 8
    built.survey.save(update_fields=["threshold"])
    for _ in range(15):
        built.interview()
    assert survey_results(built.survey).respondents == 8
    built.interview()
    assert survey_results(built.survey).respondents == 16
