from wagtail import blocks


class RouteBlock(blocks.StructBlock):
    """A card that sends a visitor to one part of the platform."""

    title = blocks.CharBlock(max_length=80)
    url = blocks.CharBlock(max_length=200, help_text="A path such as /spaces/ or a full URL.")
    description = blocks.TextBlock(max_length=300)

    class Meta:
        icon = "link"
        template = "blocks/route_block.html"
        description = "A card linking to a section of the site"
        preview_value = {
            "title": "Find a space",
            "url": "/spaces/",
            "description": "Spaces near you, on a map and as a list.",
        }


class HomeBodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        form_classname="title",
        icon="title",
        template="blocks/heading_block.html",
        description="A section heading",
        preview_value="Why connection matters",
    )
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ol", "ul"],
        icon="pilcrow",
        description="Rich text",
        preview_value="<p>Friendships across income are one of the strongest predictors of mobility.</p>",
    )
    routes = blocks.ListBlock(RouteBlock(), icon="list-ul", template="blocks/routes_block.html")


class RetentionBlock(blocks.StaticBlock):
    """How long residents' e-mails are kept, as the site is configured: the notice can never
    say one number while the site does another (PERSONAL_DATA_RETENTION_DAYS)."""

    def get_context(self, value, parent_context=None):
        from django.conf import settings

        context = super().get_context(value, parent_context=parent_context)
        context["retention_days"] = settings.PERSONAL_DATA_RETENTION_DAYS
        return context

    class Meta:
        icon = "time"
        template = "blocks/retention_block.html"
        admin_text = "How long we keep residents' e-mail addresses (from the site's settings)."
        label = "Retention period"


class InformationBodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(form_classname="title", icon="title", template="blocks/heading_block.html")
    paragraph = blocks.RichTextBlock(features=["h3", "bold", "italic", "link", "ol", "ul"], icon="pilcrow")
    retention = RetentionBlock()
