"""Knowledge-hub factories: themes, Fellows, the two indexes and their pages."""

from __future__ import annotations

import factory
import wagtail_factories

from tests.factories import UserFactory, make_site_home
from toolkits.models import (
    CaseStudyFellow,
    CaseStudyIndexPage,
    CaseStudyPage,
    FellowProfile,
    Theme,
    ToolkitIndexPage,
    ToolkitPage,
)
from toolkits.services import case_study_index_setup, fellow_account_link

SECTION = ("section", {"heading": "What we did", "body": "<p>We walked the high street with residents.</p>"})


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Theme {n}")
    slug = factory.LazyAttribute(lambda theme: theme.name.lower().replace(" ", "-"))
    description = "A theme for tests."


class FellowProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FellowProfile

    name = factory.Sequence(lambda n: f"Fellow {n}")
    short_bio = "Organiser in west London."
    place = "Ealing, London"
    expertise = "asset mapping, youth work"


class ToolkitIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ToolkitIndexPage

    title = "Toolkits"
    slug = "toolkits"
    intro = "Practical methods."


class CaseStudyIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CaseStudyIndexPage

    title = "Case studies"
    slug = "case-studies"
    intro = "What Fellows did."


class _WithThemes:
    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if extracted:
            self.themes.set(extracted)
            if create:
                self.save()


class ToolkitPageFactory(_WithThemes, wagtail_factories.PageFactory):
    class Meta:
        model = ToolkitPage

    title = factory.Sequence(lambda n: f"Toolkit {n}")
    summary = "A method for mapping what a place already has."
    stages = factory.LazyFunction(lambda: ["mapping"])
    audiences = factory.LazyFunction(lambda: ["residents"])
    body = factory.LazyFunction(lambda: [SECTION])


class CaseStudyPageFactory(_WithThemes, wagtail_factories.PageFactory):
    class Meta:
        model = CaseStudyPage

    title = factory.Sequence(lambda n: f"Case study {n}")
    summary = "Residents mapped their neighbourhood."
    place_name = "Southall, Ealing"
    area = "Ealing"
    country = "GB"
    latitude = 51.51
    longitude = -0.377
    stage = "mapping"
    third_space_types = factory.LazyFunction(lambda: ["activity"])
    body = factory.LazyFunction(lambda: [SECTION])


def make_knowledge_hub():
    """A site with both indexes, as load_demo makes it (Fellows' permission and the workflow)."""
    home = make_site_home()
    toolkit_index = ToolkitIndexPageFactory(parent=home)
    case_study_index = CaseStudyIndexPageFactory(parent=home)
    case_study_index_setup(index=case_study_index)
    return home, toolkit_index, case_study_index


def make_fellow(username: str, *, name: str | None = None):
    user = UserFactory(username=username, email=f"{username}@example.org")
    profile = FellowProfileFactory(name=name or username.title())
    fellow_account_link(user=user, profile=profile)
    return user


def make_moderator(username: str = "moderator"):
    from toolkits.services import knowledge_hub_roles_ensure

    user = UserFactory(username=username, email=f"{username}@example.org")
    user.groups.add(knowledge_hub_roles_ensure().moderators)
    return user


def add_author(page: CaseStudyPage, profile: FellowProfile) -> None:
    page.author_links.add(CaseStudyFellow(fellow=profile))
    page.save()
