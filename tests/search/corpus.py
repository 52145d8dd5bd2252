"""The content the search tests judge: a small knowledge hub and registry built by the test (never
the demo), with near misses on purpose (pages that share some of the words, spaces in other
places, a draft and a closed space).
"""

from __future__ import annotations

import importlib

from django.apps import apps

from search import synonyms
from search.models import SynonymGroup
from tests.assets_registry.factories import AssetFactory
from tests.toolkits.factories import (
    CaseStudyPageFactory,
    ThemeFactory,
    ToolkitPageFactory,
    make_knowledge_hub,
)

CHELMSFORD = (51.7356, 0.4685)  # CM1
SPRINGFIELD = (51.7480, 0.4920)  # about 2 km north-east of CM1
EALING = (51.5130, -0.3015)  # W5
BALTIMORE = (39.2904, -76.6122)
BOSTON = (42.3005, -71.0630)
CHELMSFORD_AREA = {"admin_district_code": "E07000070", "admin_district_name": "Chelmsford"}
BALTIMORE_AREA = {"admin_district_code": "24510", "admin_district_name": "Baltimore City"}


def section(heading: str, text: str) -> tuple:
    return ("section", {"heading": heading, "body": f"<p>{text}</p>"})


THEMES = {
    "bridging": ("Bridging capital", "bridging-capital"),
    "bonding": ("Bonding capital", "bonding-capital"),
    "measurement": ("Measurement and evaluation", "measurement-and-evaluation"),
    "third": ("Third spaces", "third-spaces"),
    "policy": ("Policy and advocacy", "policy-and-advocacy"),
    "funding": ("Mobilising resources and funding", "mobilising-resources"),
}

TOOLKITS = [
    {
        "title": "Audit your third spaces for bridging",
        "summary": (
            "Check whether clubs, faith groups and libraries bring "
            "together people from different backgrounds."
        ),
        "stages": ["mapping"],
        "themes": ["bridging", "third"],
        "body": "Visit each space at a busy time and count who comes.",
    },
    {
        "title": "Measure connection: a simple evaluation plan",
        "summary": "A baseline survey and a follow-up a year later, so you can say whether friendships grew.",
        "stages": ["demonstrating"],
        "themes": ["measurement"],
        "body": "Ask the same questions twice and keep the wording identical.",
    },
    {
        "title": "Map your community's assets",
        "summary": (
            "Walk the streets with residents and record every group, building and business: asset mapping."
        ),
        "stages": ["mapping"],
        "themes": ["third"],
        "body": "A spreadsheet with one row per asset is enough to start.",
    },
    {
        "title": "Convene a coalition for connection",
        "summary": "Bring councils, funders and residents' groups around one table with a shared aim.",
        "stages": ["convening"],
        "themes": ["policy"],
        "body": "Agree a purpose before agreeing a structure.",
    },
    {
        "title": "Fund the connectors",
        "summary": "Small grants and paid time for the volunteers who introduce neighbours to each other.",
        "stages": ["convening"],
        "themes": ["funding"],
        "body": "Pay for childcare and travel so that anyone can take part.",
    },
    {
        "title": "Design activities that bridge",
        "summary": "Sports sessions, shared meals and choirs that mix people across incomes and ages.",
        "stages": ["convening"],
        "themes": ["bridging"],
        "body": "Mixed teams, rotating hosts and a shared goal lower the barriers.",
    },
    {
        "title": "Make the case to policymakers",
        "summary": "Policy and advocacy: turn evidence into budget lines and planning rules.",
        "stages": ["demonstrating"],
        "themes": ["policy"],
        "body": "Bring one number and one story to every meeting.",
    },
    {
        "title": "Run a youth club that bridges estates",
        "summary": "Youth workers bring teenagers from different estates together every week.",
        "stages": ["convening"],
        "themes": ["bridging"],
        "body": "Start with football, then cooking, then a trip away together.",
    },
    {
        "title": "Café conversations for newcomers",
        "summary": "Host a weekly café where newcomers practise English with neighbours.",
        "stages": ["convening"],
        "themes": ["bridging", "third"],
        "body": "Tables of four, a host on each and a topic card.",
    },
    {
        "title": "Win support from your local council",
        "summary": (
            "Brief councillors and council officers early, invite them to see the work and report "
            "back on what changed."
        ),
        "stages": ["convening"],
        "themes": ["policy"],
        "body": "Ask for a named officer and a standing slot at the ward forum.",
    },
    {
        "title": "Open your building to the neighbourhood",
        "summary": (
            "Churches, mosques and community centres can lend a room, keep a noticeboard and welcome "
            "groups that need somewhere to meet."
        ),
        "stages": ["mapping"],
        "themes": ["third"],
        "body": "A simple booking sheet and a named key holder are enough to start.",
    },
    {
        "title": "Learning from near misses",
        "summary": "What to do when an event almost went wrong: a short review with the people involved.",
        "stages": ["demonstrating"],
        "themes": ["measurement"],
        "body": "Write down what happened the same day.",
    },
]

CASE_STUDIES = [
    {
        "title": "Harlow's sports clubs open their doors",
        "summary": "Five clubs in Harlow brought in members from the town's lowest-income estates.",
        "place_name": "Harlow",
        "area": "Essex",
        "country": "GB",
        "stage": "convening",
        "themes": ["bridging"],
        "types": ["activity"],
        "position": (51.7727, 0.1023),
    },
    {
        "title": "Shared suppers across Highlandtown's congregations",
        "summary": "Four congregations of different faiths hosted monthly suppers cooked by mixed teams.",
        "place_name": "Highlandtown, Baltimore",
        "area": "Baltimore",
        "country": "US",
        "stage": "demonstrating",
        "themes": ["bonding", "bridging"],
        "types": ["identity"],
        "position": BALTIMORE,
    },
    {
        "title": "Measuring connectedness at a Baltimore rec center",
        "summary": "A rec center surveyed its members twice to see whether they met people unlike them.",
        "place_name": "Druid Hill, Baltimore",
        "area": "Baltimore",
        "country": "US",
        "stage": "demonstrating",
        "themes": ["measurement"],
        "types": ["activity"],
        "position": BALTIMORE,
    },
    {
        "title": "A Baltimore sports club league for every neighborhood",
        "summary": (
            "An adult sports club league drew its teams from across the city, mixing incomes on every side."
        ),
        "place_name": "Baltimore",
        "area": "Baltimore",
        "country": "US",
        "stage": "convening",
        "themes": ["bridging"],
        "types": ["activity"],
        "position": BALTIMORE,
    },
    {
        "title": "Dorchester's neighbor volunteer corps",
        "summary": (
            "A volunteer corps organised neighborhood projects that "
            "brought residents of different incomes together."
        ),
        "place_name": "Dorchester, Boston",
        "area": "Boston",
        "country": "US",
        "stage": "convening",
        "themes": ["bridging"],
        "types": ["purpose"],
        "position": BOSTON,
    },
    {
        "title": "Conversation cafés in a West Ealing library",
        "summary": "A weekly conversation café paired newer arrivals with long-standing residents.",
        "place_name": "West Ealing Library, Ealing",
        "area": "Ealing",
        "country": "GB",
        "stage": "demonstrating",
        "themes": ["bridging", "third"],
        "types": ["purpose"],
        "position": EALING,
    },
    {
        "title": "A parents' network at the school gate",
        "summary": (
            "Parents who met at the school gate started a weekly coffee morning for families new to "
            "the area, in a church hall nearby."
        ),
        "place_name": "Acton, Ealing",
        "area": "Ealing",
        "country": "GB",
        "stage": "convening",
        "themes": ["bonding"],
        "types": ["purpose"],
        "position": EALING,
    },
    {
        "title": "Growing together on Chelmsford's allotments",
        "summary": (
            "A community garden on spare allotment plots brought retired growers and young families "
            "together every Saturday."
        ),
        "place_name": "Chelmsford",
        "area": "Essex",
        "country": "GB",
        "stage": "demonstrating",
        "themes": ["bridging", "third"],
        "types": ["activity"],
        "position": CHELMSFORD,
    },
    {
        "title": "Mosque open days in Southall",
        "summary": "Two mosques opened their doors to neighbours of every faith and none.",
        "place_name": "Southall, Ealing",
        "area": "Ealing",
        "country": "GB",
        "stage": "convening",
        "themes": ["bonding"],
        "types": ["identity"],
        "position": (51.5110, -0.3780),
    },
]

SPACES = [
    {
        "name": "Chelmsford Youth Club",
        "categories": ["youth_club"],
        "third_space_types": ["activity"],
        "description": "Friday nights for 11 to 18 year olds from every part of town.",
        "position": CHELMSFORD,
        "locality": "Chelmsford",
        "postcode": "CM1 1AE",
        **CHELMSFORD_AREA,
    },
    {
        "name": "Springfield Youth Centre",
        "categories": ["youth_club"],
        "third_space_types": ["activity"],
        "description": "Table tennis, music and homework help.",
        "position": SPRINGFIELD,
        "locality": "Springfield",
        "postcode": "CM1 6AA",
        **CHELMSFORD_AREA,
    },
    {
        "name": "Chelmsford Library",
        "categories": ["library"],
        "third_space_types": ["purpose"],
        "description": "Books, computers and a weekly knit and natter.",
        "position": CHELMSFORD,
        "locality": "Chelmsford",
        "postcode": "CM1 1AE",
        **CHELMSFORD_AREA,
    },
    {
        "name": "Ealing Youth Club",
        "categories": ["youth_club"],
        "third_space_types": ["activity"],
        "description": "Boxing, drama and a recording studio.",
        "position": EALING,
        "locality": "Ealing",
    },
    {
        "name": "St Mary's Church Hall",
        "categories": ["place_of_worship"],
        "third_space_types": ["identity"],
        "setting": "religious",
        "description": "Parish hall with a lunch club on Wednesdays.",
        "position": EALING,
        "locality": "Ealing",
    },
    {
        "name": "Café Nour",
        "categories": ["pub_cafe"],
        "third_space_types": ["activity"],
        "description": "Arabic and English conversation over coffee.",
        "position": EALING,
        "locality": "Ealing",
    },
    {
        "name": "Pitshanger Community Choir",
        "categories": ["arts_club"],
        "third_space_types": ["activity"],
        "setting": "hobby_recreational",
        "description": "An open choir: no auditions, all ages.",
        "position": (51.5230, -0.3130),
        "locality": "Ealing",
    },
    {
        "name": "Baltimore Sports Club",
        "categories": ["sports_club"],
        "third_space_types": ["activity"],
        "description": "Basketball and soccer for adults.",
        "position": BALTIMORE,
        "locality": "Baltimore",
        "country": "US",
        "region": "MD",
        "postcode": "21201",
        **BALTIMORE_AREA,
    },
    {
        "name": "Patterson Park Soccer Club",
        "categories": ["sports_club"],
        "third_space_types": ["activity"],
        "description": "Pick-up soccer on Sundays.",
        "position": (39.2890, -76.5790),
        "locality": "Baltimore",
        "country": "US",
        "region": "MD",
        "postcode": "21224",
        **BALTIMORE_AREA,
    },
    {
        "name": "Stay and Play at Acton Children's Centre",
        "categories": ["community_centre"],
        "third_space_types": ["purpose"],
        "description": "A parent and toddler group: meet other parents while the children play.",
        "position": (51.5080, -0.2700),
        "locality": "Acton",
    },
    {
        "name": "Northfields Allotments",
        "categories": ["other"],
        "third_space_types": ["activity"],
        "description": "Allotment plots and a shared community garden, open on Saturday mornings.",
        "position": (51.5030, -0.3140),
        "locality": "Ealing",
    },
    {
        "name": "Highlandtown Food Pantry",
        "categories": ["other"],
        "third_space_types": ["purpose"],
        "description": "Groceries on Tuesdays, with volunteers from four congregations.",
        "position": (39.2860, -76.5700),
        "locality": "Baltimore",
        "country": "US",
        "region": "MD",
        "postcode": "21224",
        **BALTIMORE_AREA,
    },
    {
        "name": "Draft Youth Club",
        "categories": ["youth_club"],
        "position": CHELMSFORD,
        "live": False,
        "locality": "Chelmsford",
        **CHELMSFORD_AREA,
    },
    {
        "name": "Old Youth Club",
        "categories": ["youth_club"],
        "position": CHELMSFORD,
        "status": "closed",
        "locality": "Chelmsford",
        **CHELMSFORD_AREA,
    },
]


def starter_synonyms() -> None:
    """The starter synonym groups that migration search 0001 gives every site, put back if a
    transactional test's flush emptied the table."""
    if not SynonymGroup.objects.exists():
        importlib.import_module("search.migrations.0001_synonym_groups").add_starter_synonyms(apps, None)
    synonyms.forget()


def build_corpus():
    """Create everything above (and the starter synonyms); returns (home, toolkit index,
    case-study index)."""
    starter_synonyms()
    home, toolkit_index, case_study_index = make_knowledge_hub()
    themes = {key: ThemeFactory(name=name, slug=slug) for key, (name, slug) in THEMES.items()}
    for spec in TOOLKITS:
        ToolkitPageFactory(
            parent=toolkit_index,
            title=spec["title"],
            summary=spec["summary"],
            stages=spec["stages"],
            body=[section("How", spec["body"])],
            themes=[themes[key] for key in spec["themes"]],
        )
    for spec in CASE_STUDIES:
        lat, lon = spec["position"]
        CaseStudyPageFactory(
            parent=case_study_index,
            title=spec["title"],
            summary=spec["summary"],
            place_name=spec["place_name"],
            area=spec["area"],
            country=spec["country"],
            stage=spec["stage"],
            third_space_types=spec["types"],
            latitude=lat,
            longitude=lon,
            body=[section("What happened", spec["summary"])],
            themes=[themes[key] for key in spec["themes"]],
        )
    for spec in SPACES:
        spec = dict(spec)
        lat, lon = spec.pop("position")
        defaults = {"admin_district_code": "E09000009", "admin_district_name": "Ealing", "postcode": "W5 2HL"}
        AssetFactory(**{**defaults, **spec, "latitude": lat, "longitude": lon})
    return home, toolkit_index, case_study_index
