"""Are two records the same space? A scored match, decided the way a person would decide it.

Pure functions, no database: the importer's duplicate stage, the resident's "is it already
listed?" check, the moderator's compare page and ``bench/duplicates.py`` all call ``compare``.

The evidence, each part weighed and said in words ("same name, both pubs, 180 m apart"):

* **names**, normalised (case, accents, "the", "pub:", "(closed)", punctuation, "&"/"and",
  "St"/"Saint", "Ltd"...), compared with rapidfuzz; words that only say what kind of place it is
  ("library", "theatre", "centre") count for little, so "The Preston" (a pub) and "Preston
  Library" share one real word, not a name;
* **categories**: the same, related (a theatre and an arts centre), different, or unknown;
* **distance, scaled by how precise both positions are**: two street addresses 40 m apart are
  close; two postcode centroids 400 m apart may be the same door;
* **same postcode or street address**, **same external id** (a UPRN) when both records have one.

``compare`` returns a ``Match``: ``score`` in [0, 1] (a logistic of the summed evidence),
``decision`` ("same" >= 0.9, "likely" >= 0.5, else "different") and ``reasons``.
Measured on real pairs in ``bench/duplicates.py`` (docs/benchmarks.md).
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz

from assets_registry.taxonomy import CATEGORIES

SAME, LIKELY, DIFFERENT = "same", "likely", "different"
# The space fields ``Place.from_fields`` reads.
PLACE_FIELDS = (
    "name",
    "categories",
    "latitude",
    "longitude",
    "location_precision",
    "address",
    "postcode",
    "country",
)
SAME_SCORE, LIKELY_SCORE = 0.9, 0.5

# How far a position may be from the real door, by Asset.location_precision (metres).
PRECISION_TOLERANCE_M = {
    "exact": 25,
    "address": 50,
    "postcode": 150,
    "zip": 2500,  # a US ZIP centroid: "postcode" precision, but ZIP areas are far larger
    "district": 1500,
    "locality": 3000,
    "region": 15000,
    "": 150,
}

# Categories a person would not call different kinds of place when the names agree.
RELATED_CATEGORIES = (
    {"theatre", "arts_centre", "music_venue", "cinema", "arts_club", "museum_gallery", "makerspace"},
    {"community_centre", "civic_group", "volunteer_group", "social_club", "youth_club", "education"},
    {"sports_centre", "sports_club", "park_garden"},
    {"pub_cafe", "music_venue", "social_club"},
)

_STOPWORDS = {"the", "a", "an", "of", "and", "ye", "at", "on", "in", "for", "le", "la", "de", "y"}
_LEGAL = {"ltd", "limited", "plc", "cic", "llp", "inc", "co", "uk"}
_SPELLINGS = {
    "st": "saint",
    "ste": "saint",
    "center": "centre",
    "ctr": "centre",
    "cntr": "centre",
    "theater": "theatre",
    "centres": "centre",
    "studios": "studio",
    "galleries": "gallery",
    "libraries": "library",
    "ph": "pub",
    "hse": "house",
    "comm": "community",
    "meth": "methodist",
    "ch": "church",
    "rd": "road",
}


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that say what kind of place it is, not which one.
GENERIC_WORDS = _words(
    """
    library pub bar inn tavern hotel cafe restaurant theatre cinema centre community church chapel
    mosque temple gurdwara synagogue hall house studio gallery museum arts art club venue space hub
    school academy college workshop workshops project association society group trust foundation
    music dance rehearsal room rooms building market park garden sports leisure youth social
    institute london local public central main branch city estate tenants residents ta tra company
    bros brothers
    """
)
# Generic words that say where or whose, not what kind of place.
_NOT_KIND_WORDS = _words(
    """
    london local public central main branch city estate company bros brothers tenants residents ta
    tra trust foundation
    """
)
# Words that end a street name ("Royal Hill", "New Oxford Street").
STREET_WORDS = _words(
    """
    road street lane avenue way square place terrace hill grove walk mews yard parade approach
    broadway green close court row gardens crescent drive passage alley wharf vale rise park
    """
)
_STREET_SPELLINGS = {
    "st": "street",
    "rd": "road",
    "ln": "lane",
    "ave": "avenue",
    "sq": "square",
    "pl": "place",
}
_POSTCODE_RE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.I)
_CLOSED = re.compile(r"\((?:closed|former|formerly|now closed|permanently closed)[^)]*\)|\bclosed\b", re.I)
_PREFIX = re.compile(r"^\s*(?:pub|bar|library|church|venue|cinema)\s*:\s*", re.I)
_PARENS = re.compile(r"\(([^)]*)\)")


def _repair(text: str) -> str:
    """Undo the commonest mojibake (UTF-8 read as Windows-1252: "CafÃ©" → "Café")."""
    if "Ã" in text or "â€" in text or "â" in text:
        try:
            return text.encode("cp1252").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return text
    return text


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", _repair(text))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower()


@lru_cache(maxsize=20000)
def name_words(name: str) -> tuple[str, ...]:
    """The words of a name that identify it, in order ("The King's Head (closed)" → king, head)."""
    text = _PREFIX.sub("", _CLOSED.sub(" ", name or ""))
    text = _fold(text).replace("&", " and ").replace("+", " and ")
    text = re.sub(r"['’`]s\b", "s", text)  # King's / Kings
    text = re.sub(r"['’`]", "", text)
    words = [_SPELLINGS.get(w, w) for w in re.findall(r"[a-z0-9]+", text)]
    kept = [w for w in words if w not in _STOPWORDS and w not in _LEGAL]
    return tuple(kept or words)


def normalise_name(name: str) -> str:
    return " ".join(name_words(name))


def _variants(name: str) -> list[tuple[str, ...]]:
    """The name, and without its parenthesis ("Tristan Bates Theatre (TBT)"), and the
    parenthesis alone when it is a full name ("SWC (Small World Centre)")."""
    variants = [name_words(name)]
    if " at " in name.lower():  # "Sky 23 at Hilton Metropole Hotel": the venue, not its host
        variants = [name_words(re.split(r"\s+at\s+", name, maxsplit=1, flags=re.I)[0]) or variants[0]]
    outside = _PARENS.sub(" ", name).strip()
    if outside and outside != name:
        variants.append(name_words(outside))
        for inside in _PARENS.findall(name):
            if len(name_words(inside)) >= 2:
                variants.append(name_words(inside))
    return [v for v in variants if v]


@dataclass(frozen=True)
class NameAgreement:
    similarity: float  # 0-1, the best of the comparisons below
    same: bool  # the normalised names are the same (or one letter apart)
    shared_distinctive: int  # words both names share that are not generic ("Preston")
    distinctive_similarity: float  # similarity of the non-generic words alone
    # One name's real words all appear in the other's ("Polka Theatre" / "Polka Theatre for Children").
    contained: bool
    # Each name says a kind of place the other does not ("Bloomsbury Theatre" / "Bloomsbury Studio").
    kinds_clash: bool


def compare_names(a: str, b: str) -> NameAgreement:
    numbers_a, numbers_b = set(re.findall(r"\d+", a or "")), set(re.findall(r"\d+", b or ""))
    if numbers_a and numbers_b and not numbers_a & numbers_b:
        # "Studio 1" and "Studio 2", "3-5 Latona Road" and "7-17 Latona Road": numbered apart.
        return NameAgreement(0.0, False, 0, 0.0, False, False)
    best = NameAgreement(0.0, False, 0, 0.0, False, False)
    for wa in _variants(a):
        for wb in _variants(b):
            found = _compare_words(wa, wb)
            if (found.same, found.similarity, found.shared_distinctive) > (
                best.same,
                best.similarity,
                best.shared_distinctive,
            ):
                best = found
    return best


def _compare_words(wa: tuple[str, ...], wb: tuple[str, ...]) -> NameAgreement:
    sa, sb = " ".join(wa), " ".join(wb)
    sorted_ratio = fuzz.token_sort_ratio(sa, sb) / 100
    da = [w for w in wa if w not in GENERIC_WORDS]
    db = [w for w in wb if w not in GENERIC_WORDS]
    shared = len(set(da) & set(db))
    distinctive = fuzz.token_sort_ratio(" ".join(da), " ".join(db)) / 100 if da and db else sorted_ratio
    same = sa.replace(" ", "") == sb.replace(" ", "") or (
        min(len(sa), len(sb)) >= 8 and fuzz.ratio(sa, sb) >= 94
    )
    kinds_a = set(wa) & GENERIC_WORDS - _NOT_KIND_WORDS
    kinds_b = set(wb) & GENERIC_WORDS - _NOT_KIND_WORDS
    clash = bool(kinds_a - kinds_b) and bool(kinds_b - kinds_a)
    # The real words count most ("Arden Estate Community Centre" and "Geffrye Community Centre"
    # share only what they are), unless the names say two kinds of place.
    similarity = 0.3 * sorted_ratio + 0.7 * distinctive if da and db and not clash else sorted_ratio
    # "Polka Theatre" in "Polka Theatre for Children": every real word of one is in the other.
    contained = bool(da and db) and not clash and (set(da) <= set(db) or set(db) <= set(da))
    if _own_words_on_both_sides(da, db):
        # "St Mary's Old Church" / "St Mary's New Church", "Khalsa Centre Tooting" / "Tooting
        # Islamic Centre": each has a real word the other lacks (spelling variants aside).
        similarity = min(similarity, 0.69)
    return NameAgreement(1.0 if same else similarity, same, shared, distinctive, contained, clash)


def _own_words_on_both_sides(da: list[str], db: list[str]) -> bool:
    only_a, only_b = set(da) - set(db), set(db) - set(da)
    if not only_a or not only_b:
        return False
    if fuzz.ratio("".join(w for w in da if w in only_a), "".join(w for w in db if w in only_b)) >= 85:
        return False  # "Chickenshed" / "Chicken Shed"
    return any(all(fuzz.ratio(w, x) < 80 for x in only_b) for w in only_a) and any(
        all(fuzz.ratio(x, w) < 80 for w in only_a) for x in only_b
    )


@dataclass(frozen=True)
class Place:
    """What the matcher needs to know about a record (an Asset, an import row, a labelled pair)."""

    name: str
    categories: tuple[str, ...] = ()
    latitude: float | None = None
    longitude: float | None = None
    precision: str = ""
    address: str = ""
    postcode: str = ""
    external_id: str = ""  # e.g. a UPRN; compared only when both have one
    country: str = ""

    @classmethod
    def from_fields(cls, values) -> Place:
        """From a space's field values (a dict of Asset field names, as importers and selectors hold them)."""
        return cls(
            name=values.get("name") or "",
            categories=tuple(values.get("categories") or ()),
            latitude=values.get("latitude"),
            longitude=values.get("longitude"),
            precision=values.get("location_precision") or "",
            address=values.get("address") or "",
            postcode=values.get("postcode") or "",
            country=values.get("country") or "",
        )

    @property
    def tolerance_class(self) -> str:
        """The precision whose tolerance applies (a US "postcode" is a ZIP code)."""
        return "zip" if self.precision == "postcode" and self.country == "US" else self.precision

    @property
    def point(self) -> tuple[float, float] | None:
        if self.latitude is None or self.longitude is None:
            return None
        return (self.latitude, self.longitude)


@dataclass(frozen=True)
class Match:
    score: float
    decision: str
    reasons: tuple[str, ...] = field(default=())
    distance_m: float | None = None

    @property
    def is_duplicate(self) -> bool:
        """Same or likely: a person should look before both are published."""
        return self.decision in (SAME, LIKELY)

    @property
    def summary(self) -> str:
        return ", ".join(self.reasons)


def distance_m(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in metres (haversine; the registry's radius is 6,371 km)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371008.8 * math.asin(min(1.0, math.sqrt(h)))


def tolerance_m(precision_a: str, precision_b: str) -> float:
    """How far apart two positions of one place may be, given how precise each is."""
    ta = PRECISION_TOLERANCE_M.get(precision_a or "", PRECISION_TOLERANCE_M[""])
    tb = PRECISION_TOLERANCE_M.get(precision_b or "", PRECISION_TOLERANCE_M[""])
    return math.hypot(ta, tb)


MIN_SEARCH_RADIUS_M, MAX_SEARCH_RADIUS_M = 400.0, 2000.0


def search_radius_m(precision: str, other_precision: str = "address") -> float:
    """How far to look for possible duplicates of a record placed at ``precision`` (beyond six
    tolerances the distance alone rules a pair out; a town centroid looks no further than 2 km)."""
    return min(MAX_SEARCH_RADIUS_M, max(MIN_SEARCH_RADIUS_M, 6 * tolerance_m(precision, other_precision)))


def worth_comparing(a: str, b: str) -> bool:
    """A cheap first look: names with nothing in common never score as duplicates (their
    "different names" outweighs everything else), so most neighbours stop here."""
    words_a, words_b = name_words(a), name_words(b)
    if set(words_a) & set(words_b):
        return True
    # "Arts Depot" / "artsdepot", "Chicken Shed" / "Chickenshed Theatre"
    return fuzz.partial_ratio("".join(words_a), "".join(words_b)) >= 85


def _category_relation(a: tuple[str, ...], b: tuple[str, ...]) -> str:
    sa, sb = set(a) - {"other"}, set(b) - {"other"}
    if not sa or not sb:
        return "unknown"
    if sa & sb:
        return "same"
    if any(sa & family and sb & family for family in RELATED_CATEGORIES):
        return "related"
    return "different"


# Labels whose first word is not a noun ("Civic or residents' group"): said whole.
_PLURALS = {
    "arts_club": "arts, music or hobby clubs",
    "civic_group": "civic or residents' groups",
    "education": "places of learning",
    "other": "other kinds of place",
}


def _plural(category: str) -> str:
    if category in _PLURALS:
        return _PLURALS[category]
    label = CATEGORIES.label_for(category).lower()
    first = label.split(" or ")[0].split(",")[0]
    head, of, rest = first.partition(" of ")  # "place of worship" → "places of worship"
    if not head.endswith("s"):
        # "library" → "libraries", "gallery" → "galleries", but "day" → "days"
        head = head[:-1] + "ies" if re.search(r"[^aeiou]y$", head) else head + "s"
    return head + (of + rest if of else "")


def _postcode(text: str) -> str:
    return re.sub(r"\s+", "", (text or "").upper())


@dataclass(frozen=True)
class _Address:
    streets: frozenset[str]  # the word before "Road", "Street"... ("oxford" for New Oxford Street)
    numbers: frozenset[int]  # house numbers, ranges expanded ("42-44" → 42, 43, 44)


def _address(text: str) -> _Address:
    text = re.sub(r"['’`]", "", _POSTCODE_RE.sub(" ", _fold(text or "")))
    streets: set[str] = set()
    numbers: set[int] = set()
    for part in text.split(","):
        words = re.findall(r"[a-z]+|\d+[a-z]?(?:\s*-\s*\d+)?", part)
        for i, word in enumerate(words):
            # "St" ends a street only at the end of its part ("Silk St", not "St Paul's").
            kind = (
                word if word in STREET_WORDS else _STREET_SPELLINGS.get(word) if i == len(words) - 1 else None
            )
            if kind and i and words[i - 1].isalpha():
                kind = _STREET_SPELLINGS.get(kind, kind)
                streets.add(f"{words[i - 1]} {kind}")
                if i > 1 and words[i - 2].isalpha():  # "West Ferry Road" = "Westferry Road"
                    streets.add(f"{words[i - 2]}{words[i - 1]} {kind}")
            found = re.match(r"(\d+)[a-z]?(?:\s*-\s*(\d+))?$", word)
            if found and int(found[1]) < 5000:  # 42795 is "1-3" turned into a date by a spreadsheet
                low = int(found[1])
                high = int(found[2]) if found[2] and 0 <= int(found[2]) - low <= 60 else low
                numbers.update(range(low, high + 1))
    return _Address(frozenset(streets), frozenset(numbers))


def address_relation(a: str, b: str) -> str:
    """ "same" (one street and a shared number), "same street", "different" (other streets, or
    numbers far apart on one street), or "unknown" when either says too little."""
    aa, ab = _address(a), _address(b)
    if not aa.streets or not ab.streets:
        return "unknown"
    if not aa.streets & ab.streets:
        return "different"
    if aa.numbers and ab.numbers:
        if aa.numbers & ab.numbers:
            return "same"
        gap = min(abs(x - y) for x in aa.numbers for y in ab.numbers)
        return "same street" if gap <= 4 else "different"
    return "same street"


def compare(a: Place, b: Place) -> Match:
    """How likely ``a`` and ``b`` are one space, and why."""
    names = compare_names(a.name, b.name)
    categories = _category_relation(a.categories, b.categories)
    reasons: list[str] = []
    z = 0.0

    # Names: the strongest evidence either way.
    if names.same:
        z += 4.0
        reasons.append("same name")
    elif names.similarity >= 0.85:
        z += 2.5
        reasons.append(f"similar names (“{a.name}”, “{b.name}”)")
    elif names.contained or names.similarity >= 0.7:
        z += 1.0
        reasons.append(f"names partly alike (“{a.name}”, “{b.name}”)")
    else:
        z -= 3.0 + 3.0 * (0.7 - names.similarity)
        reasons.append(f"different names (“{a.name}”, “{b.name}”)")

    # Categories.
    if categories == "same":
        shared = sorted(set(a.categories) & set(b.categories))
        z += 1.0
        reasons.append(f"both {_plural(shared[0])}")
    elif categories == "related":
        z += 0.0
        reasons.append("related kinds of place")
    elif categories == "different":
        kinds = f"{_plural(a.categories[0])} and {_plural(b.categories[0])}"
        # Two kinds of place sharing a word are two places; the same full name may be one place
        # listed under two kinds.
        z -= 2.0 if names.same else 3.5
        reasons.append(f"different kinds of place ({kinds})")

    # Distance, against what the two positions' precision allows.
    metres = None
    if a.point and b.point:
        metres = distance_m(a.point, b.point)
        ratio = metres / tolerance_m(a.tolerance_class, b.tolerance_class)
        if ratio <= 1:
            z += 1.5
        elif ratio <= 3:
            z += 0.5
        elif ratio <= 6:
            z -= 0.5
        else:
            z -= 2.0 + min(4.0, math.log2(ratio / 6) * 1.5)
        reasons.append(f"{metres:,.0f} m apart")

    # The same door or the same id.
    if a.external_id and a.external_id == b.external_id:
        z += 1.5
        reasons.append("same property id")
    if a.postcode and b.postcode and _postcode(a.postcode) == _postcode(b.postcode):
        z += 0.5
        reasons.append("same postcode")
    address = address_relation(a.address, b.address)
    if address == "same":
        z += 1.5
        reasons.append("same address")
    elif address == "same street":
        z += 0.3
        reasons.append("same street")
    elif address == "different":
        z -= 3.5
        reasons.append("different addresses")

    score = 1 / (1 + math.exp(-(z - 2.0)))
    decision = SAME if score >= SAME_SCORE else LIKELY if score >= LIKELY_SCORE else DIFFERENT
    return Match(round(score, 3), decision, tuple(reasons), metres)
