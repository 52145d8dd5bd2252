"""The registry's fixed vocabularies: categories, third-space types, settings and kinds.

They live in code, not in database tables, because every backend (SQLite, PostgreSQL,
Elasticsearch), the open-data exports and the bit masks used for fast faceting must agree on
them. Categories follow OpenStreetMap tags so imports from OSM and exports to it map one to one;
each also names the Open Referral (HSDS) taxonomy term used in exports.

Each multi-valued vocabulary has a stable bit position per value (``bit``): NEVER reorder or
reuse a bit, only append, because masks are stored in the database.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    value: str
    label: str
    bit: int
    osm_tag: str = ""
    description: str = ""


class Vocabulary:
    """An ordered set of terms with helpers for choices, labels and bit masks."""

    def __init__(self, name: str, label: str, terms: list[Term]):
        self.name = name
        self.label = label
        self.terms = terms
        self.by_value = {term.value: term for term in terms}
        assert len({t.bit for t in terms}) == len(terms), f"duplicate bit in {name}"
        assert all(0 <= t.bit < 63 for t in terms), "bits must fit a signed 64-bit integer"

    @property
    def choices(self) -> list[tuple[str, str]]:
        return [(t.value, t.label) for t in self.terms]

    @property
    def values(self) -> list[str]:
        return [t.value for t in self.terms]

    def label_for(self, value: str) -> str:
        term = self.by_value.get(value)
        return term.label if term else value

    def mask(self, values) -> int:
        mask = 0
        for value in values or ():
            term = self.by_value.get(value)
            if term is not None:
                mask |= 1 << term.bit
        return mask

    def values_from_mask(self, mask: int) -> list[str]:
        return [t.value for t in self.terms if mask and mask & (1 << t.bit)]

    def __contains__(self, value: str) -> bool:
        return value in self.by_value


CATEGORIES = Vocabulary(
    "categories",
    "Category",
    [
        Term("community_centre", "Community centre", 0, "amenity=community_centre"),
        Term("place_of_worship", "Place of worship or faith group", 1, "amenity=place_of_worship"),
        Term("library", "Library", 2, "amenity=library"),
        Term("arts_centre", "Arts centre", 3, "amenity=arts_centre"),
        Term("theatre", "Theatre or performance space", 4, "amenity=theatre"),
        Term("cinema", "Cinema", 5, "amenity=cinema"),
        Term("music_venue", "Music venue", 6, "amenity=music_venue"),
        Term("museum_gallery", "Museum or gallery", 7, "tourism=museum"),
        Term("sports_centre", "Sports centre", 8, "leisure=sports_centre"),
        Term("sports_club", "Sports club", 9, "club=sport"),
        Term("arts_club", "Arts, music or hobby club", 10, "club=art"),
        Term("social_club", "Social club", 11, "amenity=social_centre"),
        Term("youth_club", "Youth club", 12, "club=youth"),
        Term("volunteer_group", "Volunteering group", 13, "club=volunteer"),
        Term("civic_group", "Civic or residents' group", 14, "office=association"),
        Term("park_garden", "Park or community garden", 15, "leisure=park"),
        Term("pub_cafe", "Pub or café", 16, "amenity=pub"),
        Term("makerspace", "Makerspace or workshop", 17, "leisure=hackerspace"),
        Term("education", "Learning and skills", 18, "amenity=college"),
        Term("market", "Market", 19, "amenity=marketplace"),
        Term("other", "Other", 62, ""),
    ],
)

THIRD_SPACE_TYPES = Vocabulary(
    "third_space_types",
    "Third-space type",
    [
        Term("identity", "Identity", 0, description="People share who they are: faith, heritage, language."),
        Term("activity", "Activity", 1, description="People share what they do: sport, arts, hobbies."),
        Term("purpose", "Purpose", 2, description="People share a goal: volunteering, civic action."),
    ],
)

# Single-valued vocabularies (stored as plain indexed text columns).
SETTINGS = Vocabulary(
    "settings",
    "Setting",
    [
        Term("religious", "Religious", 0),
        Term("hobby_recreational", "Hobby or recreational", 1),
        Term("volunteering", "Volunteering", 2),
        Term("civic", "Civic", 3),
    ],
)

KINDS = Vocabulary(
    "kinds",
    "Who or what it is",
    [
        Term("individual", "Individual", 0),
        Term("association", "Association", 1),
        Term("organisation", "Organisation", 2),
        Term("physical", "Physical space", 3),
        Term("economic", "Economic", 4),
        Term("cultural", "Cultural", 5),
    ],
)

STATUS_CHOICES = [
    ("active", "Open"),
    ("temporarily_closed", "Temporarily closed"),
    ("closed", "Closed"),
]

LOCATION_SOURCES = [
    ("gazetteer", "Offline gazetteer"),
    ("nominatim", "Nominatim"),
    ("manual", "Placed by hand"),
    ("import", "Imported with the data"),
    ("", "Not located yet"),
]

# Coarsest last; `GeocodeResult.precision` values from the geocoding app map onto these.
LOCATION_PRECISIONS = [
    ("exact", "Exact (placed by hand or surveyed)"),
    ("address", "Street address"),
    ("postcode", "Postcode or ZIP code"),
    ("district", "Postcode district"),
    ("locality", "Town or place"),
    ("region", "Region or local authority"),
    ("", "Unknown"),
]

WEEKDAYS = [
    (0, "Monday"),
    (1, "Tuesday"),
    (2, "Wednesday"),
    (3, "Thursday"),
    (4, "Friday"),
    (5, "Saturday"),
    (6, "Sunday"),
]
