"""Atlas admin: areas, indicators and pilot places as snippets, grouped under "Atlas".

Values and boundaries come from the importers (`manage.py import_atlas`), so areas and
indicators are edited for their words (names, descriptions, citations), not their numbers.
"""

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from atlas.models import Area, Indicator, PilotPlace


class AreaViewSet(SnippetViewSet):
    model = Area
    icon = "site"
    menu_label = "Areas"
    list_display = ["name", "kind", "code", "region", "population", "updated_at"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "code", "region"]
    search_backend_name = None  # plain database lookups: areas are not in the search index
    ordering = ["kind", "name"]
    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("region")]),
        FieldRowPanel([FieldPanel("kind", read_only=True), FieldPanel("code", read_only=True)]),
        FieldRowPanel([FieldPanel("population"), FieldPanel("population_source")]),
        FieldPanel("boundary_source", read_only=True),
    ]


class IndicatorViewSet(SnippetViewSet):
    model = Indicator
    icon = "table"
    menu_label = "Indicators"
    list_display = ["name", "slug", "country", "direction", "vintage"]
    list_filter = ["country", "direction"]
    search_fields = ["name", "slug", "description"]
    search_backend_name = None
    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("short_name")]),
        FieldPanel("slug", read_only=True),
        FieldPanel("description"),
        FieldPanel("definition"),
        FieldRowPanel([FieldPanel("unit"), FieldPanel("direction"), FieldPanel("sort_order")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("source"), FieldPanel("source_url")]),
                FieldRowPanel([FieldPanel("vintage"), FieldPanel("licence")]),
                FieldPanel("citation"),
            ],
            heading="Source and citation (shown wherever the data is)",
        ),
    ]


class PilotPlaceViewSet(SnippetViewSet):
    model = PilotPlace
    icon = "pick"
    menu_label = "Pilot places"
    list_display = ["name", "country", "slug"]
    search_fields = ["name"]
    search_backend_name = None
    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("slug"), FieldPanel("country")]),
        FieldPanel("summary"),
        FieldPanel(
            "areas", help_text="The areas it covers: one kind per country, so spaces are not counted twice."
        ),
        FieldPanel("sort_order"),
    ]


class AtlasViewSetGroup(SnippetViewSetGroup):
    menu_label = "Atlas"
    menu_icon = "site"
    menu_order = 260
    items = (AreaViewSet, IndicatorViewSet, PilotPlaceViewSet)


register_snippet(AtlasViewSetGroup)
