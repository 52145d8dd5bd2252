"""A personal connection map drawn on the server as SVG: the resident at the centre, rings for
closeness, people grouped by relationship round the rings, and the places where they meet them
as numbered nodes on the outside, linked to those people. A legend inside the drawing makes the
downloaded file (SVG, PNG) readable on its own; the page shows a list equivalent beside it.

Presentation attributes only (no <style>, no script), so it passes the site's CSP inline and is
safe to open as a file. Every text is escaped.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from connections.answers import Answers, Closeness, Frequency, Likeness, Person, Relationship

SIZE = 600
CENTRE = SIZE / 2
RING_RADII = {Closeness.CLOSE: 95, Closeness.FAIRLY: 170, Closeness.LOOSE: 245}
PLACE_RADIUS = 283
PLACE_HALF = 15
INK = "#1b1f24"
BRAND = "#125e4b"
LINE = "#767f8a"
RULE = "#d5dad3"
# Light fills under dark text (all above 10:1 with INK), one per relationship, plus a letter so
# colour is never the only cue.
RELATIONSHIP_STYLE = {
    Relationship.FAMILY: ("#f6c9a8", "F"),
    Relationship.FRIEND: ("#bfe3c8", "Fr"),
    Relationship.NEIGHBOUR: ("#c6d8f5", "N"),
    Relationship.COLLEAGUE: ("#e6d1f2", "C"),
    Relationship.GROUP: ("#f5e29a", "G"),
    Relationship.FAITH: ("#f2c4d6", "W"),
    Relationship.SERVICE: ("#cfe8ea", "H"),
    Relationship.OTHER: ("#e2e2e2", "O"),
}
LEGEND_LINE = 24
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"


@dataclass(frozen=True)
class PersonNode:
    person: Person
    x: float
    y: float
    r: float
    angle: float

    @property
    def label(self) -> str:
        return self.person.initials or RELATIONSHIP_STYLE[self.person.relationship][1]


@dataclass(frozen=True)
class PlaceNode:
    number: int
    name: str
    x: float
    y: float
    people: tuple[str, ...]


def _point(radius: float, angle: float) -> tuple[float, float]:
    return CENTRE + radius * math.cos(angle), CENTRE + radius * math.sin(angle)


def people_nodes(answers: Answers) -> list[PersonNode]:
    order = {value: n for n, value in enumerate(Relationship.values)}
    people = sorted(answers.people, key=lambda p: (order[p.relationship], p.closeness))
    count = len(people)
    if not count:
        return []
    # Neighbours on the inner ring are 2πr/N apart: shrink the nodes as the map fills.
    radius = max(9.0, min(26.0, 2 * math.pi * RING_RADII[Closeness.CLOSE] / count / 2.3))
    nodes = []
    for n, person in enumerate(people):
        angle = -math.pi / 2 + (n + 0.5) * 2 * math.pi / count
        x, y = _point(RING_RADII[person.closeness], angle)
        nodes.append(PersonNode(person, x, y, radius, angle))
    return nodes


def place_nodes(answers: Answers, people: list[PersonNode], names: dict[int, str]) -> list[PlaceNode]:
    angles = {node.person.key: node.angle for node in people}
    wanted = []
    for n, place in enumerate(answers.places):
        linked = [angles[key] for key in place.people if key in angles]
        if linked:  # the circular mean of the people met there
            angle = math.atan2(sum(map(math.sin, linked)), sum(map(math.cos, linked)))
        else:
            angle = -math.pi / 2 + (n + 0.5) * 2 * math.pi / max(1, len(answers.places))
        wanted.append((angle % (2 * math.pi), n, place))
    wanted.sort(key=lambda item: item[0])
    gap = 2 * math.asin(min(1.0, (PLACE_HALF * 2.4) / (2 * PLACE_RADIUS)))
    placed, last = [], None
    for angle, n, place in wanted:
        if last is not None and angle - last < gap:
            angle = last + gap
        last = angle
        x, y = _point(PLACE_RADIUS, angle)
        name = (names.get(place.space) if place.space else None) or place.name or "A place"
        placed.append(PlaceNode(n + 1, name, x, y, tuple(place.people)))
    return sorted(placed, key=lambda node: node.number)


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def summary(answers: Answers) -> str:
    """One sentence for the drawing's description and the page's first line. Empty rings and
    counts of nothing are left out; not marking anyone unlike you is not the same as nobody being so."""
    people = answers.people
    if not people and not answers.places:
        return "Your map is empty so far: add the people you are in touch with."
    parts = []
    if people:
        rings = [
            f"{n} {label.lower()}"
            for value, label in Closeness.choices
            if (n := sum(1 for p in people if p.closeness == value))
        ]
        parts.append(f"You are in touch with {_plural(len(people), 'person', 'people')}: {_and(rings)}.")
        bridging = sum(1 for p in people if p.bridging)
        parts.append(
            f"{bridging} of them {'is' if bridging == 1 else 'are'} unlike you in age, background or income."
            if bridging
            else "You did not mark any of them as unlike you in age, background or income."
        )
    if answers.places:
        parts.append(f"You meet people at {_plural(len(answers.places), 'place', 'places')}.")
    else:
        parts.append("You have not added a place where you meet people.")
    if answers.groups:
        parts.append(f"You belong to {_plural(len(answers.groups), 'group', 'groups')}.")
    return " ".join(parts)


def _text(
    x, y, content: str, *, size: float, weight: str = "400", fill: str = INK, anchor: str = "middle"
) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size:.1f}" font-weight="{weight}" fill="{fill}" '
        f'text-anchor="{anchor}" dominant-baseline="central" font-family="{FONT}">{escape(content)}</text>'
    )


def _legend(answers: Answers, places: list[PlaceNode], top: float) -> tuple[list[str], float]:
    parts, y = [], top
    parts.append(_text(20, y, "How to read it", size=18, weight="700", anchor="start"))
    y += LEGEND_LINE
    parts.append(
        _text(20, y, "Rings from the centre: very close, fairly close, not close.", size=15, anchor="start")
    )
    y += LEGEND_LINE
    parts.append(
        f'<circle cx="32" cy="{y:.1f}" r="9" fill="#ffffff" stroke="{INK}" '
        'stroke-width="3" stroke-dasharray="4 3"/>'
    )
    parts.append(
        _text(50, y, "Dashed outline: unlike you in age, background or income.", size=15, anchor="start")
    )
    y += LEGEND_LINE
    present = [value for value in Relationship.values if any(p.relationship == value for p in answers.people)]
    for value in present:
        fill, letter = RELATIONSHIP_STYLE[value]
        count = sum(1 for p in answers.people if p.relationship == value)
        parts.append(f'<circle cx="32" cy="{y:.1f}" r="10" fill="{fill}" stroke="{INK}" stroke-width="1.5"/>')
        parts.append(_text(32, y, letter, size=11, weight="700"))
        parts.append(_text(50, y, f"{Relationship(value).label} ({count})", size=15, anchor="start"))
        y += LEGEND_LINE
    for place in places:
        parts.append(
            f'<rect x="22" y="{y - 10:.1f}" width="20" height="20" rx="3" fill="#ffffff" '
            f'stroke="{BRAND}" stroke-width="2"/>'
        )
        parts.append(_text(32, y, str(place.number), size=12, weight="700", fill=BRAND))
        name = place.name if len(place.name) <= 60 else place.name[:59] + "…"
        parts.append(_text(50, y, name, size=15, anchor="start"))
        y += LEGEND_LINE
    return parts, y


def render(
    answers: Answers,
    *,
    space_names: dict[int, str] | None = None,
    id_prefix: str = "map",
    legend: bool = True,
) -> str:
    """The map as an SVG document (also fit to be inlined in a page: role="img", title, desc).
    A page leaves the legend out (``legend=False``) and shows it as text, readable at 320 px."""
    people = people_nodes(answers)
    places = place_nodes(answers, people, space_names or {})
    by_key = {node.person.key: node for node in people}
    legend_parts, height = _legend(answers, places, SIZE + 20) if legend else ([], SIZE - 10)
    height += 10
    title_id, desc_id = f"{id_prefix}-title", f"{id_prefix}-desc"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SIZE} {height:.0f}" width="{SIZE}" '
        f'height="{height:.0f}" role="img" aria-labelledby="{title_id} {desc_id}" '
        'class="connection-map__svg">',
        f'<title id="{title_id}">Your connection map</title>',
        f'<desc id="{desc_id}">{escape(summary(answers))}</desc>',
        f'<rect x="0" y="0" width="{SIZE}" height="{height:.0f}" fill="#ffffff"/>',
    ]
    for radius in RING_RADII.values():
        out.append(
            f'<circle cx="{CENTRE}" cy="{CENTRE}" r="{radius}" fill="none" stroke="{RULE}" stroke-width="2"/>'
        )
    for place in places:  # links under the nodes
        for key in place.people:
            if key in by_key:
                node = by_key[key]
                out.append(
                    f'<line x1="{place.x:.1f}" y1="{place.y:.1f}" x2="{node.x:.1f}" y2="{node.y:.1f}" '
                    f'stroke="{LINE}" stroke-width="1.5"/>'
                )
    out.append(f'<circle cx="{CENTRE}" cy="{CENTRE}" r="34" fill="{BRAND}"/>')
    out.append(_text(CENTRE, CENTRE, "You", size=20, weight="700", fill="#ffffff"))
    for node in people:
        fill, _letter = RELATIONSHIP_STYLE[node.person.relationship]
        dash = ' stroke-width="3" stroke-dasharray="5 3"' if node.person.bridging else ' stroke-width="1.5"'
        out.append(
            f'<circle cx="{node.x:.1f}" cy="{node.y:.1f}" r="{node.r:.1f}" '
            f'fill="{fill}" stroke="{INK}"{dash}>'
            f"<title>{escape(person_text(node.person))}</title></circle>"
        )
        out.append(_text(node.x, node.y, node.label, size=node.r * 0.85, weight="700"))
    for place in places:
        out.append(
            f'<rect x="{place.x - PLACE_HALF:.1f}" y="{place.y - PLACE_HALF:.1f}" width="{PLACE_HALF * 2}" '
            f'height="{PLACE_HALF * 2}" rx="4" fill="#ffffff" stroke="{BRAND}" stroke-width="2.5">'
            f"<title>{escape(place.name)}</title></rect>"
        )
        out.append(_text(place.x, place.y, str(place.number), size=16, weight="700", fill=BRAND))
    out += legend_parts
    out.append("</svg>")
    return "\n".join(out)


def person_text(person: Person) -> str:
    """'Friends (AB): every week, very close; unlike you in income' — the list's words too."""
    who = Relationship(person.relationship).label + (f" ({person.initials})" if person.initials else "")
    unlike = [aspect for aspect, value in person.like_me.items() if value == Likeness.UNLIKE]
    like = [aspect for aspect, value in person.like_me.items() if value == Likeness.LIKE]
    text = f"{who}: {Frequency(person.frequency).label.lower()}, {Closeness(person.closeness).label.lower()}"
    if unlike:
        text += f"; unlike you in {_words(unlike)}"
    if like:
        text += f"; like you in {_words(like)}"
    return text


def _words(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def document(svg: str) -> str:
    """A standalone .svg file."""
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + svg + "\n"


def quote(value: str) -> str:
    return quoteattr(value)
