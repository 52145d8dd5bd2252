"""Demo content for the knowledge hub: the two index pages, the programme's themes, Fellows, eight
toolkits, eight case studies, two downloadable documents and a demo Fellow account.

Idempotent: everything is keyed (pages by slug, themes by slug, Fellows by name, documents by
title) and only created when missing, so a second run changes nothing and editors' changes stay.
"""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.db import transaction

from wagtail.documents import get_document_model
from wagtail.models import Collection, Page, Site

from assets_registry.demo_logins import VAR, DemoLogins
from toolkits.models import (
    CaseStudyAsset,
    CaseStudyFellow,
    CaseStudyIndexPage,
    CaseStudyPage,
    CaseStudyToolkit,
    FellowProfile,
    Theme,
    ToolkitIndexPage,
    ToolkitPage,
    ToolkitRelatedToolkit,
)
from toolkits.services import (
    case_study_index_setup,
    fellow_account_link,
    knowledge_hub_roles_ensure,
    themes_seed,
)

from .case_studies import CASE_STUDIES, FELLOWS
from .documents import DOCUMENTS
from .toolkits import TOOLKITS

DEMO_FELLOW_USERNAME = "fellow"
DEMO_FELLOW_NAME = "Priya Raman"
FELLOW_LOGINS = DemoLogins("Demo Fellow", VAR / "demo-fellow.txt")

TOOLKIT_INDEX = {
    "slug": "toolkits",
    "title": "Toolkits",
    "intro": "Practical methods for building social capital, for each stage of the work: mapping the opportunity, convening the coalition and demonstrating collective impact. Filter by stage, theme and who a toolkit is for.",
}
CASE_STUDY_INDEX = {
    "slug": "case-studies",
    "title": "Case studies",
    "intro": "What Fellows and their partners did in Ealing, Essex, Baltimore, Boston and beyond: the third spaces they worked with, the coalitions they built and the outcomes they measured.",
}


def load(*, stdout) -> None:
    # The site shell's home page, found through the default site (the knowledge hub does not
    # import the shell: imports run one way).
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        stdout.write("  No default site: run the home demo first.")
        return
    home = site.root_page
    with transaction.atomic():
        themes_seed()
        knowledge_hub_roles_ensure()
        toolkit_index = _index(home, ToolkitIndexPage, TOOLKIT_INDEX)
        case_study_index = _index(home, CaseStudyIndexPage, CASE_STUDY_INDEX)
        case_study_index_setup(index=case_study_index)
        documents = {key: _document(**spec) for key, spec in DOCUMENTS.items()}
        fellows = {spec["name"]: _fellow(spec) for spec in FELLOWS}
        fellow_user = _demo_fellow_user(fellows[DEMO_FELLOW_NAME])
        toolkits = _toolkits(toolkit_index, documents)
        created = _case_studies(
            case_study_index, toolkits, fellows, owners={DEMO_FELLOW_USERNAME: fellow_user}
        )
    stdout.write(
        f"  {len(toolkits)} toolkits, {CaseStudyPage.objects.live().count()} live case studies "
        f"({created} new), {Theme.objects.count()} themes."
    )
    stdout.write(f"  {FELLOW_LOGINS.label}: {FELLOW_LOGINS.sign_in(fellow_user)}")


def _index(home: Page, model, spec: dict):
    existing = model.objects.child_of(home).filter(slug=spec["slug"]).first()
    if existing is not None:
        return existing
    page = model(title=spec["title"], slug=spec["slug"], intro=spec["intro"])
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def _document(*, title: str, filename: str, content: str):
    Document = get_document_model()
    document = Document.objects.filter(title=title).first()
    if document is None:
        root = Collection.get_first_root_node() or Collection.add_root(name="Root")
        document = Document(title=title, collection=root)
        document.file.save(filename, ContentFile(content.encode("utf-8")), save=False)
        document.save()
    return document


def _fellow(spec: dict) -> FellowProfile:
    profile, _created = FellowProfile.objects.get_or_create(
        name=spec["name"],
        defaults={key: spec[key] for key in ("place", "short_bio", "expertise")},
    )
    return profile


def _demo_fellow_user(profile: FellowProfile):
    """The demo Fellow's account (its password in var/demo-fellow.txt), linked to their profile."""
    user, _created = FELLOW_LOGINS.account(
        DEMO_FELLOW_USERNAME, email="fellow@example.org", first_name="Priya", last_name="Raman"
    )
    fellow_account_link(user=user, profile=profile)
    return user


def _with_documents(body: list, documents: dict) -> list:
    blocks = []
    for block_type, value in body:
        if block_type == "document":
            value = {
                "document": documents[value["document_key"]],
                "title": value["title"],
                "description": value["description"],
            }
        blocks.append((block_type, value))
    return blocks


def _toolkits(index: ToolkitIndexPage, documents: dict) -> dict[str, ToolkitPage]:
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    pages: dict[str, ToolkitPage] = {}
    new: list[tuple[ToolkitPage, dict]] = []
    for spec in TOOLKITS:
        page = ToolkitPage.objects.child_of(index).filter(slug=spec["slug"]).first()
        if page is None:
            page = ToolkitPage(
                title=spec["title"],
                slug=spec["slug"],
                summary=spec["summary"],
                stages=spec["stages"],
                audiences=spec["audiences"],
                time_needed=spec["time_needed"],
                effort=spec["effort"],
                body=_with_documents(spec["body"], documents),
            )
            page.themes = [themes[slug] for slug in spec["themes"]]
            index.add_child(instance=page)
            new.append((page, spec))
        pages[spec["slug"]] = page
    # Related toolkits point at each other, so they are linked once every page exists.
    for page, spec in new:
        for order, slug in enumerate(spec["related"]):
            page.related_toolkit_links.add(ToolkitRelatedToolkit(toolkit=pages[slug], sort_order=order))
        page.save_revision().publish()
    return pages


def _case_studies(index, toolkits: dict, fellows: dict, *, owners: dict) -> int:
    from assets_registry.selectors import public_assets

    themes = {theme.slug: theme for theme in Theme.objects.all()}
    created = 0
    for spec in CASE_STUDIES:
        if CaseStudyPage.objects.child_of(index).filter(slug=spec["slug"]).exists():
            continue
        page = CaseStudyPage(
            title=spec["title"],
            slug=spec["slug"],
            summary=spec["summary"],
            place_name=spec["place_name"],
            area=spec["area"],
            country=spec["country"],
            latitude=spec["latitude"],
            longitude=spec["longitude"],
            period=spec["period"],
            stage=spec["stage"],
            third_space_types=spec["third_space_types"],
            partners=spec["partners"],
            body=spec["body"],
            outcomes=[("measure", measure) for measure in spec["outcomes"]],
            outcomes_summary=spec["outcomes_summary"],
            owner=owners.get(spec.get("owner")),
        )
        page.themes = [themes[slug] for slug in spec["themes"]]
        page.author_links = [CaseStudyFellow(fellow=fellows[name]) for name in spec["fellows"]]
        page.toolkit_links = [CaseStudyToolkit(toolkit=toolkits[slug]) for slug in spec["toolkits"]]
        page.asset_links = [
            CaseStudyAsset(asset=asset) for asset in public_assets().filter(source_id__in=spec["assets"])
        ]
        index.add_child(instance=page)
        page.save_revision(user=page.owner).publish()
        created += 1
    return created
