"""Factories shared across apps; each app adds its own in tests/<app>/factories.py."""

import factory
import wagtail_factories

from django.conf import settings
from django.contrib.auth import get_user_model

from wagtail.models import Locale, Page, Site

from home.models import HomePage


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("correct-horse-battery-staple")


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Connected Places Hub"
    slug = "home"
    intro = "Find, share and strengthen the places where people connect."


def wagtail_root() -> Page:
    """The tree's root; transactional tests flush the one Wagtail's migrations made."""
    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    return Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))


def make_site_home() -> HomePage:
    """A published home page as the default site's root, as load_demo makes it."""
    root = wagtail_root()
    for child in root.get_children():
        child.delete()
    home = HomePageFactory(parent=root)
    Site.objects.update_or_create(is_default_site=True, defaults={"hostname": "localhost", "root_page": home})
    return home
