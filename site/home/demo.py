"""The demo home page and site: idempotent, so `load_demo` can run any number of times."""

from django.db import transaction

from wagtail.models import Page, Site

from .information_demo import PAGES, REVIEWED
from .models import FooterSettings, HomePage, InformationPage

HOME = {
    "title": "Connected Places Hub",
    "slug": "home",
    "strapline": "Find, share and strengthen the places where people connect.",
    "intro": (
        "Friendships that cross lines of income, faith and age are among the strongest "
        "predictors of a child's chance to do better than their parents. They grow in third "
        "spaces: the clubs, congregations, libraries and volunteer groups where a shared "
        "interest or purpose brings different people together. This hub helps the people "
        "who build those places to learn from each other, map what a neighbourhood already "
        "has, and see where connection is under strain."
    ),
    "body": [
        ("heading", "Where to start"),
        (
            "routes",
            [
                {
                    "title": "Toolkits",
                    "url": "/toolkits/",
                    "description": "Practical methods for each stage: mapping the opportunity, convening the coalition and demonstrating collective impact.",
                },
                {
                    "title": "Case studies",
                    "url": "/case-studies/",
                    "description": "What Fellows and partners did in Ealing, Essex, Baltimore, Boston and beyond, with the outcomes they measured.",
                },
                {
                    "title": "Find a space",
                    "url": "/spaces/",
                    "description": "Community centres, faith groups, clubs, libraries and volunteer groups near a postcode, ZIP code or place, on a map and as a list.",
                },
                {
                    "title": "Social-capital atlas",
                    "url": "/atlas/",
                    "description": "Economic connectedness beside the density of community spaces, so a place can see where third spaces are sparse relative to need.",
                },
                {
                    "title": "Search everything",
                    "url": "/search/",
                    "description": "One search across toolkits, case studies and spaces.",
                },
            ],
        ),
        ("heading", "Bonding and bridging"),
        (
            "paragraph",
            "<p><b>Bonding</b> capital is the trust within a group; <b>bridging</b> capital is the "
            "ties across groups. Bridging needs both <i>exposure</i>, meeting people unlike you, "
            "and low <i>bias</i>, actually befriending them. Bias is lowest where people come "
            "together by identity (faith), activity (sport, arts, hobbies) or purpose "
            "(volunteering and civic life), which is why the registry is organised around "
            "those three kinds of third space.</p>",
        ),
    ],
}


@transaction.atomic
def load(*, stdout) -> HomePage:
    root = Page.get_first_root_node()
    home = HomePage.objects.first()
    if home is None:
        # Wagtail's migration creates a "Welcome" page at the root's first child; replace it.
        for page in root.get_children().exclude(content_type__model="homepage"):
            if page.slug == "home":
                page.delete()
        home = HomePage(title=HOME["title"], slug=HOME["slug"])
        root.add_child(instance=home)
    for field in ("title", "strapline", "intro"):
        setattr(home, field, HOME[field])
    home.body = HOME["body"]
    home.save_revision().publish()
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": HOME["title"]},
    )
    _information_pages(home)
    stdout.write(
        "Home page and site ready (with the privacy notice, accessibility statement and contact page)."
    )
    return home


def _information_pages(home: HomePage) -> None:
    footer = FooterSettings.for_site(Site.objects.get(is_default_site=True))
    for setting, content in PAGES.items():
        page = InformationPage.objects.child_of(home).filter(slug=content["slug"]).first()
        if page is None:
            page = InformationPage(slug=content["slug"], title=content["title"])
            home.add_child(instance=page)
        page.title, page.intro, page.body = content["title"], content["intro"], content["body"]
        page.last_reviewed = REVIEWED
        page.save_revision().publish()
        setattr(footer, setting, page)
    footer.contact_email = footer.contact_email or "hub@example.org"
    footer.save()
