"""The first line of a personal map (connections.map_svg.summary): what was given, nothing about
what was not, and "not marked unlike" never read as "like"."""

from connections.answers import parse
from connections.map_svg import summary


def _person(key, closeness, like_me):
    return {
        "key": key,
        "relationship": "friend",
        "frequency": "weekly",
        "closeness": closeness,
        "like_me": like_me,
    }


def test_empty_rings_and_no_places_are_said_plainly():
    answers = parse({"people": [_person("p1", 1, {"age": "unknown"}), _person("p2", 1, {"age": "like"})]})
    assert summary(answers) == (
        "You are in touch with 2 people: 2 very close. "
        "You did not mark any of them as unlike you in age, background or income. "
        "You have not added a place where you meet people."
    )


def test_counts_of_people_places_and_groups():
    answers = parse(
        {
            "people": [_person("p1", 1, {"income": "unlike"}), _person("p2", 2, {}), _person("p3", 3, {})],
            "places": [{"space": None, "name": "The park", "people": ["p1"]}],
            "groups": [{"name": "Choir", "kind": "club"}],
        }
    )
    assert summary(answers) == (
        "You are in touch with 3 people: 1 very close, 1 fairly close and 1 not close. "
        "1 of them is unlike you in age, background or income. "
        "You meet people at 1 place. You belong to 1 group."
    )


def test_an_empty_map():
    assert summary(parse({})) == "Your map is empty so far: add the people you are in touch with."
