"""The knowledge hub: toolkit and case-study pages, their indexes, themes and Fellows.

Page tree (enforced by parent_page_types / subpage_types):

    HomePage
    ├── ToolkitIndexPage (/toolkits/)        └── ToolkitPage
    └── CaseStudyIndexPage (/case-studies/)  └── CaseStudyPage

Only live, public pages are ever listed (``page_context.listed_pages``; for search,
``public_pages``, behind ``selectors.public_toolkits`` / ``public_case_studies``); Fellows'
drafts and submissions in moderation stay in Wagtail's revisions until approved. What a page
shows besides its own fields is built in ``page_context``, which takes the page and the public
pages to draw from: this module imports no selectors or views, so the app has no import loop.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    MultiFieldPanel,
    MultipleChooserPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from assets_registry.fields import ChoiceListField
from toolkits import page_context
from toolkits.blocks import CaseStudyBodyBlock, OutcomesBlock, PartnersBlock, ToolkitBodyBlock
from toolkits.feeds import CaseStudyAtomFeed, CaseStudyRssFeed
from toolkits.forms import CaseStudyPageForm
from toolkits.taxonomy import Audience, Effort, Stage, ThirdSpaceType, country_choices, country_name

# Fellows do not see these; editors and moderators do (granted by services.knowledge_hub_roles_ensure).
PROMOTE_PERMISSION = "toolkits.promote_casestudypage"


class Theme(index.Indexed, models.Model):
    """A theme from the programme's ideas (bridging capital, third spaces…): a managed taxonomy."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(
        max_length=80, unique=True, help_text="Part of the theme's address: /themes/<slug>/."
    )
    description = models.TextField(max_length=400, blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("description"),
    ]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("toolkits:theme", kwargs={"slug": self.slug})


class FellowProfile(index.Indexed, models.Model):
    """A Fellow of the sponsoring society: shown as the author of their case studies.

    The linked account's e-mail address is never shown: only the fields below are public.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="fellow_profile",
        help_text="The account this Fellow signs in with. Add the account to the Fellows group too.",
    )
    name = models.CharField(max_length=120)
    short_bio = models.TextField(max_length=600, help_text="Two or three sentences, written for the public.")
    place = models.CharField(max_length=120, help_text="Where they work, e.g. 'Ealing, London'.")
    expertise = models.CharField(
        max_length=255, blank=True, help_text="Separated by commas, e.g. 'asset mapping, youth work'."
    )
    photo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("short_bio"),
        FieldRowPanel([FieldPanel("place"), FieldPanel("expertise")]),
        FieldPanel("photo"),
        FieldPanel("user"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("place"),
        index.SearchField("expertise"),
    ]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def expertise_list(self) -> list[str]:
        return [item.strip() for item in self.expertise.split(",") if item.strip()]


def _public_hub_pages() -> dict:
    # What a toolkit or case study may link to: only live, public pages.
    return {
        "toolkits": page_context.listed_pages(ToolkitPage),
        "case_studies": page_context.listed_pages(CaseStudyPage),
    }


# --- Toolkits ---------------------------------------------------------------------------------


class ToolkitIndexPage(Page):
    intro = models.TextField(blank=True, help_text="A sentence or two above the list of toolkits.")

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["toolkits.ToolkitPage"]
    max_count = 1

    class Meta:
        verbose_name = "toolkit index"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        toolkits = page_context.listed_pages(ToolkitPage, index=self)
        context.update(page_context.toolkit_index_context(request=request, index=self, toolkits=toolkits))
        return context

    def get_sitemap_urls(self, request=None):
        # Theme pages are plain Django views (/themes/<slug>/); list them here so search engines find them.
        themes = page_context.themes_in_use(Theme.objects.all(), **_public_hub_pages())
        urls = super().get_sitemap_urls(request)
        root_url = self.get_site().root_url if self.get_site() else ""
        urls += [{"location": root_url + theme.get_absolute_url()} for theme in themes]
        return urls


class ToolkitPage(Page):
    summary = models.TextField(
        max_length=400, help_text="What this toolkit helps you do, in one or two sentences."
    )
    stages = ChoiceListField(
        vocabulary=Stage, verbose_name="programme stages", help_text="The stages this toolkit helps with."
    )
    themes = ParentalManyToManyField("toolkits.Theme", blank=True, related_name="toolkits")
    audiences = ChoiceListField(vocabulary=Audience, verbose_name="who it is for")
    time_needed = models.CharField(max_length=120, blank=True, help_text="E.g. 'Two half-days over a month'.")
    effort = models.CharField(max_length=20, choices=Effort.choices, blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional: shown on social media when the toolkit is shared.",
    )
    body = StreamField(ToolkitBodyBlock(), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("stages"),
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("audiences"),
                FieldRowPanel([FieldPanel("time_needed"), FieldPanel("effort")]),
            ],
            heading="Who and when",
        ),
        FieldPanel("image"),
        FieldPanel("body"),
        MultipleChooserPanel(
            "related_toolkit_links", chooser_field_name="toolkit", heading="Related toolkits", label="Toolkit"
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.AutocompleteField("summary"),
        index.SearchField("body"),
        index.RelatedFields("themes", [index.SearchField("name")]),
        index.FilterField("effort"),
    ]
    parent_page_types = ["toolkits.ToolkitIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "toolkit"

    @cached_property
    def theme_list(self) -> list[Theme]:
        """The page's themes, read once per render (the page, its cards and its meta tags)."""
        return list(self.themes.all())

    @property
    def stage_labels(self) -> list[str]:
        return [Stage(value).label for value in self.stages or () if value in Stage.values]

    @property
    def audience_labels(self) -> list[str]:
        return [Audience(value).label for value in self.audiences or () if value in Audience.values]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(page_context.toolkit_page_context(toolkit=self, **_public_hub_pages()))
        return context


class ToolkitRelatedToolkit(Orderable):
    page = ParentalKey(ToolkitPage, on_delete=models.CASCADE, related_name="related_toolkit_links")
    toolkit = models.ForeignKey(ToolkitPage, on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("toolkit")]


# --- Case studies -----------------------------------------------------------------------------


class CaseStudyIndexPage(RoutablePageMixin, Page):
    """Lists case studies (with filters and a map), and serves their feed and the way in for Fellows."""

    intro = models.TextField(blank=True, help_text="A sentence or two above the list of case studies.")

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["toolkits.CaseStudyPage"]
    max_count = 1
    # Sub-paths served by the routes below; a case study may not take one as its slug.
    reserved_slugs = frozenset({"feed", "share"})

    class Meta:
        verbose_name = "case-study index"

    @path("")
    def index_route(self, request):
        # An explicit "" route: Wagtail's preview of a routable page resolves it.
        return self.render(request)

    def public_case_studies(self):
        """The live, public case studies under this index: its listing, map and feed."""
        return page_context.listed_pages(CaseStudyPage, index=self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            page_context.case_study_index_context(
                request=request, index=self, case_studies=self.public_case_studies()
            )
        )
        return context

    @path("feed/", name="feed")
    def atom_feed(self, request):
        return CaseStudyAtomFeed(index=self)(request)

    @path("feed/rss/", name="rss_feed")
    def rss_feed(self, request):
        return CaseStudyRssFeed(index=self)(request)

    @path("share/", name="share")
    def share(self, request):
        """'Share a case study': sign in, then straight to a new case study in the editor."""
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if self.permissions_for_user(request.user).can_add_subpage():
            return redirect(self.add_case_study_url())
        return TemplateResponse(
            request,
            "toolkits/share_case_study.html",
            {"page": self, "title": "Share a case study"},
            status=403,
        )

    def add_case_study_url(self) -> str:
        return reverse("wagtailadmin_pages:add", args=("toolkits", "casestudypage", self.pk))


class CaseStudyPage(Page):
    summary = models.TextField(
        max_length=400, help_text="What happened and what changed, in one or two sentences."
    )
    place_name = models.CharField(
        "place",
        max_length=160,
        help_text="Where it happened, as specific as helps, e.g. 'Southall Broadway, Ealing'.",
    )
    area = models.CharField(
        "town, city or county",
        max_length=80,
        help_text="Used to group case studies, e.g. 'Ealing', 'Essex', 'Baltimore', 'Boston'.",
    )
    country = models.CharField(max_length=2, choices=country_choices, default="GB")
    latitude = models.FloatField(
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text="Leave blank to find it from the place.",
    )
    longitude = models.FloatField(
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        help_text="Leave blank to find it from the place.",
    )
    period = models.CharField("when", max_length=60, blank=True, help_text="E.g. '2022 to 2024'.")
    stage = models.CharField(
        "programme stage",
        max_length=20,
        choices=Stage.choices,
        help_text="The stage this case study mostly shows.",
    )
    themes = ParentalManyToManyField("toolkits.Theme", blank=True, related_name="case_studies")
    third_space_types = ChoiceListField(
        vocabulary=ThirdSpaceType,
        blank=True,
        verbose_name="third-space types",
        help_text="What brought people together: identity, activity or purpose.",
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional: a photo for the top of the page and for social media.",
    )
    partners = StreamField(PartnersBlock(), blank=True)
    body = StreamField(CaseStudyBodyBlock(), verbose_name="what was done")
    outcomes = StreamField(
        OutcomesBlock(),
        blank=True,
        verbose_name="outcomes measured",
        help_text="Each measure with its value before and after, its unit and its source.",
    )
    outcomes_summary = RichTextField(
        "what changed, in words",
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
    )

    base_form_class = CaseStudyPageForm
    content_panels = Page.content_panels + [
        HelpPanel(
            content=(
                "<p>Write for a practitioner in another place: what you did, with whom, what "
                "changed and what you would do differently. Save a draft at any time; when it "
                "is ready, choose <b>Submit for moderation</b> and an editor will review it.</p>"
            ),
            heading="Writing a case study",
        ),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("place_name"), FieldPanel("area")]),
                FieldPanel("country"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("period"),
            ],
            heading="Where and when",
        ),
        MultiFieldPanel(
            [
                FieldPanel("stage"),
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("third_space_types"),
            ],
            heading="Stage, themes and third spaces",
        ),
        FieldPanel("image"),
        FieldPanel("partners"),
        FieldPanel("body"),
        FieldPanel("outcomes"),
        FieldPanel("outcomes_summary"),
        MultipleChooserPanel(
            "author_links",
            chooser_field_name="fellow",
            heading="Written by",
            label="Fellow",
            help_text="You are added automatically when you create a case study.",
        ),
        MultipleChooserPanel(
            "toolkit_links", chooser_field_name="toolkit", heading="Toolkits used", label="Toolkit"
        ),
        MultipleChooserPanel(
            "asset_links", chooser_field_name="asset", heading="Spaces involved", label="Space"
        ),
    ]
    promote_panels = [
        MultiFieldPanel(
            [
                FieldPanel("slug", permission=PROMOTE_PERMISSION),
                FieldPanel("seo_title", permission=PROMOTE_PERMISSION),
                FieldPanel("search_description", permission=PROMOTE_PERMISSION),
            ],
            heading="For search engines",
        ),
        MultiFieldPanel(
            [FieldPanel("show_in_menus", permission=PROMOTE_PERMISSION)], heading="For site menus"
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.AutocompleteField("summary"),
        index.SearchField("place_name"),
        index.SearchField("area"),
        index.SearchField("body"),
        index.SearchField("outcomes_summary"),
        index.RelatedFields("themes", [index.SearchField("name")]),
        index.FilterField("stage"),
        index.FilterField("country"),
        index.FilterField("area"),
    ]
    parent_page_types = ["toolkits.CaseStudyIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "case study"
        verbose_name_plural = "case studies"
        permissions = [("promote_casestudypage", "Can edit the promotion and SEO fields of case studies")]

    @property
    def has_location(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def country_name(self) -> str:
        return country_name(self.country)

    @cached_property
    def theme_list(self) -> list[Theme]:
        """The page's themes, read once per render (the page, its cards and its meta tags)."""
        return list(self.themes.all())

    @property
    def stage_label(self) -> str:
        return Stage(self.stage).label if self.stage in Stage.values else ""

    @property
    def third_space_labels(self) -> list[str]:
        return [ThirdSpaceType(v).label for v in self.third_space_types or () if v in ThirdSpaceType.values]

    @property
    def outcomes_values(self) -> list:
        return [block.value for block in self.outcomes]

    @cached_property
    def fellows(self) -> list[FellowProfile]:
        links = self.author_links.select_related("fellow", "fellow__photo")
        return [link.fellow for link in links if link.fellow_id]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(page_context.case_study_page_context(case_study=self, **_public_hub_pages()))
        return context


class CaseStudyFellow(Orderable):
    page = ParentalKey(CaseStudyPage, on_delete=models.CASCADE, related_name="author_links")
    fellow = models.ForeignKey(FellowProfile, on_delete=models.CASCADE, related_name="case_study_links")

    panels = [FieldPanel("fellow")]


class CaseStudyToolkit(Orderable):
    page = ParentalKey(CaseStudyPage, on_delete=models.CASCADE, related_name="toolkit_links")
    toolkit = models.ForeignKey(ToolkitPage, on_delete=models.CASCADE, related_name="case_study_links")

    panels = [FieldPanel("toolkit")]


class CaseStudyAsset(Orderable):
    """A space from the registry (an ``Asset``) that the case study involved."""

    page = ParentalKey(CaseStudyPage, on_delete=models.CASCADE, related_name="asset_links")
    asset = models.ForeignKey(
        "assets_registry.Asset", on_delete=models.CASCADE, related_name="case_study_links"
    )

    panels = [FieldPanel("asset")]
