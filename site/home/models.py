from django.db import models

from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page

from .blocks import HomeBodyBlock, InformationBodyBlock

# The five public sections; used when an editor has not set the navigation.
DEFAULT_NAVIGATION = [
    {"label": "Toolkits", "url": "/toolkits/"},
    {"label": "Case studies", "url": "/case-studies/"},
    {"label": "Find a space", "url": "/spaces/"},
    {"label": "Atlas", "url": "/atlas/"},
    {"label": "Search", "url": "/search/"},
]


class HomePage(Page):
    """The front door: what the platform is for, and where to go next."""

    strapline = models.CharField(max_length=200, blank=True)
    intro = models.TextField(blank=True)
    body = StreamField(HomeBodyBlock(), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("strapline"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]


class InformationPage(Page):
    """A page of plain information editors keep up to date: the privacy notice, the accessibility
    statement, how to contact us."""

    intro = models.TextField(blank=True)
    body = StreamField(InformationBodyBlock(), blank=True)
    last_reviewed = models.DateField(null=True, blank=True, help_text="Shown on the page.")

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("last_reviewed"),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "information page"


class NavLinkBlock(blocks.StructBlock):
    label = blocks.CharBlock(max_length=40)
    url = blocks.CharBlock(max_length=200)

    class Meta:
        icon = "link"


@register_setting(icon="list-ul")
class NavigationSettings(BaseSiteSetting):
    links = StreamField([("link", NavLinkBlock())], blank=True)

    panels = [FieldPanel("links")]

    class Meta:
        verbose_name = "Navigation"

    def menu(self) -> list[dict]:
        links = [dict(block.value) for block in self.links]
        return links or DEFAULT_NAVIGATION


@register_setting(icon="doc-full")
class FooterSettings(BaseSiteSetting):
    """Editable footer text; the data attributions are fixed in the template."""

    about = models.TextField(
        blank=True,
        default="An open-source platform for communities that build social capital.",
    )
    contact_email = models.EmailField(blank=True)
    # Linked from the footer and from every form that collects personal data.
    privacy_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    contact_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The footer links to all three on every page: one query with the settings, not three more.
    select_related = ["privacy_page", "accessibility_page", "contact_page"]

    panels = [
        FieldPanel("about"),
        FieldPanel("contact_email"),
        FieldPanel("privacy_page"),
        FieldPanel("accessibility_page"),
        FieldPanel("contact_page"),
    ]

    class Meta:
        verbose_name = "Footer"
