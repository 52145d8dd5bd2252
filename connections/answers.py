"""The answers to the connection questions: one shape for a personal map and an interview.

    {
      "people": [{"key": "p1", "relationship": "friend", "frequency": "weekly", "closeness": 1,
                  "like_me": {"age": "unlike", "background": "like", "income": "unknown"},
                  "initials": "AB"}],            # initials: personal maps only, never interviews
      "places": [{"space": 123 | null, "name": "Ealing Library", "people": ["p1"]}],
      "groups": [{"name": "Allotment society", "kind": "club"}],
      "gives": ["support"], "gets": ["information", "fun"]
    }

``parse`` turns untrusted JSON (a form, an upload, a saved map) into ``Answers`` or raises
``ValidationError`` saying what is wrong and where, so a bad upload is refused with a clear
message and nothing half-read is kept. Unknown is not "no": a likeness not given is "unknown".
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from django.core.exceptions import ValidationError
from django.db import models

MAX_PEOPLE = 60
MAX_PLACES = 30
MAX_GROUPS = 30
MAX_NAME = 200


class Relationship(models.TextChoices):
    FAMILY = "family", "Family"
    FRIEND = "friend", "Friends"
    NEIGHBOUR = "neighbour", "Neighbours"
    COLLEAGUE = "colleague", "Colleagues or classmates"
    GROUP = "group", "People at a group or club"
    FAITH = "faith", "People at a place of worship"
    SERVICE = "service", "People who help me (a worker, a volunteer)"
    OTHER = "other", "Someone else"


class Frequency(models.TextChoices):
    DAILY = "daily", "Most days"
    WEEKLY = "weekly", "Every week"
    MONTHLY = "monthly", "Every month"
    RARELY = "rarely", "Less often"


class Closeness(models.IntegerChoices):
    """The map's rings, from the centre."""

    CLOSE = 1, "Very close"
    FAIRLY = 2, "Fairly close"
    LOOSE = 3, "Not close"


class Likeness(models.TextChoices):
    LIKE = "like", "Like me"
    UNLIKE = "unlike", "Unlike me"
    UNKNOWN = "unknown", "Don't know / rather not say"


LIKENESS_ASPECTS = {"age": "age", "background": "background", "income": "income"}


class Exchange(models.TextChoices):
    SUPPORT = "support", "Support (practical or emotional)"
    INFORMATION = "information", "Information and advice"
    FUN = "fun", "Fun and company"


class GroupKind(models.TextChoices):
    CLUB = "club", "Club, team or class"
    FAITH = "faith", "Faith group"
    VOLUNTEERING = "volunteering", "Volunteering or civic group"
    PARENTS = "parents", "Parents' or carers' group"
    ONLINE = "online", "Online group"
    OTHER = "other", "Other"


@dataclass
class Person:
    key: str
    relationship: str
    frequency: str
    closeness: int
    like_me: dict[str, str]
    initials: str = ""

    @property
    def bridging(self) -> bool:
        """Unlike the respondent in at least one aspect they answered."""
        return any(value == Likeness.UNLIKE for value in self.like_me.values())


@dataclass
class Place:
    space: int | None
    name: str
    people: list[str] = field(default_factory=list)


@dataclass
class Group:
    name: str
    kind: str


@dataclass
class Answers:
    people: list[Person] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    gives: list[str] = field(default_factory=list)
    gets: list[str] = field(default_factory=list)

    def as_json(self, *, with_initials: bool = True) -> dict:
        data = asdict(self)
        if not with_initials:
            for person in data["people"]:
                person["initials"] = ""
        return data


def new_person_key(people: list[dict]) -> str:
    """A key no one in ``people`` has ("p4" after three), for the person a form adds."""
    taken = {person["key"] for person in people}
    n = len(people) + 1
    while f"p{n}" in taken:
        n += 1
    return f"p{n}"


def person_from_fields(key: str, fields: dict) -> dict:
    """One person in the answers shape from a form's flat fields (relationship, frequency,
    closeness, like_age, like_background, like_income, initials): for the map's and the
    interview's person forms alike. ``parse`` still checks the result."""
    return {
        "key": key,
        "relationship": fields["relationship"],
        "frequency": fields["frequency"],
        "closeness": fields["closeness"],
        "like_me": {aspect: fields.get(f"like_{aspect}") or Likeness.UNKNOWN for aspect in LIKENESS_ASPECTS},
        "initials": (fields.get("initials") or "").strip().upper(),
    }


def parse(data, *, allow_initials: bool = True) -> Answers:
    """Untrusted JSON → ``Answers``; a ``ValidationError`` listing every problem otherwise."""
    problems: list[str] = []
    if not isinstance(data, dict):
        raise ValidationError(
            "A connection map is a JSON object with people, places, groups, gives and gets."
        )
    unknown = set(data) - {"people", "places", "groups", "gives", "gets", "version"}
    if unknown:
        problems.append(f"Unknown field(s): {', '.join(sorted(map(str, unknown)))}.")
    people = [
        _person(item, n, problems, allow_initials)
        for n, item in enumerate(_list(data, "people", MAX_PEOPLE, problems), 1)
    ]
    keys = {person.key for person in people if person}
    if len(keys) != len([p for p in people if p]):
        problems.append("Two people share the same key.")
    places = [
        _place(item, n, keys, problems)
        for n, item in enumerate(_list(data, "places", MAX_PLACES, problems), 1)
    ]
    groups = [
        _group(item, n, problems) for n, item in enumerate(_list(data, "groups", MAX_GROUPS, problems), 1)
    ]
    gives = _choices(data, "gives", Exchange, problems)
    gets = _choices(data, "gets", Exchange, problems)
    if problems:
        raise ValidationError(problems)
    return Answers(
        people=[p for p in people if p],
        places=[p for p in places if p],
        groups=[g for g in groups if g],
        gives=gives,
        gets=gets,
    )


def _list(data: dict, name: str, limit: int, problems: list[str]) -> list:
    value = data.get(name, [])
    if not isinstance(value, list):
        problems.append(f"“{name}” must be a list.")
        return []
    if len(value) > limit:
        problems.append(f"At most {limit} {name} (this map has {len(value)}).")
        return []
    return value


def _text(value, limit: int = MAX_NAME) -> str | None:
    return value.strip()[:limit] if isinstance(value, str) and "\x00" not in value else None


def _person(item, n: int, problems: list[str], allow_initials: bool) -> Person | None:
    where = f"Person {n}"
    if not isinstance(item, dict):
        problems.append(f"{where} must be an object.")
        return None
    key = _text(item.get("key"), 20) or f"p{n}"
    relationship = item.get("relationship")
    if relationship not in Relationship.values:
        problems.append(f"{where}: relationship must be one of {', '.join(Relationship.values)}.")
    frequency = item.get("frequency", Frequency.RARELY)
    if frequency not in Frequency.values:
        problems.append(f"{where}: frequency must be one of {', '.join(Frequency.values)}.")
    closeness = item.get("closeness", Closeness.LOOSE)
    if isinstance(closeness, bool) or closeness not in Closeness.values:
        problems.append(f"{where}: closeness must be 1, 2 or 3.")
    like_me_in = item.get("like_me", {})
    if not isinstance(like_me_in, dict):
        problems.append(f"{where}: like_me must be an object.")
        like_me_in = {}
    like_me = {}
    for aspect in LIKENESS_ASPECTS:
        value = like_me_in.get(aspect, Likeness.UNKNOWN)
        if value not in Likeness.values:
            problems.append(f"{where}: like_me.{aspect} must be one of {', '.join(Likeness.values)}.")
        like_me[aspect] = value
    initials = _text(item.get("initials", ""), 3) if allow_initials else ""
    if initials is None or (initials and not initials.replace(".", "").isalpha()):
        problems.append(f"{where}: initials are up to three letters, never a name.")
        initials = ""
    return Person(key, relationship, frequency, closeness, like_me, initials)


def _place(item, n: int, keys: set[str], problems: list[str]) -> Place | None:
    where = f"Place {n}"
    if not isinstance(item, dict):
        problems.append(f"{where} must be an object.")
        return None
    space = item.get("space")
    if space is not None and (isinstance(space, bool) or not isinstance(space, int) or space < 1):
        problems.append(f"{where}: space must be a registry space's number or null.")
        space = None
    name = _text(item.get("name", ""))
    if name is None or (not name and space is None):
        problems.append(f"{where}: give the place's name or choose a registry space.")
    people = item.get("people", [])
    if not isinstance(people, list) or not all(isinstance(key, str) and key in keys for key in people):
        problems.append(f"{where}: people must list keys of people on this map.")
        people = []
    return Place(space, name or "", list(dict.fromkeys(people)))


def _group(item, n: int, problems: list[str]) -> Group | None:
    where = f"Group {n}"
    if not isinstance(item, dict):
        problems.append(f"{where} must be an object.")
        return None
    name = _text(item.get("name", ""))
    kind = item.get("kind", GroupKind.OTHER)
    if not name:
        problems.append(f"{where}: give the group's name.")
    if kind not in GroupKind.values:
        problems.append(f"{where}: kind must be one of {', '.join(GroupKind.values)}.")
    return Group(name or "", kind)


def _choices(data: dict, name: str, vocabulary, problems: list[str]) -> list[str]:
    values = data.get(name, [])
    if not isinstance(values, list) or any(value not in vocabulary.values for value in values):
        problems.append(f"“{name}” must list some of: {', '.join(vocabulary.values)}.")
        return []
    return list(dict.fromkeys(values))
