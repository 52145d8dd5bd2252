"""A survey's aggregates (connections.results) from interviews recorded through the services."""

import pytest

from connections.results import compute_results, diversity, survey_results
from tests.connections.results_data import make_survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def built():
    return make_survey(bands=("gender", "religion"))


def _fill(built, n, **kwargs):
    for _ in range(n):
        built.interview(**kwargs)


def test_a_place_nearly_everyone_meets_at_is_hidden_too(built):
    hall = built.space("Hall")
    _fill(built, 16, places=[hall])
    _fill(built, 4)
    # 16 of 20: shown, the 4 who do not meet there would be a group of 4 by subtraction.
    assert survey_results(built.survey, live=True).place_for_space(hall.pk) is None
    built.interview()
    assert survey_results(built.survey, live=True).place_for_space(hall.pk).respondents == 16


def test_a_place_met_by_4_respondents_is_suppressed_and_by_5_shown(built):
    library = built.space("Ealing Library")
    hall = built.space("Acton Hall")
    _fill(built, 4, places=[library])
    _fill(built, 10, places=[hall])
    _fill(built, 6)
    results = survey_results(built.survey, live=True)
    assert results.place_for_space(library.pk) is None
    assert results.places_not_shown == 1
    built.interview(places=[library])
    results = survey_results(built.survey, live=True)  # the page updates: the cache follows the interviews
    assert results.place_for_space(library.pk).respondents == 5
    assert results.place_for_space(library.pk).name == "Ealing Library"
    assert results.places_not_shown == 0


def test_draft_interviews_are_not_counted(built):
    library = built.space("Ealing Library")
    _fill(built, 6, places=[library])
    built.interview(places=[library], complete=False)
    assert survey_results(built.survey, live=True).respondents == 6


def test_fewer_complete_interviews_than_the_threshold_shows_nothing(built):
    library = built.space("Ealing Library")
    _fill(built, 4, places=[library])
    results = survey_results(built.survey, live=True)
    assert not results.enough and results.places == [] and results.profiles == []


def test_places_are_ranked_and_scored_for_bridging(built):
    library, hall = built.space("Library"), built.space("Hall")
    _fill(built, 6, places=[hall], bands={"gender": "woman", "religion": "prefer_not"})
    # Library: six respondents in three age bands, two each; four women and two men; religion
    # not said by anyone (left out of the score).
    ages = ["16-24", "16-24", "35-49", "35-49", "75+", "75+"]
    genders = ["woman", "man", "woman", "woman", "man", "woman"]
    for age, gender in zip(ages, genders, strict=True):
        built.interview(places=[library, hall], age=age, bands={"gender": gender, "religion": "prefer_not"})
    _fill(built, 5)
    results = compute_results(built.survey)
    by_id = {p.space_id: p for p in results.places}
    assert [p.space_id for p in results.places] == [hall.pk, library.pk]  # 12 before 6
    assert by_id[library.pk].age_bands == 3
    # By hand. Age: Blau 1 - 3·(1/3)² = 2/3 over 1 - 1/6 (six age bands offered) = 0.8.
    # Gender: 1 - (4/6)² - (2/6)² = 4/9 over 1 - 1/3 (three offered) = 2/3. Mean 0.7333.
    assert diversity(ages, 6) == pytest.approx(0.8)
    assert diversity(genders, 3) == pytest.approx(2 / 3)
    assert by_id[library.pk].bridging == 0.73


def test_a_place_everyone_names_alike_scores_zero(built):
    hall = built.space("Hall")
    _fill(built, 5, places=[hall], age="50-64", bands={"gender": "man", "religion": "none"})
    _fill(built, 5)  # no place: keeps the complement (5) at the threshold
    assert compute_results(built.survey).place_for_space(hall.pk).bridging == 0


def test_isolation_and_wellbeing_by_number_of_places(built):
    a, b, c = built.space("A"), built.space("B"), built.space("C")
    _fill(built, 5, places=[], ons4=(4, 4, 4, 6))
    _fill(built, 5, places=[a], ons4=(6, 6, 6, 4))
    _fill(built, 6, places=[a, b], ons4=(7, 7, 7, 3))
    _fill(built, 5, places=[a, b, c], ons4=(8, 8, 9, 2))
    _fill(built, 1, places=[a, b], typed=["Mum's kitchen"], ons4=(8, 8, 8, 1))
    results = compute_results(built.survey)
    assert [row.respondents for row in results.wellbeing] == [5, 5, 6, 6]
    assert results.isolation_share == pytest.approx(round(100 * 10 / 22, 1))
    rows = {row.label: row for row in results.wellbeing}
    assert rows["No place"].means == {"life_satisfaction": 4, "worthwhile": 4, "happiness": 4, "anxiety": 6}
    assert rows["Three or more places"].respondents == 6
    assert rows["Three or more places"].means["happiness"] == pytest.approx(round((5 * 9 + 8) / 6, 1))
    assert results.wellbeing_all.respondents == 22
    assert results.wellbeing_all.means["life_satisfaction"] == pytest.approx(
        round((20 + 30 + 42 + 40 + 8) / 22, 1)
    )
    # One respondent typed a place: a group of one, not shown.
    assert results.typed_place_respondents is None


def test_a_small_group_of_places_is_hidden_with_its_neighbour(built):
    a = built.space("A")
    _fill(built, 3, places=[])  # 3 with no place: hidden, and the next smallest (one place) too
    _fill(built, 6, places=[a])
    _fill(built, 20, places=[a, built.space("B")])
    results = compute_results(built.survey)
    assert [row.respondents for row in results.wellbeing] == [None, None, 20, 0]
    assert results.isolation_share == pytest.approx(round(100 * 9 / 29, 1))  # = total - shown
    rows = {row.label: row for row in results.wellbeing}
    assert rows["No place"].means is None and rows["One place"].means is None
    assert rows["Two places"].means is not None


def test_wellbeing_means_are_hidden_where_few_answered(built):
    a = built.space("A")
    _fill(built, 8, places=[a], ons4=(7, 7, 7, 3))
    _fill(built, 3, places=[a], ons4=(None, None, None, None))
    _fill(built, 10, places=[])
    rows = {row.label: row for row in compute_results(built.survey).wellbeing}
    # One place: 11 respondents, 8 answered, 3 did not: the means would describe a group of 8 and
    # hint at 3 others; hidden. No place: 10 of 10 answered.
    assert rows["One place"].respondents == 11 and rows["One place"].means is None
    assert rows["No place"].means["life_satisfaction"] == 7


def test_special_category_bands_are_never_shown_below_the_threshold(built):
    hall = built.space("Hall")
    _fill(built, 8, places=[hall], bands={"gender": "woman", "religion": "christian"})
    _fill(built, 2, places=[hall], bands={"gender": "man", "religion": "muslim"})
    _fill(built, 1, places=[hall], bands={"gender": "man", "religion": "sikh"})
    religion = next(p for p in compute_results(built.survey).profiles if p.kind == "religion")
    assert religion.special
    counts = {row.label: row.count for row in religion.rows}
    assert counts["Christian"] is None  # hidden with the small ones: 3 alone would be a group of 3
    assert counts["Muslim"] is None and counts["Sikh"] is None
    assert all(value is None or value == 0 or value >= 5 for value in counts.values())


def test_groups_that_bring_people_together(built):
    hall = built.space("Hall")
    _fill(built, 5, places=[hall], groups=["Allotment Society"])
    _fill(built, 5, places=[], groups=["allotment  society", "Walking Group"])
    _fill(built, 4, groups=["Chess club"])
    _fill(built, 6)
    results = compute_results(built.survey)
    names = {g.name: g for g in results.groups}
    assert names["Allotment Society"].respondents == 10
    assert names["Walking Group"].respondents == 5
    assert "Chess club" not in names and results.groups_not_shown == 1
    assert names["Allotment Society"].betweenness > names["Walking Group"].betweenness


def test_an_unpublished_space_is_left_out(built):
    hall = built.space("Hall")
    _fill(built, 6, places=[hall])
    _fill(built, 5)
    hall.live = False
    hall.save(update_fields=["live"])
    results = survey_results(built.survey, live=True)
    assert results.places == [] and results.places_not_shown == 1


def test_bridging_ties(built):
    _fill(built, 5, unlike=True)
    _fill(built, 7)
    results = compute_results(built.survey)
    assert results.bridging_ties == 5
    assert results.bridging_ties_share == pytest.approx(round(500 / 12, 1))
