"""What importers infer from a category, OpenStreetMap tags, and how they clean common values."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator

from assets_registry.taxonomy import CATEGORIES

# A category's usual third-space types, setting and kind, used when the source says nothing
# more specific (a mapping can set any of them per row).
CATEGORY_DEFAULTS: dict[str, dict] = {
    "community_centre": {"third_space_types": ["purpose"], "setting": "civic", "kind": "physical"},
    "place_of_worship": {"third_space_types": ["identity"], "setting": "religious", "kind": "physical"},
    "library": {"third_space_types": ["purpose"], "setting": "civic", "kind": "physical"},
    "arts_centre": {"third_space_types": ["activity"], "setting": "hobby_recreational", "kind": "cultural"},
    "theatre": {"third_space_types": ["activity"], "setting": "hobby_recreational", "kind": "cultural"},
    "cinema": {"third_space_types": ["activity"], "setting": "hobby_recreational", "kind": "cultural"},
    "music_venue": {"third_space_types": ["activity"], "setting": "hobby_recreational", "kind": "cultural"},
    "museum_gallery": {
        "third_space_types": ["activity"],
        "setting": "hobby_recreational",
        "kind": "cultural",
    },
    "sports_centre": {"third_space_types": ["activity"], "setting": "hobby_recreational", "kind": "physical"},
    "sports_club": {
        "third_space_types": ["activity"],
        "setting": "hobby_recreational",
        "kind": "association",
    },
    "arts_club": {"third_space_types": ["activity"], "setting": "hobby_recreational", "kind": "association"},
    "social_club": {
        "third_space_types": ["activity"],
        "setting": "hobby_recreational",
        "kind": "association",
    },
    "youth_club": {"third_space_types": ["activity"], "setting": "hobby_recreational", "kind": "association"},
    "volunteer_group": {"third_space_types": ["purpose"], "setting": "volunteering", "kind": "association"},
    "civic_group": {"third_space_types": ["purpose"], "setting": "civic", "kind": "association"},
    "park_garden": {"third_space_types": ["activity"], "setting": "hobby_recreational", "kind": "physical"},
    "pub_cafe": {"third_space_types": ["activity"], "setting": "hobby_recreational", "kind": "economic"},
    "makerspace": {"third_space_types": ["activity"], "setting": "hobby_recreational", "kind": "physical"},
    "education": {"third_space_types": ["purpose"], "setting": "civic", "kind": "organisation"},
    "market": {"third_space_types": [], "setting": "", "kind": "economic"},
    "other": {"third_space_types": [], "setting": "", "kind": ""},
}


def category_defaults(categories: list[str]) -> dict:
    """Types are the union over the categories; setting and kind come from the first category."""
    types: list[str] = []
    setting = kind = ""
    for category in categories:
        defaults = CATEGORY_DEFAULTS.get(category, {})
        types += [t for t in defaults.get("third_space_types", []) if t not in types]
        setting = setting or defaults.get("setting", "")
        kind = kind or defaults.get("kind", "")
    return {"third_space_types": types, "setting": setting, "kind": kind}


# OpenStreetMap tag -> category: the taxonomy's own tag per category (taxonomy.Term.osm_tag),
# plus common tags for the same kinds of place.
EXTRA_OSM_TAGS = {
    "amenity=cafe": "pub_cafe",
    "amenity=bar": "pub_cafe",
    "amenity=biergarten": "pub_cafe",
    "amenity=social_facility": "community_centre",
    "amenity=townhall": "civic_group",
    "amenity=exhibition_centre": "arts_centre",
    "amenity=events_venue": "community_centre",
    "amenity=nightclub": "music_venue",
    "amenity=school": "education",
    "amenity=university": "education",
    "amenity=kindergarten": "education",
    "amenity=youth_centre": "youth_club",
    "tourism=gallery": "museum_gallery",
    "tourism=artwork": "other",
    "leisure=fitness_centre": "sports_centre",
    "leisure=stadium": "sports_centre",
    "leisure=pitch": "sports_club",
    "leisure=sports_hall": "sports_centre",
    "leisure=swimming_pool": "sports_centre",
    "leisure=garden": "park_garden",
    "leisure=playground": "park_garden",
    "leisure=nature_reserve": "park_garden",
    "leisure=common": "park_garden",
    "leisure=dance": "arts_club",
    "leisure=social_club": "social_club",
    "club=sport": "sports_club",
    "club=music": "arts_club",
    "club=scout": "youth_club",
    "club=social": "social_club",
    "club=charity": "volunteer_group",
    "office=ngo": "volunteer_group",
    "office=charity": "volunteer_group",
    "office=association": "civic_group",
    "shop=charity": "volunteer_group",
    "landuse=allotments": "park_garden",
    "amenity=studio": "arts_club",
}
# Checked in this order; a feature can match several (a church hall that is also a community centre).
OSM_KEYS = ("amenity", "leisure", "club", "tourism", "office", "shop", "landuse")


def osm_tag_categories() -> dict[str, str]:
    tags = {term.osm_tag: term.value for term in CATEGORIES.terms if term.osm_tag}
    return {**EXTRA_OSM_TAGS, **tags}


def categories_from_tags(tags: dict[str, str]) -> list[str]:
    by_tag = osm_tag_categories()
    found: list[str] = []
    for key in OSM_KEYS:
        for value in str(tags.get(key) or "").split(";"):
            category = by_tag.get(f"{key}={value.strip()}")
            if category and category not in found:
                found.append(category)
    if tags.get("sport") and "sports_club" not in found and "sports_centre" not in found:
        found.append("sports_club")
    return found


# --- cleaning ------------------------------------------------------------------------------

TRUE_WORDS = {"1", "true", "yes", "y", "t", "on", "designated"}
# No empty string here: a cell that says nothing is not known, never "no".
FALSE_WORDS = {"0", "false", "no", "n", "f", "off"}
UK_POSTCODE = re.compile(r"\b([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})\b", re.IGNORECASE)
US_ZIP = re.compile(r"\b(\d{5})(?:-\d{4})?\b")
_url_validator = URLValidator(schemes=["http", "https"])
_email_validator = EmailValidator()


def parse_bool(value) -> bool | None:
    """True/False for the usual spellings; None (not known) for an empty cell or anything else."""
    if value is None or isinstance(value, bool):
        return value
    text = str(value or "").strip().lower()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    return None


_HOSTNAME = re.compile(
    r"^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}\.?$", re.IGNORECASE
)


# The usual shape, settled by one match: http(s), a host name, then a path/query with no spaces.
_SIMPLE_URL = re.compile(
    r"^https?://(?=[^/?#]{1,253}(?:[/?#]|$))(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}\.?"
    r"(?:[/?#]\S*)?$",
    re.IGNORECASE,
)


def clean_website(value: str) -> tuple[str, str]:
    """(url, warning). Adds http:// to "www.example.org"; drops what is not a web address.

    A quick check of the usual shape first (scheme, host name), then Django's URLValidator (the
    URLField's own) only for what the quick check cannot settle: it is slow at 100,000 rows."""
    text = (value or "").strip()
    if not text:
        return "", ""
    if "://" not in text:
        text = "http://" + text.lstrip("/")
    if len(text) > 500:
        return "", "website is longer than 500 characters (left out)"
    if _SIMPLE_URL.match(text):
        return text, ""
    parts = urlsplit(text)
    simple = (
        parts.scheme in ("http", "https")
        and _HOSTNAME.match(parts.hostname or "")
        and not parts.username
        and parts.port is None
        and not any(c.isspace() for c in text)
    )
    if not simple:
        try:
            _url_validator(text)
        except ValidationError:
            return "", f"website “{value}” is not a web address (left out)"
    return text, ""


def clean_email(value: str) -> tuple[str, str]:
    text = (value or "").strip()
    if text.lower().startswith("mailto:"):
        text = text[7:]
    if not text:
        return "", ""
    try:
        _email_validator(text)
    except ValidationError:
        return "", f"e-mail “{value}” is not an e-mail address (left out)"
    return text, ""


def find_postcode(text: str, country: str = "GB") -> str:
    """The first UK postcode (normalised "W5 2HL") or US ZIP code in ``text``; "" if none."""
    if country == "US":
        match = US_ZIP.search(text or "")
        return match.group(1) if match else ""
    match = UK_POSTCODE.search(text or "")
    return f"{match.group(1)} {match.group(2)}".upper() if match else ""
