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
